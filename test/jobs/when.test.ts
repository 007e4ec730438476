import { firstDue, nextDue, parseWhen } from '../../src/commands/grammar/when';
import { wallClockText, zonedEpoch } from '../../src/jobs/zoned-time';

const at = (iso: string) => Date.parse(iso);

describe('<when>', () => {
  it('reads every form DESIGN §3 names and leaves the command', () => {
    expect(parseWhen('in 30m services restart X')).toMatchObject({
      rule: { kind: 'in', ms: 1_800_000 },
      rest: 'services restart X',
    });
    expect(parseWhen('in 2 h status').rule).toEqual({ kind: 'in', ms: 7_200_000 });
    expect(parseWhen('at 22:00 multicompany off')).toMatchObject({
      rule: { kind: 'at', hour: 22, minute: 0 },
      text: 'at 22:00',
    });
    expect(parseWhen('2026-12-24 18:30 status').rule).toEqual({
      kind: 'date',
      year: 2026,
      month: 12,
      day: 24,
      hour: 18,
      minute: 30,
    });
    expect(parseWhen('every day 02:00 backup now').rule).toEqual({ kind: 'every', hour: 2, minute: 0 });
    expect(parseWhen('every monday 08:00 status').rule).toEqual({
      kind: 'every',
      weekday: 1,
      hour: 8,
      minute: 0,
    });
    expect(parseWhen('every Fri 08:00 status').rule).toMatchObject({ weekday: 5 });
  });

  it('names the problem and the fix', () => {
    expect(() => parseWhen('at 24:00 status')).toThrow(/not a time of day: use 24-hour HH:MM/);
    expect(() => parseWhen('in 5 weeks status')).toThrow(/s, m, h or d/);
    expect(() => parseWhen('2026-02-30 10:00 status')).toThrow(/not a date/);
    expect(() => parseWhen('every month 10:00 status')).toThrow(/every day HH:MM or every <weekday>/);
    expect(() => parseWhen('at 22:00')).toThrow(/Say what to run/);
    expect(() => parseWhen('in 400d status')).toThrow(/at most a year/);
  });

  it('reads `at` as today, or tomorrow once passed, in TZ', () => {
    const now = at('2026-12-02T20:00:00Z');
    expect(firstDue({ kind: 'at', hour: 22, minute: 0 }, now, 'UTC')).toBe(at('2026-12-02T22:00:00Z'));
    expect(firstDue({ kind: 'at', hour: 19, minute: 0 }, now, 'UTC')).toBe(at('2026-12-03T19:00:00Z'));
    // 22:00 in Berlin (UTC+1 in December) is 21:00 UTC.
    expect(firstDue({ kind: 'at', hour: 22, minute: 0 }, now, 'Europe/Berlin')).toBe(
      at('2026-12-02T21:00:00Z'),
    );
    expect(() =>
      firstDue({ kind: 'date', year: 2020, month: 1, day: 1, hour: 0, minute: 0 }, now, 'UTC'),
    ).toThrow(/passed/);
  });

  it('repeats at the same wall-clock time across a daylight-saving change', () => {
    const rule = { kind: 'every', hour: 2, minute: 30 } as const;
    // Europe/Berlin leaves summer time on 2026-10-25.
    const before = zonedEpoch(2026, 10, 24, 2, 30, 'Europe/Berlin');
    const after = nextDue(rule, before, 'Europe/Berlin') as number;
    expect(wallClockText(after, 'Europe/Berlin')).toBe('Sun 2026-10-25 02:30');
    expect(after - before).toBe(25 * 3_600_000);
    const monday = { kind: 'every', weekday: 1, hour: 8, minute: 0 } as const;
    const first = firstDue(monday, at('2026-12-02T12:00:00Z'), 'UTC');
    expect(wallClockText(first, 'UTC')).toBe('Mon 2026-12-07 08:00');
    expect(wallClockText(nextDue(monday, first, 'UTC') as number, 'UTC')).toBe('Mon 2026-12-14 08:00');
    expect(nextDue({ kind: 'in', ms: 1000 }, first, 'UTC')).toBeUndefined();
  });
});
