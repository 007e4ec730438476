import type { App } from '@slack/bolt';

/**
 * Bolt checks the bot token with `auth.test` as soon as the App is built, and a failure there surfaces as an
 * unhandled rejection that kills the process with a stack trace. We build the App with deferred initialisation
 * and run that check here, at start, so a wrong token or an unreachable Slack stops start-up with a sentence.
 */

export class SlackStartupError extends Error {
  override readonly name = 'SlackStartupError';
}

const TOKEN_REFUSALS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
]);

export async function initSlack(app: App, apiUrl: string): Promise<void> {
  try {
    await app.init();
  } catch (err) {
    throw new SlackStartupError(describeSlackFailure(err, apiUrl));
  }
}

interface WebApiFailure {
  code?: unknown;
  data?: { error?: unknown };
  statusCode?: unknown;
  original?: { message?: unknown; cause?: { message?: unknown } };
  message?: unknown;
}

export function describeSlackFailure(err: unknown, apiUrl: string): string {
  const e = (typeof err === 'object' && err !== null ? err : {}) as WebApiFailure;
  const slackError = typeof e.data?.error === 'string' ? e.data.error : undefined;
  if (e.code === 'slack_webapi_platform_error' && slackError && TOKEN_REFUSALS.has(slackError)) {
    return `Slack refused SLACK_BOT_TOKEN (${slackError}); copy the Bot User OAuth Token (xoxb-…) from the Slack app page › OAuth & Permissions, and reinstall the app if it was revoked.`;
  }
  if (e.code === 'slack_webapi_platform_error' && slackError) {
    return `Slack answered auth.test with "${slackError}" at ${apiUrl}; check SLACK_BOT_TOKEN and SLACK_API_URL.`;
  }
  if (e.code === 'slack_webapi_http_error') {
    return `Slack's Web API at ${apiUrl} answered HTTP ${String(e.statusCode)}; check SLACK_API_URL (leave it unset for Slack itself).`;
  }
  if (e.code === 'slack_webapi_request_error') {
    const cause = e.original?.cause?.message ?? e.original?.message ?? 'no answer';
    return `Slack's Web API at ${apiUrl} could not be reached (${String(cause)}); check SLACK_API_URL and that this machine can reach it.`;
  }
  return `Slack could not be checked at start (${String(e.message ?? err)}); check SLACK_BOT_TOKEN and SLACK_API_URL.`;
}
