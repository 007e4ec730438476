import { XapiCancelledError, type XapiError, XapiUnexpectedError } from '../api/client';

/**
 * Whether a failed write may still have reached 3CX: no answer came (timeout, a connection cut mid-way, a call
 * cancelled, a bug in the bot while waiting), or a gateway in front of the PBX answered in its place. 3CX has no
 * idempotency keys, so such a write must not be taken as "not done": whoever decides next re-reads the PBX first.
 * Refused connections, unknown hosts, TLS and every answer 3CX itself gave mean it was not applied.
 */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function fateUnknown(method: string, err: XapiError): boolean {
  if (method.toUpperCase() === 'GET') return false;
  if (err instanceof XapiCancelledError || err instanceof XapiUnexpectedError) return true;
  if (err.kind === 'timeout') return !new URL(err.url, 'http://x').pathname.endsWith('/connect/token');
  if (err.status !== undefined) return err.status === 502 || err.status === 504;
  if (err.kind === 'protocol') return true;
  if (err.kind !== 'network') return false;
  const code = (err.cause as { code?: unknown } | undefined)?.code;
  return !(typeof code === 'string' && NOT_SENT_CODES.has(code));
}
