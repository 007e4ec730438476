import { fill, type Row } from './fill';
import type { PbxProfile } from './profiles';

/**
 * The public holidays of the company's country for the year it is now, as an admin enters them under Office
 * Hours › Holidays: fixed dates recur every year, the ones that move with Easter or a weekday are for this year.
 */

/** [name, month, day] of a fixed date, or [name, rule] of one computed for the year. */
type HolidayRule = readonly [string, number, number] | readonly [string, (year: number) => Date];

const DAY = 86_400_000;

/** Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const fromEaster = (days: number) => (year: number) => new Date(easterSunday(year).getTime() + days * DAY);

/** The n-th (1-based; -1 for the last) given weekday (0 = Sunday) of a month (1-12). */
const nthWeekday = (n: number, weekday: number, month: number) => (year: number) => {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1));
    const offset = (weekday - first.getUTCDay() + 7) % 7;
    return new Date(Date.UTC(year, month - 1, 1 + offset + (n - 1) * 7));
  }
  const last = new Date(Date.UTC(year, month, 0));
  const back = (last.getUTCDay() - weekday + 7) % 7;
  return new Date(Date.UTC(year, month - 1, last.getUTCDate() - back));
};

const HOLIDAYS: Record<string, readonly HolidayRule[]> = {
  GB: [
    ["New Year's Day", 1, 1],
    ['Good Friday', fromEaster(-2)],
    ['Easter Monday', fromEaster(1)],
    ['Early May bank holiday', nthWeekday(1, 1, 5)],
    ['Spring bank holiday', nthWeekday(-1, 1, 5)],
    ['Summer bank holiday', nthWeekday(-1, 1, 8)],
    ['Christmas Day', 12, 25],
    ['Boxing Day', 12, 26],
  ],
  // Bavaria, where the Munich office is: Epiphany and Corpus Christi are holidays there.
  DE: [
    ['Neujahr', 1, 1],
    ['Heilige Drei Könige', 1, 6],
    ['Karfreitag', fromEaster(-2)],
    ['Ostermontag', fromEaster(1)],
    ['Tag der Arbeit', 5, 1],
    ['Christi Himmelfahrt', fromEaster(39)],
    ['Pfingstmontag', fromEaster(50)],
    ['Fronleichnam', fromEaster(60)],
    ['Tag der Deutschen Einheit', 10, 3],
    ['Erster Weihnachtstag', 12, 25],
    ['Zweiter Weihnachtstag', 12, 26],
  ],
  US: [
    ["New Year's Day", 1, 1],
    ['Memorial Day', nthWeekday(-1, 1, 5)],
    ['Independence Day', 7, 4],
    ['Labor Day', nthWeekday(1, 1, 9)],
    ['Thanksgiving Day', nthWeekday(4, 4, 11)],
    ['Christmas Day', 12, 25],
  ],
  ES: [
    ['Año Nuevo', 1, 1],
    ['Epifanía del Señor', 1, 6],
    ['Viernes Santo', fromEaster(-2)],
    ['Fiesta del Trabajo', 5, 1],
    ['Asunción de la Virgen', 8, 15],
    ['Fiesta Nacional de España', 10, 12],
    ['Todos los Santos', 11, 1],
    ['Día de la Constitución', 12, 6],
    ['Inmaculada Concepción', 12, 8],
    ['Navidad', 12, 25],
  ],
};

export function holidays(profile: PbxProfile, now: number): Row[] {
  const year = new Date(now).getUTCFullYear();
  const rules = HOLIDAYS[profile.countryCode] ?? HOLIDAYS.GB ?? [];
  return rules.map((rule, i) => {
    const [name, a, b] = rule;
    const recurrent = typeof a === 'number';
    const date = typeof a === 'number' ? new Date(Date.UTC(year, a - 1, b as number)) : a(year);
    const month = date.getUTCMonth() + 1;
    const day = date.getUTCDate();
    return fill('Holiday', {
      Id: i + 1,
      Name: name,
      Day: day,
      DayEnd: day,
      Month: month,
      MonthEnd: month,
      Year: year,
      YearEnd: year,
      IsRecurrent: recurrent,
      // The whole day, from midnight to midnight.
      TimeOfStartDate: 'PT0S',
      TimeOfEndDate: 'PT23H59M',
      Group: 'DEFAULT',
      HolidayPrompt: 'holiday.wav',
    });
  });
}
