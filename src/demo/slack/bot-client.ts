import { signRequest } from './signing';

/** Posts a body to the bot the way Slack does: signed with the app's signing secret. */

export interface PostSignedOptions {
  secret: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Default `application/x-www-form-urlencoded`, as for commands and interactivity. */
  contentType?: string;
  /** Changes the signed headers before sending (to test stale, future or forged signatures). */
  tamper?: (headers: Record<string, string>) => void;
}

export interface PostSignedResult {
  status: number;
  text: string;
  /** The body parsed, when it is JSON. */
  json?: unknown;
  /** How long the bot took to answer (Slack gives up after 3 s). */
  ms: number;
}

export async function postSigned(
  url: string,
  body: string,
  options: PostSignedOptions,
): Promise<PostSignedResult> {
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
    ...signRequest(options.secret, body, options.timestamp),
  };
  options.tamper?.(headers);
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  const ms = performance.now() - started;
  return { status: response.status, text, ms, ...parseJson(text) };
}

function parseJson(text: string): { json?: unknown } {
  if (text.trim() === '') return {};
  try {
    return { json: JSON.parse(text) };
  } catch {
    return {};
  }
}
