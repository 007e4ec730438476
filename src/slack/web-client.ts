import type { RetryOptions } from '@slack/web-api';

/**
 * The WebClient's default retries for about 30 minutes; a person is waiting for each of our calls, so two quick
 * retries (about 1.5 s in all) and then a clear failure.
 */
export const SLACK_RETRY: RetryOptions = {
  retries: 2,
  factor: 2,
  minTimeout: 250,
  maxTimeout: 1_000,
  randomize: true,
};

/** For tests: fail at once. */
export const SLACK_NO_RETRY: RetryOptions = { retries: 0 };
