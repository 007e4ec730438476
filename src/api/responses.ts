import { z } from 'zod';
import { XapiError, type XapiErrorKind } from './errors';
import type { HttpResponse, RequestContext } from './http';

/** What an XAPI answer means: its JSON, or the XapiError its status stands for. */

const text = z.union([z.string(), z.number()]).transform(String);

const detailShape = z
  .object({ code: text.nullish(), message: text.nullish(), target: text.nullish() })
  .loose();

/** 3CX's OData error: `{"error":{"code","message","target"?,"details"?}}`. */
const odataErrorShape = z
  .object({
    error: z
      .object({
        code: text.nullish(),
        message: text.nullish(),
        target: text.nullish(),
        details: z.array(detailShape).nullish(),
      })
      .loose(),
  })
  .loose();

/** The OAuth shape the token endpoint answers with: `{"error":"invalid_client","error_description"?}`. */
const oauthErrorShape = z.object({ error: z.string(), error_description: z.string().nullish() }).loose();

/** A collection: `{"value":[…],"@odata.count"?}`. */
export const collectionShape = z.object({ value: z.array(z.unknown()) }).loose();

export interface PbxErrorInfo {
  code?: string;
  message?: string;
  target?: string;
}

const clean = (s: string | null | undefined): string | undefined => {
  const t = s?.trim();
  return t ? t : undefined;
};

/**
 * 3CX's own words from an error answer. Validation failures often carry a generic message with the useful part
 * in `details` (field and reason), so those are folded into the message.
 */
export function pbxErrorInfo(res: HttpResponse): PbxErrorInfo {
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    const plain = res.text.trim();
    const isText = (res.headers['content-type'] ?? '').startsWith('text/plain');
    return isText && plain && plain.length <= 300 ? { message: plain } : {};
  }
  const odata = odataErrorShape.safeParse(body);
  if (odata.success) {
    const e = odata.data.error;
    const details = (e.details ?? [])
      .map((d) => [clean(d.target), clean(d.message)].filter(Boolean).join(': '))
      .filter(Boolean);
    const message = [clean(e.message), ...details].filter(Boolean).join('; ');
    return {
      ...(clean(e.code) ? { code: clean(e.code) } : {}),
      ...(message ? { message } : {}),
      ...(clean(e.target) ? { target: clean(e.target) } : {}),
    };
  }
  const oauth = oauthErrorShape.safeParse(body);
  if (oauth.success) {
    const message = clean(oauth.data.error_description);
    return { code: oauth.data.error, ...(message ? { message } : {}) };
  }
  return {};
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function kindForStatus(status: number): XapiErrorKind {
  if (status === 400 || status === 413 || status === 422) return 'validation';
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  // 500 is 3CX failing on something it did not expect; waiting will not make it expect it.
  return 'protocol';
}

function reasonFor(res: HttpResponse, info: PbxErrorInfo): string {
  if (res.status >= 300 && res.status < 400) {
    const to = res.headers.location;
    return to ? `a redirect to ${to}` : `a redirect (HTTP ${res.status})`;
  }
  return info.message ? `HTTP ${res.status}: ${info.message}` : `HTTP ${res.status}`;
}

/** The XapiError a non-2xx answer stands for. */
export function errorFromResponse(
  res: HttpResponse,
  ctx: RequestContext,
  now: number,
  kind: XapiErrorKind = kindForStatus(res.status),
): XapiError {
  const info = pbxErrorInfo(res);
  const retryAfterMs =
    res.status === 429 || res.status === 503 ? parseRetryAfter(res.headers['retry-after'], now) : undefined;
  return new XapiError({
    kind,
    message: reasonFor(res, info),
    method: ctx.method,
    url: ctx.url,
    pbx: ctx.pbx,
    attempts: ctx.attempt,
    status: res.status,
    ...(info.code ? { code: info.code } : {}),
    ...(info.message ? { pbxMessage: info.message } : {}),
    ...(info.target ? { target: info.target } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(kind === 'timeout' ? { timeoutMs: ctx.timeoutMs } : {}),
  });
}

/** The JSON of a 2xx answer; undefined when it has no body (204). Malformed JSON is a `protocol` error. */
export function parseBody(res: HttpResponse, ctx: RequestContext): unknown {
  if (res.text.trim() === '') return undefined;
  try {
    return JSON.parse(res.text);
  } catch (err) {
    throw new XapiError({
      kind: 'protocol',
      message: `the answer was not valid JSON (${(err as Error).message})`,
      method: ctx.method,
      url: ctx.url,
      pbx: ctx.pbx,
      attempts: ctx.attempt,
      status: res.status,
    });
  }
}
