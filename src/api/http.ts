import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, isAxiosError } from 'axios';
import { XapiCancelledError, XapiError } from './errors';
import { isTlsErrorCode, type TlsSettings } from './tls';

/**
 * One HTTP connection pool per PBX. It sends a request and hands back status, headers and text; every failure
 * without an answer (timeout, refused, reset, untrusted certificate, cancelled) becomes an XapiError here, so
 * the layers above only ever see answers or XapiErrors. Statuses are mapped in responses.ts.
 */

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  data?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** What an error needs to say where it happened. */
export interface RequestContext {
  pbx: string;
  method: string;
  url: string;
  attempt: number;
  timeoutMs: number;
}

const NETWORK_PHRASES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed while sending',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
};

const TIMED_OUT = Symbol('timed out');

/** A plain error with only message and code: an AxiosError would carry our Authorization header into logs. */
function plainCause(message: string, code: string | undefined): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

export function transportError(
  err: unknown,
  ctx: RequestContext,
  timedOut: boolean,
  cancelled: boolean,
): XapiError {
  const base = { method: ctx.method, url: ctx.url, pbx: ctx.pbx, attempts: ctx.attempt };
  if (timedOut) {
    return new XapiError({
      ...base,
      kind: 'timeout',
      message: `no answer within ${ctx.timeoutMs} ms`,
      timeoutMs: ctx.timeoutMs,
    });
  }
  if (cancelled)
    return new XapiCancelledError({ ...base, kind: 'timeout', message: 'cancelled before 3CX answered' });
  const code = isAxiosError(err) ? err.code : (err as NodeJS.ErrnoException | undefined)?.code;
  const detail = err instanceof Error ? err.message : String(err);
  const cause = plainCause(detail, code);
  if (isTlsErrorCode(code))
    return new XapiError({ ...base, kind: 'tls', message: `${code}: ${detail}`, cause });
  const phrase = code ? NETWORK_PHRASES[code] : undefined;
  if (phrase) return new XapiError({ ...base, kind: 'network', message: `${phrase}, ${code}`, cause });
  if (code === 'ERR_BAD_RESPONSE' || code?.startsWith('HPE_')) {
    return new XapiError({ ...base, kind: 'protocol', message: `a broken HTTP answer (${detail})`, cause });
  }
  return new XapiError({ ...base, kind: 'network', message: code ? `${detail}, ${code}` : detail, cause });
}

/**
 * How long an idle keep-alive connection is kept. Node honours the server's `Keep-Alive: timeout=N` (closing 1 s
 * before it) only when the agent has a timeout of its own; without one an idle connection is kept for ever, and a
 * request sent just as the PBX closes it fails with ECONNRESET (seen under load: 1 write in 500 lost).
 */
export const IDLE_SOCKET_MS = 30_000;

export class Transport {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly axios: AxiosInstance;

  constructor(tls: TlsSettings) {
    // Keep-alive: a token request and the calls after it reuse one TLS session instead of a handshake each.
    this.httpAgent = new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS });
    this.httpsAgent = new https.Agent({
      keepAlive: true,
      timeout: IDLE_SOCKET_MS,
      rejectUnauthorized: tls.rejectUnauthorized,
      ...(tls.ca ? { ca: tls.ca } : {}),
    });
    this.axios = axios.create({
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      // Every status is an answer; responses.ts decides what it means.
      validateStatus: () => true,
      // We parse JSON ourselves, so a malformed answer is reported as such rather than passed on as text.
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      transitional: { forcedJSONParsing: false, silentJSONParsing: true, clarifyTimeoutError: true },
      // A redirect means THREECX_URL is not the PBX's own address; following it could send the token elsewhere.
      maxRedirects: 0,
      // Only config.ts reads the environment; axios would otherwise pick up HTTP(S)_PROXY on its own.
      proxy: false,
      maxContentLength: 64 * 1024 * 1024,
      // So a PBX admin reading the 3CX logs can tell the bot's requests from the web client's.
      headers: { 'user-agent': '3cx-slack' },
    });
  }

  /** Sends one request with a hard deadline of `ctx.timeoutMs` for the whole answer, body included. */
  async send(request: HttpRequest, ctx: RequestContext): Promise<HttpResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(TIMED_OUT), ctx.timeoutMs);
    const onCallerAbort = () => controller.abort(request.signal?.reason);
    if (request.signal?.aborted) onCallerAbort();
    else request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const res = await this.axios.request<string>({
        method: request.method,
        url: request.url,
        headers: request.headers,
        data: request.data,
        signal: controller.signal,
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
      }
      return { status: res.status, headers, text: typeof res.data === 'string' ? res.data : '' };
    } catch (err) {
      const timedOut = controller.signal.reason === TIMED_OUT;
      throw transportError(err, ctx, timedOut, !timedOut && controller.signal.aborted);
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
