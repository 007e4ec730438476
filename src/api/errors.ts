/**
 * One error for everything that can go wrong talking to a PBX, and the one place that turns it into a sentence
 * for a person. Callers branch on `kind` (or `instanceof XapiCancelledError`), never on message text.
 */

export type XapiErrorKind =
  | 'auth'
  | 'forbidden'
  | 'not_found'
  | 'validation'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'timeout'
  | 'network'
  | 'tls'
  | 'protocol';

export interface XapiErrorInit {
  kind: XapiErrorKind;
  /** Why it failed, short, readable on its own: it is also what `userMessage` quotes for protocol errors. */
  message: string;
  method: string;
  url: string;
  pbx: string;
  attempts?: number;
  status?: number;
  code?: string;
  pbxMessage?: string;
  target?: string;
  cause?: unknown;
  retryAfterMs?: number;
  timeoutMs?: number;
}

export class XapiError extends Error {
  override readonly name: string = 'XapiError';
  readonly kind: XapiErrorKind;
  /** HTTP status, when 3CX answered at all. */
  declare readonly status?: number;
  /** 3CX's own `error.code`. */
  declare readonly code?: string;
  /** 3CX's own `error.message`, with the messages of `error.details` when it gave any. */
  declare readonly pbxMessage?: string;
  declare readonly target?: string;
  readonly method: string;
  /** Without credentials or secret query values; safe to log and to show. */
  readonly url: string;
  readonly pbx: string;
  /** HTTP attempts made, including retries; 0 when nothing was sent. */
  readonly attempts: number;
  declare readonly cause?: unknown;
  /** From Retry-After on a 429 or 503. */
  declare retryAfterMs?: number;
  /** The per-attempt limit that ran out, for kind `timeout`. */
  declare readonly timeoutMs?: number;

  constructor(init: XapiErrorInit) {
    super(init.message);
    // Optional fields are `declare`d, so the ones a failure lacks are absent rather than undefined in logs.
    this.kind = init.kind;
    this.method = init.method;
    this.url = safeUrl(init.url);
    this.pbx = init.pbx;
    this.attempts = init.attempts ?? 0;
    if (init.status !== undefined) this.status = init.status;
    if (init.code !== undefined) this.code = init.code;
    if (init.pbxMessage !== undefined) this.pbxMessage = init.pbxMessage;
    if (init.target !== undefined) this.target = init.target;
    if (init.cause !== undefined) this.cause = init.cause;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.timeoutMs !== undefined) this.timeoutMs = init.timeoutMs;
  }
}

/**
 * The caller gave up (its AbortSignal fired, or the client was closed) before 3CX answered. Kind `timeout`
 * because for a person the consequence is the same: no answer, and a write may or may not have happened.
 */
export class XapiCancelledError extends XapiError {
  override readonly name: string = 'XapiCancelledError';
}

/**
 * Something other than an XapiError came out of the call (a bug in the bot, not an answer from 3CX). Kind
 * `protocol` so every switch over kinds still handles it; its own sentence, because the bot cannot tell whether a
 * write reached 3CX.
 */
export class XapiUnexpectedError extends XapiError {
  override readonly name: string = 'XapiUnexpectedError';
}

/** Drops user:password@ and masks secret-looking query values, so the URL can be logged and shown. */
export function safeUrl(raw: string): string {
  return raw
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@?#]*@/i, '$1')
    .replace(/([?&](?:access_token|token|client_secret|secret|password)=)[^&#]*/gi, '$1REDACTED');
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The part below /xapi/v1, decoded so a person recognises what they typed. */
function resourceOf(url: string): string {
  let path: string;
  try {
    const parsed = new URL(url);
    path = parsed.pathname.replace(/^\/xapi\/v1/, '');
  } catch {
    path = url;
  }
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Ends a quoted reason with exactly one stop. */
const stop = (s: string): string => (/[.?!]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);
/** 15000 → 15, 1500 → 1.5: a timeout is said as it was set. */
const seconds = (ms: number): number => Math.max(0.1, Math.round(ms / 100) / 10);
const isWrite = (method: string): boolean => method.toUpperCase() !== 'GET';

function pbxSaid(err: XapiError): string {
  const message = err.pbxMessage?.trim();
  const code = err.code?.trim();
  if (message && code) return ` 3CX said: "${message}" (code ${code})`;
  if (message) return ` 3CX said: "${message}"`;
  if (code) return ` 3CX gave the code ${code}.`;
  return '';
}

function mayHaveApplied(err: XapiError): string {
  // A token request that timed out means the call itself was never sent.
  if (new URL(err.url, 'http://x').pathname.endsWith('/connect/token'))
    return ' The bot could not sign in to 3CX, so nothing was sent; try again.';
  return isWrite(err.method)
    ? ' The change may still have been applied: check before retrying.'
    : ' Try again; if it keeps happening, check the load on the PBX and the network between it and the bot.';
}

function sentence(err: XapiError): string {
  if (err instanceof XapiCancelledError) {
    return `The 3CX call was cancelled before 3CX answered.${isWrite(err.method) ? ' The change may still have been applied: check before retrying.' : ''}`;
  }
  if (err instanceof XapiUnexpectedError) {
    return isWrite(err.method)
      ? 'The bot failed unexpectedly while waiting for 3CX, so it cannot tell whether the change was applied: check before retrying. The error is in the bot log under this request id.'
      : 'The bot failed unexpectedly while reading from 3CX. Try again; if it keeps happening, tell the bot admin (the error is in the bot log under this request id).';
  }
  switch (err.kind) {
    case 'auth':
      return '3CX refused the API credentials. Check THREECX_CLIENT_ID and THREECX_CLIENT_SECRET against Admin › Integrations › API in the 3CX console.';
    case 'forbidden':
      return "3CX does not let this API client do that. Give the API client a role that allows it in the 3CX console (Admin › Integrations › API › the client's role).";
    case 'not_found':
      return `3CX has nothing at ${resourceOf(err.url)}. Check the name or id you gave, for example by listing what exists.`;
    case 'validation':
      return err.status === undefined
        ? `The request was not sent: ${stop(err.message)}`
        : '3CX rejected the request as invalid. Correct the values it names and try again.';
    case 'conflict':
      return '3CX refused the change because it conflicts with what is there now (it may already exist, or someone changed it meanwhile). Read the current state, then try again.';
    case 'rate_limited':
      return err.retryAfterMs !== undefined
        ? `3CX is receiving too many requests. Wait ${seconds(err.retryAfterMs)} s and try again.`
        : '3CX is receiving too many requests. Wait a minute and try again.';
    case 'unavailable':
      return `3CX is busy or restarting${err.status ? ` (HTTP ${err.status})` : ''}. Try again in a minute; if it persists, check the PBX's services in the 3CX console.`;
    case 'timeout':
      return `3CX did not answer within ${err.timeoutMs !== undefined ? `${seconds(err.timeoutMs)} s` : 'the time limit'}.${mayHaveApplied(err)}`;
    case 'network':
      return `The bot cannot reach 3CX at ${hostOf(err.url)}${err.message ? ` (${err.message})` : ''}. Check THREECX_URL (or the url of this PBX under pbxs: in BOT_CONFIG) and that the PBX is reachable from the bot.`;
    case 'tls':
      return `The TLS certificate of ${hostOf(err.url)} is not trusted (${err.message}). Set THREECX_CA_FILE to the PBX's CA certificate (PEM), or THREECX_INSECURE_TLS=1 for testing only.`;
    case 'protocol':
      return err.status === 500
        ? '3CX failed with an internal error (HTTP 500). Try again later; if it persists, check the 3CX event log.'
        : `3CX gave an answer the bot did not expect: ${err.message}. Check that THREECX_URL (or the url of this PBX under pbxs:) is the address of the 3CX PBX itself.`;
    default:
      // Errors from elsewhere (or a newer kind) still get a sentence rather than nothing.
      return `The 3CX call failed: ${stop(err.message)}`;
  }
}

/** What happened and what to check, for a person; 3CX's own message and code appended when it gave them. */
export function userMessage(err: XapiError): string {
  return `${sentence(err)}${pbxSaid(err)}`;
}
