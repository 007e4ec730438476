/**
 * Durations, times and dates in people's words. 3CX answers with ISO 8601 durations (`PT1H5M`), .NET time spans
 * (`01:05:00`) and UTC instants; people read `1 h 5 min`, `14:05 CET · 3 min ago` and `2027-11-23`. Every reply
 * that shows a time goes through here so the zone (`TZ`) and the wording are the same everywhere.
 */

const ISO_DURATION =
  /^(-)?P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;
// .NET TimeSpan as 3CX writes it: [-][d.]hh:mm:ss[.fffffff]
const TIME_SPAN = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/;

/** Seconds in a duration written as ISO 8601 (`PT1H5M`) or as a time span (`01:05:00`); undefined when neither. */
export function durationSeconds(text: string): number | undefined {
  const trimmed = text.trim();
  const iso = ISO_DURATION.exec(trimmed);
  if (iso && trimmed !== 'P' && !/T$/i.test(trimmed)) {
    const [, minus, w, d, h, m, s] = iso;
    const total = num(w) * 7 * 86_400 + num(d) * 86_400 + num(h) * 3_600 + num(m) * 60 + num(s);
    return minus ? -total : total;
  }
  const span = TIME_SPAN.exec(trimmed);
  if (span) {
    const [, minus, d, h, m, s, frac] = span;
    const total = num(d) * 86_400 + num(h) * 3_600 + num(m) * 60 + num(s) + (frac ? Number(`0.${frac}`) : 0);
    return minus ? -total : total;
  }
  return undefined;
}

function num(part: string | undefined): number {
  return part === undefined ? 0 : Number(part);
}

const UNITS: ReadonlyArray<readonly [seconds: number, label: string]> = [
  [86_400, 'd'],
  [3_600, 'h'],
  [60, 'min'],
  [1, 's'],
];

/**
 * `3900` → `1 h 5 min`. The two largest units that are not zero: a call of 1 h 5 min 12 s is "1 h 5 min" to a
 * person; under a minute the seconds are kept. Fractions of a second are dropped.
 */
export function humanizeSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const sign = seconds < 0 ? '-' : '';
  let rest = Math.floor(Math.abs(seconds));
  if (rest === 0) return '0 s';
  const parts: string[] = [];
  for (const [size, label] of UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count} ${label}`);
    else if (parts.length > 0) break; // 1 h 0 min 5 s reads better as "1 h"
    if (parts.length === 2) break;
  }
  return sign + parts.join(' ');
}

/** `PT1H5M` → `1 h 5 min`; text that is not a duration comes back unchanged. */
export function humanizeDuration(value: string | number): string {
  if (typeof value === 'number') return humanizeSeconds(value);
  const seconds = durationSeconds(value);
  return seconds === undefined ? value : humanizeSeconds(seconds);
}

/** Whether `zone` is an IANA zone name this system's Intl knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface TimeWords {
  /** IANA zone the times are shown in (`TZ`, default UTC). */
  timeZone: string;
  /** What "now" is, for "3 min ago"; tests pass a fixed instant. */
  now?: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

interface ZonedParts {
  date: string;
  time: string;
  zone: string;
}

function zonedParts(at: Date, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(at)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    zone: parts.timeZoneName ?? timeZone,
  };
}

/** An instant from 3CX (ISO text, epoch ms or Date); undefined when it is not one (or is .NET's empty date). */
export function toInstant(value: string | number | Date | null | undefined): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const at = value instanceof Date ? value : new Date(value);
  const ms = at.getTime();
  // 0001-01-01 is how 3CX writes "never"
  if (Number.isNaN(ms) || at.getUTCFullYear() < 1971) return undefined;
  return at;
}

/** `2026-12-02 14:05 CET` in the zone given. */
export function formatDateTime(value: string | number | Date, words: TimeWords): string {
  const at = toInstant(value);
  if (!at) return String(value);
  const { date, time, zone } = zonedParts(at, words.timeZone);
  return `${date} ${time} ${zone}`;
}

/** `2027-11-23`: the calendar day in the zone given. */
export function formatDate(value: string | number | Date, words: TimeWords): string {
  const at = toInstant(value);
  return at ? zonedParts(at, words.timeZone).date : String(value);
}

/** `3 min ago`, `in 2 h`, `just now`: how far an instant is from now, to the largest unit. */
export function relativeTime(value: string | number | Date, words: Pick<TimeWords, 'now'> = {}): string {
  const at = toInstant(value);
  if (!at) return String(value);
  const seconds = Math.round(((words.now ?? Date.now()) - at.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  const size = UNITS.find(([unit]) => Math.abs(seconds) >= unit) ?? [1, 's'];
  const count = Math.round(Math.abs(seconds) / size[0]);
  return seconds > 0 ? `${count} ${size[1]} ago` : `in ${count} ${size[1]}`;
}

/**
 * An instant the way a list wants it: `14:05 CET · 3 min ago` when it is today in that zone, otherwise
 * `2026-11-30 09:12 CET · 2 d ago`.
 */
export function formatWhen(value: string | number | Date, words: TimeWords): string {
  const at = toInstant(value);
  if (!at) return String(value);
  const now = words.now ?? Date.now();
  const shown = zonedParts(at, words.timeZone);
  const today = zonedParts(new Date(now), words.timeZone).date;
  const clock =
    shown.date === today ? `${shown.time} ${shown.zone}` : `${shown.date} ${shown.time} ${shown.zone}`;
  return `${clock} · ${relativeTime(at, { now })}`;
}

/** How long something has run since `start` (`4 min 10 s`), for live calls. */
export function elapsedSince(start: string | number | Date, words: Pick<TimeWords, 'now'> = {}): string {
  const at = toInstant(start);
  if (!at) return String(start);
  return humanizeSeconds(Math.max(0, ((words.now ?? Date.now()) - at.getTime()) / 1000));
}

/** Whole days from now until an instant (negative when past), counted in 24-hour steps. */
export function daysUntil(
  value: string | number | Date,
  words: Pick<TimeWords, 'now'> = {},
): number | undefined {
  const at = toInstant(value);
  if (!at) return undefined;
  return Math.floor((at.getTime() - (words.now ?? Date.now())) / 86_400_000);
}

/** Midnight today in the zone given, as an instant: where "today" starts for a person in that zone. */
export function startOfDay(words: TimeWords): Date {
  const now = words.now ?? Date.now();
  const [y, m, d] = zonedParts(new Date(now), words.timeZone).date.split('-').map(Number) as [
    number,
    number,
    number,
  ];
  const guess = Date.UTC(y, m - 1, d);
  // The zone's offset at that moment, twice: once to get close, once more across a DST change.
  let at = guess;
  for (let i = 0; i < 2; i++) at = guess - offsetMs(new Date(at), words.timeZone);
  return new Date(at);
}

function offsetMs(at: Date, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
  );
  return asUtc - Math.floor(at.getTime() / 60_000) * 60_000;
}
