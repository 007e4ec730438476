import { XapiError, type XapiErrorInit } from '../../src/api/errors';
import {
  DEFAULT_RETRY,
  isRetryable,
  MAX_RETRY_AFTER_MS,
  NO_RETRY,
  RAPID_RETRY_FOR_TESTS,
  retryDelay,
} from '../../src/api/retry';

const middle = () => 0.5;

function err(fields: Partial<XapiErrorInit>): XapiError {
  return new XapiError({
    kind: 'network',
    message: 'x',
    method: 'GET',
    url: 'https://pbx/xapi/v1/Users',
    pbx: 'p',
    ...fields,
  });
}
const reset = (code: string) =>
  err({ kind: 'network', cause: Object.assign(new Error('socket hang up'), { code }) });

describe('retryDelay', () => {
  it('grows by the factor from minDelayMs and stops at maxDelayMs', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((attempt) => retryDelay(DEFAULT_RETRY, attempt, undefined, middle));
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 4000]);
  });

  it('spreads each delay by ±jitter', () => {
    expect(retryDelay(DEFAULT_RETRY, 1, undefined, () => 0)).toBe(200);
    expect(retryDelay(DEFAULT_RETRY, 1, undefined, () => 1)).toBe(300);
    for (let i = 0; i < 100; i++) {
      const d = retryDelay(DEFAULT_RETRY, 3, undefined);
      expect(d).toBeGreaterThanOrEqual(800);
      expect(d).toBeLessThanOrEqual(1200);
    }
  });

  it('waits at least as long as Retry-After, but no longer than the cap', () => {
    expect(retryDelay(DEFAULT_RETRY, 1, 3_000, middle)).toBe(3_000);
    expect(retryDelay(DEFAULT_RETRY, 4, 100, middle)).toBe(2_000);
    expect(retryDelay(DEFAULT_RETRY, 1, 3_600_000, middle)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryDelay(DEFAULT_RETRY, 1, -5, middle)).toBe(250);
  });

  it('keeps the test policy in milliseconds and the no-retry policy at zero retries', () => {
    expect(retryDelay(RAPID_RETRY_FOR_TESTS, 3, undefined, middle)).toBeLessThan(20);
    expect(NO_RETRY.retries).toBe(0);
  });
});

describe('isRetryable', () => {
  it('retries reads on 429, 502, 503, 504 and connection resets', () => {
    for (const status of [429, 502, 503, 504]) expect(isRetryable('GET', err({ status }))).toBe(true);
    expect(isRetryable('GET', reset('ECONNRESET'))).toBe(true);
    expect(isRetryable('get', reset('EPIPE'))).toBe(true);
  });

  it('does not retry reads that will fail the same way again', () => {
    for (const status of [400, 401, 403, 404, 409, 500])
      expect(isRetryable('GET', err({ status }))).toBe(false);
    expect(isRetryable('GET', reset('ECONNREFUSED'))).toBe(false);
    expect(isRetryable('GET', err({ kind: 'timeout' }))).toBe(false);
    expect(isRetryable('GET', err({ kind: 'tls', cause: { code: 'ECONNRESET' } }))).toBe(false);
  });

  it('never retries a write', () => {
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE']) {
      expect(isRetryable(method, err({ status: 503 }))).toBe(false);
      expect(isRetryable(method, err({ status: 429 }))).toBe(false);
      expect(isRetryable(method, reset('ECONNRESET'))).toBe(false);
    }
  });

  it('does not wait out a Retry-After longer than the cap', () => {
    expect(isRetryable('GET', err({ status: 429, retryAfterMs: MAX_RETRY_AFTER_MS + 1 }))).toBe(false);
    expect(isRetryable('GET', err({ status: 429, retryAfterMs: 2_000 }))).toBe(true);
  });
});
