import type pino from 'pino';
import { z } from 'zod';
import { XapiError } from './errors';
import type { HttpResponse, RequestContext, Transport } from './http';
import { errorFromResponse, parseBody } from './responses';

/**
 * Access tokens for one 3CX API client. 3CX keeps one live token per client id and revokes the previous one
 * whenever a new one is issued, so tokens are fetched single-flight and reused until shortly before expiry:
 * two fetches racing would leave one of them holding a dead token.
 */

export interface TokenSource {
  getToken(): Promise<string>;
  /** Drops `token` only if it is still the current one, so a late 401 does not discard a fresh token. */
  invalidate(token: string): void;
}

/** Whether `expires_in` counts seconds (3CX 20.0.9 and later) or minutes (earlier); `auto` decides per answer. */
export type ExpiresInUnit = 'auto' | 'seconds' | 'minutes';

/**
 * The lifetime `expires_in` stands for. With `auto`, values of 120 or less are minutes: 3CX before 20.0.9 sent
 * 60 (minutes), later versions send 3600 (seconds), and no 3CX issues tokens that live two minutes or less.
 * Guessing wrong is recoverable either way: a lifetime read too long ends in a 401, which refreshes once and
 * retries; one read too short only refreshes early.
 */
export function tokenLifetimeMs(expiresIn: number, unit: ExpiresInUnit = 'auto'): number {
  const minutes = unit === 'minutes' || (unit === 'auto' && expiresIn <= 120);
  return expiresIn * (minutes ? 60_000 : 1_000);
}

/** Used when the answer names no lifetime: short enough to stay clear of any real expiry. */
const FALLBACK_LIFETIME_MS = 10 * 60_000;
/** Refresh this long before expiry (or at half-life for short tokens) so a call never leaves with a token about to die. */
const REFRESH_MARGIN_MS = 60_000;

const tokenAnswer = z
  .object({
    access_token: z.string().min(1),
    token_type: z.string().optional(),
    expires_in: z
      .union([
        z.number().positive(),
        z
          .string()
          .regex(/^\d+(\.\d+)?$/)
          .transform(Number),
      ])
      .optional(),
  })
  .loose();

export interface TokenRequestOptions {
  pbx: string;
  /** `{THREECX_URL}/connect/token` */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  transport: Transport;
  timeoutMs: number;
  logger: pino.Logger;
  now?: () => number;
  expiresInUnit?: ExpiresInUnit;
}

export interface FetchedToken {
  token: string;
  /** When the token stops working, by `now()`. */
  expiresAt: number;
  lifetimeMs: number;
}

/** 400/401/403 from the token endpoint all mean the credentials (OAuth says invalid_client with a 400). */
function refusal(res: HttpResponse, ctx: RequestContext, now: number): XapiError {
  if (res.status === 400 || res.status === 401 || res.status === 403)
    return errorFromResponse(res, ctx, now, 'auth');
  if (res.status === 404) {
    return new XapiError({
      kind: 'protocol',
      message: `nothing answers at ${ctx.url} (HTTP 404), so this does not look like a 3CX PBX`,
      method: ctx.method,
      url: ctx.url,
      pbx: ctx.pbx,
      attempts: 1,
      status: 404,
    });
  }
  return errorFromResponse(res, ctx, now);
}

/**
 * One token request, no caching: what TokenManager (or a token store shared between processes) calls when it
 * needs a new token. Every request revokes the previous token of this client id.
 */
export async function requestToken(options: TokenRequestOptions): Promise<FetchedToken> {
  const { pbx, tokenUrl, timeoutMs, logger } = options;
  const now = options.now ?? Date.now;
  const ctx: RequestContext = { pbx, method: 'POST', url: tokenUrl, attempt: 1, timeoutMs };
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: options.clientId,
    client_secret: options.clientSecret,
  }).toString();
  const started = now();
  const log = { pbx, method: 'POST', path: '/connect/token' };
  let res: HttpResponse;
  try {
    res = await options.transport.send(
      {
        method: 'POST',
        url: tokenUrl,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        data: form,
      },
      ctx,
    );
  } catch (err) {
    const kind = err instanceof XapiError ? err.kind : 'network';
    logger.debug({ ...log, kind, ms: now() - started }, 'token request failed');
    throw err;
  }
  logger.debug({ ...log, status: res.status, ms: now() - started }, 'token request');
  if (res.status !== 200) throw refusal(res, ctx, now());
  const parsed = tokenAnswer.safeParse(parseBody(res, ctx));
  const bearer = parsed.success && (parsed.data.token_type ?? 'Bearer').toLowerCase() === 'bearer';
  if (!parsed.success || !bearer) {
    throw new XapiError({
      kind: 'protocol',
      message: 'the token endpoint answered without a Bearer access_token',
      method: 'POST',
      url: tokenUrl,
      pbx,
      attempts: 1,
      status: res.status,
    });
  }
  const { access_token, expires_in } = parsed.data;
  const lifetimeMs =
    expires_in === undefined ? FALLBACK_LIFETIME_MS : tokenLifetimeMs(expires_in, options.expiresInUnit);
  return { token: access_token, expiresAt: started + lifetimeMs, lifetimeMs };
}

/** Tokens for one process: single-flight, reused until 60 s (or half the lifetime, if shorter) before expiry. */
export class TokenManager implements TokenSource {
  private current?: { value: string; refreshAt: number };
  private pending?: Promise<string>;
  private requests = 0;

  constructor(private readonly options: TokenRequestOptions) {}

  /** How many token requests were sent. */
  get requestCount(): number {
    return this.requests;
  }

  async getToken(): Promise<string> {
    const token = this.current;
    if (token && (this.options.now ?? Date.now)() < token.refreshAt) return token.value;
    this.pending ??= this.fetch().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  invalidate(token: string): void {
    if (this.current?.value === token) this.current = undefined;
  }

  private async fetch(): Promise<string> {
    this.requests++;
    const { token, expiresAt, lifetimeMs } = await requestToken(this.options);
    this.current = { value: token, refreshAt: expiresAt - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2) };
    return token;
  }
}
