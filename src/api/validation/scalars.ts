import type { BooleanType, IntegerType, NumberType, StringType } from '../catalogue';
import { describeValue } from './humanize';

/**
 * Coercion of single values, typed by a person or sent as JSON, into what the XAPI expects. Messages are templates:
 * `{label}` becomes the field's name once the place in the request is known (see issues.ts).
 */

export type ScalarType = StringType | IntegerType | NumberType | BooleanType;
export type Coerced = { ok: true; value: unknown } | { ok: false; message: string };

const fail = (message: string): Coerced => ({ ok: false, message });
const ok = (value: unknown): Coerced => ({ ok: true, value });

export const EXAMPLE_DATE_TIME = '2026-01-31T09:00:00Z';
export const EXAMPLE_DURATION = 'PT5M';
export const EXAMPLE_UUID = '123e4567-e89b-12d3-a456-426614174000';
export const EXAMPLE_TIME = '09:00:00';

const INT32: [number, number] = [-(2 ** 31), 2 ** 31 - 1];
const SAFE: [number, number] = [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
const FORMAT_RANGES: Record<string, [number, number]> = {
  int32: INT32,
  int64: SAFE,
  uint8: [0, 255],
  int16: [-(2 ** 15), 2 ** 15 - 1],
  int8: [-128, 127],
};

/** The range an integer field accepts: its own bounds, narrowed by what its format can hold. */
export function integerRange(t: IntegerType): [number, number] {
  const [low, high] = (t.format && FORMAT_RANGES[t.format]) || SAFE;
  return [Math.max(low, t.minimum ?? low), Math.min(high, t.maximum ?? high)];
}

function coerceInteger(t: IntegerType, input: unknown): Coerced {
  let n: number;
  if (typeof input === 'number') n = input;
  else if (typeof input === 'string' && /^\s*[+-]?\d+\s*$/.test(input)) n = Number(input.trim());
  else return fail(`{label} must be a whole number (got ${describeValue(input)})`);
  if (!Number.isInteger(n)) return fail(`{label} must be a whole number (got ${describeValue(input)})`);
  const [low, high] = integerRange(t);
  if (n < low) return fail(`{label} must be at least ${low} (got ${describeValue(input)})`);
  if (n > high) return fail(`{label} must be at most ${high} (got ${describeValue(input)})`);
  return ok(n);
}

function coerceNumber(input: unknown): Coerced {
  let n = Number.NaN;
  if (typeof input === 'number') n = input;
  else if (typeof input === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(input)) {
    n = Number(input.trim());
  }
  if (!Number.isFinite(n)) return fail(`{label} must be a number (got ${describeValue(input)})`);
  return ok(n);
}

const TRUE_WORDS = new Set(['true', 'on', 'yes', '1']);
const FALSE_WORDS = new Set(['false', 'off', 'no', '0']);

function coerceBoolean(input: unknown): Coerced {
  if (typeof input === 'boolean') return ok(input);
  const word =
    typeof input === 'string' || typeof input === 'number' ? String(input).trim().toLowerCase() : '';
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return fail(`{label} must be true or false (got ${describeValue(input)})`);
}

function matchMember(members: string[], word: string): string | undefined {
  return members.find((m) => m === word) ?? members.find((m) => m.toLowerCase() === word.toLowerCase());
}

function coerceEnum(t: StringType & { enum: string[] }, text: string): Coerced {
  if (!t.flags) {
    const member = matchMember(t.enum, text.trim());
    if (member !== undefined) return ok(member);
    return fail(`{label} must be one of ${t.enum.join(', ')} (got ${describeValue(text)})`);
  }
  const parts = text.split(',').map((part) => part.trim());
  const members = parts.map((part) => matchMember(t.enum, part));
  if (parts.length > 0 && members.every((m) => m !== undefined)) return ok(members.join(', '));
  return fail(
    `{label} must be one or more of ${t.enum.join(', ')}, separated by commas (got ${describeValue(text)})`,
  );
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const DURATION =
  /^-?P(?=\d|T\d)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIME = /^(\d{2}):(\d{2})(:(\d{2})(\.\d+)?)?$/;

function realDate(year: string, month: string, day: string): boolean {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function coerceDateTime(text: string): Coerced {
  const trimmed = text.trim();
  const date = DATE.exec(trimmed);
  // A plain date is what people type for "that day"; the XAPI wants an instant, so it means midnight UTC.
  if (date && realDate(date[1] ?? '', date[2] ?? '', date[3] ?? '')) return ok(`${trimmed}T00:00:00Z`);
  const full = DATE_TIME.exec(trimmed);
  if (
    full &&
    realDate(full[1] ?? '', full[2] ?? '', full[3] ?? '') &&
    Number(full[4]) < 24 &&
    Number(full[5]) < 60 &&
    Number(full[7] ?? 0) < 60
  ) {
    return ok(trimmed.replace(/t/, 'T').replace(/z$/, 'Z'));
  }
  return fail(`{label} must be a date and time like ${EXAMPLE_DATE_TIME} (got ${describeValue(text)})`);
}

function coerceFormat(format: string, text: string): Coerced {
  switch (format) {
    case 'date-time':
      return coerceDateTime(text);
    case 'duration':
      if (DURATION.test(text.trim())) return ok(text.trim().toUpperCase());
      return fail(
        `{label} must be a duration like ${EXAMPLE_DURATION} or P1DT2H (got ${describeValue(text)})`,
      );
    case 'uuid':
      if (UUID.test(text.trim())) return ok(text.trim());
      return fail(`{label} must be a UUID like ${EXAMPLE_UUID} (got ${describeValue(text)})`);
    case 'time': {
      const time = TIME.exec(text.trim());
      if (time && Number(time[1]) < 24 && Number(time[2]) < 60 && Number(time[4] ?? 0) < 60) {
        return ok(time[3] ? text.trim() : `${text.trim()}:00`);
      }
      return fail(`{label} must be a time of day like ${EXAMPLE_TIME} (got ${describeValue(text)})`);
    }
    default:
      return ok(text);
  }
}

function coerceString(t: StringType, input: unknown): Coerced {
  let text: string;
  if (typeof input === 'string') text = input;
  // A number where text is expected (an extension number, say) means the same thing to a person.
  else if (typeof input === 'number' && Number.isFinite(input)) text = String(input);
  else return fail(`{label} must be text (got ${describeValue(input)})`);
  if (t.maxLength !== undefined && text.length > t.maxLength) {
    return fail(`{label} is too long: ${text.length} characters, at most ${t.maxLength}`);
  }
  if (t.enum && t.enum.length > 0) return coerceEnum({ ...t, enum: t.enum }, text);
  if (t.format) return coerceFormat(t.format, text);
  return ok(text);
}

export function coerceScalar(t: ScalarType, input: unknown): Coerced {
  switch (t.kind) {
    case 'integer':
      return coerceInteger(t, input);
    case 'number':
      return coerceNumber(input);
    case 'boolean':
      return coerceBoolean(input);
    case 'string':
      return coerceString(t, input);
  }
}
