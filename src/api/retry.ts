import type { XapiError } from './errors';

/**
 * When to try a call again, and how long to wait first. Both are pure so they are tested directly; the client
 * only loops.
 */

export interface RetryPolicy {
  /** Retries after the first attempt; 0 = never retry. */
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
  /** Each retry waits `factor` times longer than the one before, up to `maxDelayMs`. */
  factor: number;
  /** 0..1: the share of each delay that is randomised, so many clients do not retry in step. */
  jitter: number;
}

/** A person is waiting in Slack: three quick retries within about 2 s (more under Retry-After), not minutes. */
export const DEFAULT_RETRY: RetryPolicy = {
  retries: 3,
  minDelayMs: 250,
  maxDelayMs: 4_000,
  factor: 2,
  jitter: 0.2,
};

/** Same shape, milliseconds apart, so tests of retries do not wait. */
export const RAPID_RETRY_FOR_TESTS: RetryPolicy = {
  retries: 3,
  minDelayMs: 2,
  maxDelayMs: 10,
  factor: 2,
  jitter: 0,
};

export const NO_RETRY: RetryPolicy = { retries: 0, minDelayMs: 0, maxDelayMs: 0, factor: 1, jitter: 0 };

/**
 * The longest Retry-After we wait for. Beyond it the person is better told "wait N s" than left looking at a
 * spinner, so such an answer is not retried at all (see `isRetryable`).
 */
export const MAX_RETRY_AFTER_MS = 10_000;

/**
 * How long to wait before retry number `attempt` (1 = the first retry). Exponential from `minDelayMs`, capped
 * at `maxDelayMs`, with ±`jitter` of it randomised; never shorter than 3CX's Retry-After, never longer than
 * MAX_RETRY_AFTER_MS because of it.
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const step = Math.max(1, Math.floor(attempt));
  const base = Math.min(policy.maxDelayMs, policy.minDelayMs * policy.factor ** (step - 1));
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  const spread = base * jitter * (2 * random() - 1);
  const backoff = Math.max(0, Math.round(base + spread));
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs)) return backoff;
  return Math.max(backoff, Math.min(Math.max(0, retryAfterMs), MAX_RETRY_AFTER_MS));
}

/** Connection failures that happen before 3CX saw the request (or before it answered a read). */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE']);
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

/** The low-level code (ECONNRESET, …) the transport keeps on `cause`. */
export function systemCode(err: XapiError): string | undefined {
  const cause = err.cause;
  if (typeof cause !== 'object' || cause === null || !('code' in cause)) return undefined;
  return typeof cause.code === 'string' ? cause.code : undefined;
}

/**
 * Only reads are retried, and only when trying again is likely to help: a connection reset, 429, 502, 503,
 * 504. A write that may have reached the PBX is never retried: 3CX has no idempotency keys, so a second POST
 * could restart services twice. (The one retry after a 401 is the client's business: 3CX rejected the request
 * before acting on it.)
 */
export function isRetryable(method: string, err: XapiError): boolean {
  if (method.toUpperCase() !== 'GET') return false;
  if (err.retryAfterMs !== undefined && err.retryAfterMs > MAX_RETRY_AFTER_MS) return false;
  if (err.status !== undefined) return RETRYABLE_STATUS.has(err.status);
  if (err.kind !== 'network') return false;
  const code = systemCode(err);
  return code !== undefined && RESET_CODES.has(code);
}
