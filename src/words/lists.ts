import { displayName } from './names';

/**
 * What sending a whole list does to the list the PBX holds: 3CX replaces a list with what it is sent, so a member
 * left out is removed. Members are told apart by number, then Id, then name (queue agents, ring group members);
 * plain values (tags, prompts) by themselves.
 */

type Obj = Record<string, unknown>;

export interface ListDelta {
  /** Members that would go, by name: `Seán O'Brien (101)`. */
  removed: string[];
  added: string[];
  kept: string[];
}

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function keyOf(item: unknown): string {
  if (isObj(item)) return JSON.stringify(item.Number ?? item.Id ?? item.Name ?? item);
  return JSON.stringify(item);
}

function nameOf(item: unknown): string {
  if (isObj(item)) return displayName(item);
  return typeof item === 'string' ? item : JSON.stringify(item);
}

/** Undefined when either side is not a list. */
export function listDelta(before: unknown, after: unknown): ListDelta | undefined {
  if (!Array.isArray(after)) return undefined;
  const old = Array.isArray(before) ? before : before === undefined || before === null ? [] : undefined;
  if (!old) return undefined;
  const next = new Set(after.map(keyOf));
  const had = new Set(old.map(keyOf));
  return {
    removed: old.filter((m) => !next.has(keyOf(m))).map(nameOf),
    added: after.filter((m) => !had.has(keyOf(m))).map(nameOf),
    kept: old.filter((m) => next.has(keyOf(m))).map(nameOf),
  };
}

/** `Seán O'Brien (101), Dmitri Ivanova (103) and 4 more`. */
export function namesOf(names: string[], max = 10): string {
  if (names.length === 0) return 'nobody';
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
