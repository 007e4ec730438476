import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Authenticity of a request that claims to come from Slack, stricter than Bolt: the v0 signature must match, the
 * timestamp must be within 300 s either way (Bolt lets future ones through), and a signature seen before is a
 * replay (Bolt runs it again). Slack signs every request it sends, `ssl_check` included.
 */

export const MAX_SKEW_SECONDS = 300;

export type GuardVerdict =
  | { ok: true }
  | {
      ok: false;
      status: 401;
      reason: 'missing_headers' | 'bad_timestamp' | 'stale' | 'future' | 'bad_signature';
    }
  | { ok: false; status: 200; reason: 'replay' };

export class RequestGuard {
  /** signature → expiry (ms); entries live until their timestamp could no longer pass the skew check. */
  private readonly seen = new Map<string, number>();
  private lastSweep = 0;

  constructor(
    private readonly signingSecret: string,
    private readonly now: () => number = Date.now,
  ) {
    if (!signingSecret) throw new Error('The signing secret must not be empty.');
  }

  check(headers: { signature?: string; timestamp?: string }, rawBody: Buffer): GuardVerdict {
    const { signature, timestamp } = headers;
    if (!signature || !timestamp) return { ok: false, status: 401, reason: 'missing_headers' };
    if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, status: 401, reason: 'bad_timestamp' };
    const nowSec = Math.floor(this.now() / 1000);
    const ts = Number(timestamp);
    if (nowSec - ts > MAX_SKEW_SECONDS) return { ok: false, status: 401, reason: 'stale' };
    if (ts - nowSec > MAX_SKEW_SECONDS) return { ok: false, status: 401, reason: 'future' };
    if (!this.signatureMatches(signature, timestamp, rawBody))
      return { ok: false, status: 401, reason: 'bad_signature' };
    this.forgetExpired(nowSec);
    if (this.seen.has(signature)) return { ok: false, status: 200, reason: 'replay' };
    this.seen.set(signature, (ts + MAX_SKEW_SECONDS + 1) * 1000);
    return { ok: true };
  }

  private signatureMatches(signature: string, timestamp: string, rawBody: Buffer): boolean {
    const hmac = createHmac('sha256', this.signingSecret);
    hmac.update(`v0:${timestamp}:`);
    hmac.update(rawBody);
    const expected = Buffer.from(`v0=${hmac.digest('hex')}`);
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private forgetExpired(nowSec: number): void {
    // Amortised: swept at most every 10 s, so a busy channel pays almost nothing per request.
    const nowMs = nowSec * 1000;
    if (nowMs - this.lastSweep < 10_000) return;
    this.lastSweep = nowMs;
    for (const [sig, expires] of this.seen) if (expires <= nowMs) this.seen.delete(sig);
  }
}
