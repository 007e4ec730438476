import { createHmac } from 'node:crypto';
import { RequestGuard } from '../../src/slack/request-guard';

const SECRET = 'shh-signing-secret';
const sign = (ts: number, body: string, secret = SECRET) =>
  `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;

describe('RequestGuard', () => {
  const nowSec = 1_800_000_000;
  const guard = () => new RequestGuard(SECRET, () => nowSec * 1000);
  const body = 'command=%2F3cx&text=status';

  it('accepts a correctly signed, fresh request once', () => {
    const g = guard();
    const headers = { signature: sign(nowSec, body), timestamp: String(nowSec) };
    expect(g.check(headers, Buffer.from(body))).toEqual({ ok: true });
    expect(g.check(headers, Buffer.from(body))).toEqual({ ok: false, status: 200, reason: 'replay' });
  });

  it.each([
    ['missing headers', {}, 'missing_headers'],
    ['a timestamp that is not a number', { timestamp: '12abc', signature: 'v0=00' }, 'bad_timestamp'],
    [
      'a timestamp over 300 s old',
      { timestamp: String(nowSec - 301), signature: sign(nowSec - 301, body) },
      'stale',
    ],
    [
      'a timestamp over 300 s ahead',
      { timestamp: String(nowSec + 301), signature: sign(nowSec + 301, body) },
      'future',
    ],
    [
      'a wrong secret',
      { timestamp: String(nowSec), signature: sign(nowSec, body, 'other') },
      'bad_signature',
    ],
    ['a malformed signature', { timestamp: String(nowSec), signature: 'v0=zz' }, 'bad_signature'],
  ])('refuses %s with 401', (_name, headers, reason) => {
    expect(guard().check(headers, Buffer.from(body))).toEqual({ ok: false, status: 401, reason });
  });

  it('refuses a body changed after signing', () => {
    const headers = { signature: sign(nowSec, body), timestamp: String(nowSec) };
    expect(guard().check(headers, Buffer.from(`${body}&x=1`))).toMatchObject({ reason: 'bad_signature' });
  });

  it('accepts the edges of the 300 s window', () => {
    const g = guard();
    for (const ts of [nowSec - 300, nowSec + 300]) {
      expect(g.check({ signature: sign(ts, body), timestamp: String(ts) }, Buffer.from(body))).toEqual({
        ok: true,
      });
    }
  });

  it('refuses to start with an empty secret', () => {
    expect(() => new RequestGuard('')).toThrow('must not be empty');
  });
});
