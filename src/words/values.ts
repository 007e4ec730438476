import { displayName, namesList } from './names';

/**
 * Values in people's words: enums spaced (`LongestWaiting` → `longest waiting`), flags as yes/no, lists by name
 * or count instead of `[2 items]`, nested objects by their name.
 */

export function spaced(enumValue: string): string {
  return enumValue
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** One value as a person reads it; `enumLike` says the string is an enum member (spaced, lower case). */
export function humanValue(value: unknown, enumLike = false): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return value.toLocaleString('en-US');
  if (typeof value === 'string') return enumLike ? spaced(value) : value;
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    if (value.every((v) => isObj(v) && ('Name' in v || 'Number' in v || 'DisplayName' in v)))
      return namesList(value, 10);
    if (value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(', ');
    return `${value.length} ${value.length === 1 ? 'entry' : 'entries'}`;
  }
  if (isObj(value)) {
    if ('Name' in value || 'Number' in value || 'DisplayName' in value) return displayName(value);
    const n = Object.keys(value).length;
    return `${n} ${n === 1 ? 'setting' : 'settings'}`;
  }
  return String(value);
}

/** A count for a list column: `4 agents` reads better in a table than the names. */
export function countOf(value: unknown, word: string): string {
  if (!Array.isArray(value)) return '—';
  const n = value.length;
  return `${n} ${n === 1 ? word.replace(/s$/, '') : word}`;
}

/** The state people check first: disabled, offline, not registered; `—` when the object has none. */
export function stateOf(obj: Record<string, unknown>): string {
  if (obj.Enabled === false || obj.IsEnabled === false) return 'disabled';
  if (obj.IsOnline === true) return 'online';
  if (obj.IsOnline === false) return 'offline';
  if (obj.IsRegistered === true || obj.Registered === true) return 'registered';
  if (obj.IsRegistered === false || obj.Registered === false) return 'not registered';
  if (obj.Enabled === true || obj.IsEnabled === true || obj.IsActive === true) return 'enabled';
  if (obj.IsActive === false) return 'inactive';
  return '—';
}

/** A dotted path into an object: `Gateway.Host`. */
export function pathValue(obj: Record<string, unknown>, path: string): unknown {
  let current: unknown = obj;
  for (const part of path.split('.')) {
    if (!isObj(current)) return undefined;
    current = current[part];
  }
  return current;
}
