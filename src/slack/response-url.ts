import axios from 'axios';

/**
 * A response_url comes inside the payload, so whoever can get a payload signed (or a bug in a stand-in) chooses
 * where the bot posts. DESIGN §7: only `https://hooks.slack.com/…` or the origin of SLACK_API_URL (the stand-in of
 * tests and the demo) are posted to, directly: no redirects (a 3xx could lead anywhere) and no proxy variables
 * (only config.ts reads the environment, and axios would read HTTP(S)_PROXY on its own).
 */

const SLACK_HOOKS_ORIGIN = 'https://hooks.slack.com';
export const RESPONSE_URL_TIMEOUT_MS = 5_000;

const poster = axios.create({ proxy: false, maxRedirects: 0, timeout: RESPONSE_URL_TIMEOUT_MS });

export class ResponseUrlRefused extends Error {
  readonly code = 'response_url_refused';
  override readonly name = 'ResponseUrlRefused';

  constructor(readonly origin: string) {
    super(
      `response_url on ${origin} is neither ${SLACK_HOOKS_ORIGIN} nor the origin of SLACK_API_URL; not posted`,
    );
  }
}

export function responseUrlAllowed(url: string, slackApiUrl: string): boolean {
  const target = parse(url);
  // A URL with credentials in it is not one Slack sends.
  if (target === undefined || target.username !== '' || target.password !== '') return false;
  return target.origin === SLACK_HOOKS_ORIGIN || target.origin === parse(slackApiUrl)?.origin;
}

/** Posts `body`; throws ResponseUrlRefused (nothing sent) for any other address, and on a non-2xx answer. */
export async function postToResponseUrl(
  url: string,
  body: unknown,
  options: { slackApiUrl: string; timeoutMs?: number },
): Promise<void> {
  if (!responseUrlAllowed(url, options.slackApiUrl))
    throw new ResponseUrlRefused(parse(url)?.origin ?? 'an unreadable address');
  await poster.post(url, body, { timeout: options.timeoutMs ?? RESPONSE_URL_TIMEOUT_MS });
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
