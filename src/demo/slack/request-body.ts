import type { IncomingMessage } from 'node:http';

/**
 * Reads and parses request bodies the way Slack's servers accept them: form-urlencoded (what WebClient sends),
 * JSON (what `respond()` and JSON-posting clients send) and multipart (what WebClient sends when an argument is a
 * Buffer, as in the upload step of `files.uploadV2`).
 */

export interface UploadedPart {
  field: string;
  filename: string;
  bytes: Buffer;
}

export interface ParsedBody {
  /** Fields by name; form values that look like JSON (`blocks`, `view`, `files`…) are parsed. */
  fields: Record<string, unknown>;
  /** Binary parts of a multipart body. */
  parts: UploadedPart[];
  /** Set when the body could not be parsed as its content type says. */
  error?: 'invalid_json' | 'invalid_form_data';
}

export function readRaw(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Parses a string that looks like a JSON object or array; anything else comes back unchanged. */
export function maybeJson(value: string): unknown {
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
  try {
    return JSON.parse(trimmed);
  } catch {
    return value;
  }
}

export function parseForm(text: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) fields[key] = maybeJson(value);
  return fields;
}

export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (raw.length === 0) return { fields: {}, parts: [] };
  if (type === 'application/json') return parseJson(raw.toString('utf8'));
  if (type === 'multipart/form-data') return parseMultipart(raw, contentType ?? '');
  return { fields: parseForm(raw.toString('utf8')), parts: [] };
}

function parseJson(text: string): ParsedBody {
  try {
    const value: unknown = JSON.parse(text);
    const fields = isRecord(value) ? value : { value };
    return { fields, parts: [] };
  } catch {
    return { fields: {}, parts: [], error: 'invalid_json' };
  }
}

/** Multipart parsing is left to the platform's own Fetch implementation rather than written again here. */
async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  let form: FormData;
  try {
    form = await new Request('http://stand-in.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: raw,
    }).formData();
  } catch {
    return { fields: {}, parts: [], error: 'invalid_form_data' };
  }
  const fields: Record<string, unknown> = {};
  const parts: UploadedPart[] = [];
  for (const [field, value] of form) {
    if (typeof value === 'string') fields[field] = maybeJson(value);
    else parts.push({ field, filename: value.name, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  return { fields, parts };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
