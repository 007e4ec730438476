/**
 * Wall-clock times in a named time zone (TZ), with Intl only: `at 22:00` means 22:00 where the people are,
 * across daylight-saving changes, whatever zone the server runs in.
 */

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday. */
  weekday: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function zonedParts(epochMs: number, tz: string): ZonedParts & { second: number } {
  const parts = formatter(tz).formatToParts(new Date(epochMs));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    weekday: WEEKDAYS.indexOf(get('weekday')),
    hour: Number(get('hour')) % 24,
    minute: Number(get('minute')),
    second: Number(get('second')),
  };
}

function offsetAt(epochMs: number, tz: string): number {
  const p = zonedParts(epochMs, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The instant that reads y-m-d hh:mm in `tz` (days past the month's end roll over, as Date.UTC does). */
export function zonedEpoch(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  tz: string,
) {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - offsetAt(guess, tz);
  // Once more at the found instant: the offset there may differ (a daylight-saving change in between).
  return guess - offsetAt(first, tz);
}

/** The first instant after `after` whose wall-clock time in `tz` is hh:mm, on a given weekday when one is given. */
export function nextWallClock(
  after: number,
  hour: number,
  minute: number,
  tz: string,
  weekday?: number,
): number {
  const p = zonedParts(after, tz);
  for (let add = 0; add <= 8; add += 1) {
    const at = zonedEpoch(p.year, p.month, p.day + add, hour, minute, tz);
    if (at <= after) continue;
    if (weekday !== undefined && zonedParts(at, tz).weekday !== weekday) continue;
    return at;
  }
  throw new Error(`no ${hour}:${minute} found after ${new Date(after).toISOString()} in ${tz}`);
}

/** `Mon 2026-12-07 22:00` in `tz`, for messages. */
export function wallClockText(epochMs: number, tz: string): string {
  const p = zonedParts(epochMs, tz);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAYS[p.weekday] ?? ''} ${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}
