import type { IncomingMessage, ServerResponse } from 'node:http';

/** Reading request bodies and writing answers, shared by the token endpoint, the XAPI and the admin paths. */

/** Larger bodies are cut off; nothing the XAPI takes comes close (a tenant property value is at most 128 KiB). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export class BodyTooLarge extends Error {
  override readonly name = 'BodyTooLarge';
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export type ParsedBody =
  | { kind: 'empty' }
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; value: Record<string, string> }
  | { kind: 'text'; value: string; problem?: string };

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/**
 * JSON when it looks like JSON or says so, form fields for either form encoding, else the text. A body that claims
 * to be JSON but is not comes back as text with the parser's complaint, so the XAPI can answer 400 with it.
 */
export function parseBody(req: IncomingMessage, raw: Buffer): ParsedBody {
  if (raw.length === 0) return { kind: 'empty' };
  const type = header(req, 'content-type').toLowerCase();
  const text = raw.toString('utf8');
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return { kind: 'form', value: Object.fromEntries(new URLSearchParams(text)) };
  }
  if (type.startsWith('multipart/form-data')) {
    // The boundary's case matters, so it is read from the header as sent, not from the lower-cased copy.
    const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(header(req, 'content-type'));
    const boundary = match?.[1] ?? match?.[2];
    return boundary ? { kind: 'form', value: parseMultipart(text, boundary) } : { kind: 'text', value: text };
  }
  if (type === '' || type.includes('json')) {
    try {
      return { kind: 'json', value: JSON.parse(text) };
    } catch (err) {
      return { kind: 'text', value: text, problem: (err as Error).message };
    }
  }
  return { kind: 'text', value: text };
}

/** The text fields of a multipart/form-data body; file parts are kept as text too, which the token form never has. */
export function parseMultipart(text: string, boundary: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of text.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(head)?.[1];
    if (name === undefined) continue;
    fields[name] = part.slice(split + 4).replace(/\r\n$/, '');
  }
  return fields;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  if (body === undefined || status === 204 || status === 304) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type =
    typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; odata.metadata=minimal';
  // Lower-cased so a fault's `Content-Type` replaces ours instead of going out as a second header.
  const extra = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  res.writeHead(status, {
    'content-type': type,
    'content-length': String(Buffer.byteLength(text)),
    'odata-version': '4.0',
    ...extra,
  });
  res.end(text);
}

/** `?a=1&b=2` as an object; a repeated name keeps its last value, as 3CX reads it. */
export function queryObject(search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of search) out[k] = v;
  return out;
}
