import { nextWallClock, zonedEpoch } from '../../jobs/zoned-time';

/**
 * DESIGN §3 `<when>`: `in <n>s|m|h|d`, `at HH:MM` (today, or tomorrow if passed), `YYYY-MM-DD HH:MM`,
 * `every day HH:MM`, `every <weekday> HH:MM`. Parsing is pure; turning a rule into instants needs the clock and
 * the time zone (TZ).
 */

export type WhenRule =
  | { kind: 'in'; ms: number }
  | { kind: 'at'; hour: number; minute: number }
  | { kind: 'date'; year: number; month: number; day: number; hour: number; minute: number }
  | { kind: 'every'; hour: number; minute: number; weekday?: number };

export interface ParsedWhen {
  rule: WhenRule;
  /** The words that made the rule, as typed (`every monday 08:00`). */
  text: string;
  /** The rest of the text: the command to run. */
  rest: string;
}

export const WHEN_EXAMPLES =
  '`in 30m`, `in 2h`, `at 22:00`, `2026-12-24 18:00`, `every day 02:00`, `every monday 08:00`';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const WEEKDAY_WORDS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** A year ahead is as far as anyone plans an operation; a typo of 2062 for 2026 should not be taken. */
const MAX_AHEAD_MS = 366 * 86_400_000;

export class WhenError extends Error {
  override readonly name = 'WhenError';
}

function clock(text: string): { hour: number; minute: number } {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  const hour = Number(m?.[1]);
  const minute = Number(m?.[2]);
  if (!m || hour > 23 || minute > 59) {
    throw new WhenError(`"${text}" is not a time of day: use 24-hour HH:MM, e.g. 22:00 or 08:30.`);
  }
  return { hour, minute };
}

function weekdayOf(word: string): number | undefined {
  const w = word.toLowerCase();
  if (w.length < 3) return undefined;
  const i = WEEKDAY_WORDS.findIndex((d) => d.startsWith(w) || `${d}s` === w);
  return i >= 0 ? i : undefined;
}

/** Throws WhenError naming the problem and the fix. */
export function parseWhen(text: string): ParsedWhen {
  const words = text.trim().split(/\s+/);
  const [a = '', b = '', c = ''] = words;
  const first = a.toLowerCase();
  const done = (rule: WhenRule, used: number): ParsedWhen => {
    const rest = words.slice(used).join(' ');
    if (!rest) throw new WhenError(`Say what to run after "${words.slice(0, used).join(' ')}".`);
    return { rule, text: words.slice(0, used).join(' '), rest };
  };
  if (first === 'in') {
    const joined = /^(\d+)([smhd])$/i.exec(b);
    const split = /^\d+$/.test(b) ? /^([smhd])/i.exec(c) : null;
    const n = Number(joined?.[1] ?? b);
    const unit = (joined?.[2] ?? split?.[1] ?? '').toLowerCase();
    const ms = UNIT_MS[unit];
    if (!ms || !Number.isInteger(n) || n <= 0) {
      throw new WhenError(
        `"in ${b}" is not a delay: use a whole number and s, m, h or d, e.g. in 30m or in 2h.`,
      );
    }
    if (n * ms > MAX_AHEAD_MS) throw new WhenError('A schedule can be at most a year ahead.');
    return done({ kind: 'in', ms: n * ms }, joined ? 2 : 3);
  }
  if (first === 'at') return done({ kind: 'at', ...clock(b) }, 2);
  if (/^\d{4}-\d{2}-\d{2}$/.test(a)) {
    const [year, month, day] = a.split('-').map(Number) as [number, number, number];
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
      throw new WhenError(`${a} is not a date: use YYYY-MM-DD, e.g. 2026-12-24.`);
    }
    return done({ kind: 'date', year, month, day, ...clock(b) }, 2);
  }
  if (first === 'every') {
    const what = b.toLowerCase();
    if (what === 'day') return done({ kind: 'every', ...clock(c) }, 3);
    const weekday = weekdayOf(what);
    if (weekday !== undefined) return done({ kind: 'every', weekday, ...clock(c) }, 3);
    throw new WhenError(`"every ${b}" is not a repeat: use every day HH:MM or every <weekday> HH:MM.`);
  }
  throw new WhenError(`"${a}" does not say when. Start with one of ${WHEN_EXAMPLES}.`);
}

/** The first instant the rule is due, in `tz`; a date in the past is refused. */
export function firstDue(rule: WhenRule, now: number, tz: string): number {
  switch (rule.kind) {
    case 'in':
      return now + rule.ms;
    case 'at':
    case 'every':
      return nextWallClock(now, rule.hour, rule.minute, tz, rule.kind === 'every' ? rule.weekday : undefined);
    case 'date': {
      const at = zonedEpoch(rule.year, rule.month, rule.day, rule.hour, rule.minute, tz);
      if (at <= now) throw new WhenError('That time has already passed: give one in the future.');
      if (at - now > MAX_AHEAD_MS) throw new WhenError('A schedule can be at most a year ahead.');
      return at;
    }
  }
}

/** The occurrence after `due` of a repeating rule; undefined for a one-off. */
export function nextDue(rule: WhenRule, due: number, tz: string): number | undefined {
  if (rule.kind !== 'every') return undefined;
  return nextWallClock(due, rule.hour, rule.minute, tz, rule.weekday);
}
