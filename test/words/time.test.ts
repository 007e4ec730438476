import {
  daysUntil,
  durationSeconds,
  elapsedSince,
  formatDate,
  formatDateTime,
  formatWhen,
  humanizeDuration,
  isTimeZone,
  relativeTime,
  startOfDay,
  toInstant,
} from '../../src/words/time';

const NOW = Date.parse('2026-12-02T14:08:00Z');

describe('durations', () => {
  it.each([
    ['PT1H5M', '1 h 5 min'],
    ['PT1H5M30S', '1 h 5 min'],
    ['PT45S', '45 s'],
    ['PT2M5.25S', '2 min 5 s'],
    ['P1DT2H', '1 d 2 h'],
    ['PT1H0M5S', '1 h'],
    ['PT0S', '0 s'],
    ['00:01:05', '1 min 5 s'],
    ['1.02:00:00', '1 d 2 h'],
    ['00:00:07.1234567', '7 s'],
  ])('%s reads as %s', (raw, words) => {
    expect(humanizeDuration(raw)).toBe(words);
  });

  it('reads seconds as numbers and leaves what is not a duration alone', () => {
    expect(humanizeDuration(3900)).toBe('1 h 5 min');
    expect(humanizeDuration('soon')).toBe('soon');
    expect(humanizeDuration('P')).toBe('P');
    expect(durationSeconds('PT')).toBeUndefined();
    expect(durationSeconds('-PT1M')).toBe(-60);
  });
});

describe('times in a zone', () => {
  it('shows an instant in the zone given, with its short name', () => {
    expect(formatDateTime('2026-12-02T14:05:00Z', { timeZone: 'UTC' })).toBe('2026-12-02 14:05 UTC');
    expect(formatDateTime('2026-12-02T14:05:00Z', { timeZone: 'Europe/Berlin' })).toBe(
      '2026-12-02 15:05 CET',
    );
    expect(formatDateTime('2026-07-02T14:05:00Z', { timeZone: 'Europe/Berlin' })).toBe(
      '2026-07-02 16:05 CEST',
    );
  });

  it('names the calendar day of the zone, which may not be the UTC day', () => {
    expect(formatDate('2026-12-02T23:30:00Z', { timeZone: 'UTC' })).toBe('2026-12-02');
    expect(formatDate('2026-12-02T23:30:00Z', { timeZone: 'Europe/Berlin' })).toBe('2026-12-03');
  });

  it('says how long ago or how soon', () => {
    expect(relativeTime('2026-12-02T14:05:00Z', { now: NOW })).toBe('3 min ago');
    expect(relativeTime('2026-12-02T14:07:40Z', { now: NOW })).toBe('just now');
    expect(relativeTime('2026-12-02T16:08:00Z', { now: NOW })).toBe('in 2 h');
    expect(relativeTime('2026-11-29T14:08:00Z', { now: NOW })).toBe('3 d ago');
  });

  it('drops the date for today in that zone and keeps it otherwise', () => {
    expect(formatWhen('2026-12-02T14:05:00Z', { timeZone: 'UTC', now: NOW })).toBe('14:05 UTC · 3 min ago');
    expect(formatWhen('2026-11-30T09:12:00Z', { timeZone: 'UTC', now: NOW })).toBe(
      '2026-11-30 09:12 UTC · 2 d ago',
    );
    // 23:30 UTC on the 1st is already the 2nd in Berlin
    expect(formatWhen('2026-12-01T23:30:00Z', { timeZone: 'Europe/Berlin', now: NOW })).toBe(
      '00:30 CET · 15 h ago',
    );
  });

  it("counts elapsed time and days left, and treats 3CX's empty date as none", () => {
    expect(elapsedSince('2026-12-02T14:03:50Z', { now: NOW })).toBe('4 min 10 s');
    expect(daysUntil('2026-12-22T14:08:00Z', { now: NOW })).toBe(20);
    expect(toInstant('0001-01-01T00:00:00Z')).toBeUndefined();
    expect(formatDateTime('not a time', { timeZone: 'UTC' })).toBe('not a time');
  });

  it('knows zone names', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('start of today', () => {
  it('is midnight in the zone, not in UTC', () => {
    expect(startOfDay({ timeZone: 'UTC', now: NOW }).toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(startOfDay({ timeZone: 'Europe/Berlin', now: NOW }).toISOString()).toBe(
      '2026-12-01T23:00:00.000Z',
    );
    expect(startOfDay({ timeZone: 'America/New_York', now: NOW }).toISOString()).toBe(
      '2026-12-02T05:00:00.000Z',
    );
    // the day a clock goes forward still starts at local midnight
    const springDay = Date.parse('2026-03-29T12:00:00Z');
    expect(startOfDay({ timeZone: 'Europe/Berlin', now: springDay }).toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
  });
});
