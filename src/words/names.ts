import type { EntityRow } from '../entities/rows';

/**
 * Objects as people name them: `Nina Novak (125)`, `Sales Queue (800)`, never `Id=26`. Replies, confirmations,
 * choices and the audit trail all call these, so an Id cannot leak back in from one corner.
 */

type Obj = Record<string, unknown>;

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;

/** The object's name alone: its display name, first and last name, or name; the key as a last resort. */
export function nameOf(obj: Obj, row?: Pick<EntityRow, 'key'>): string {
  const display = text(obj.DisplayName);
  if (display) return display;
  const person = [text(obj.FirstName), text(obj.LastName)].filter(Boolean).join(' ');
  if (person) return person;
  for (const f of ['Name', 'CompanyName', 'FileName', 'Filename', 'MemberName']) {
    const t = text(obj[f]);
    if (t) return t;
  }
  // A trunk is known by its provider's gateway.
  const gateway = obj.Gateway;
  if (gateway !== null && typeof gateway === 'object' && !Array.isArray(gateway)) {
    const t = text((gateway as Obj).Name);
    if (t) return t;
  }
  const key = row?.key ?? 'Id';
  const k = text(obj[key]) ?? text(obj.Id);
  return k !== undefined ? `#${k}` : 'unnamed';
}

/** `Nina Novak (125)`; without a number, the name alone. */
export function displayName(obj: Obj, row?: Pick<EntityRow, 'key'>): string {
  const name = nameOf(obj, row);
  const number = text(obj.Number);
  return number && number !== name ? `${name} (${number})` : name;
}

/** `user Nina Novak (125)`: for sentences that say what kind of object it is. */
export function objectPhrase(obj: Obj, row: Pick<EntityRow, 'key' | 'label'>): string {
  return `${row.label} ${displayName(obj, row)}`;
}

/** A member list by name: `Nina Novak (125), Ben Brown (101)`; `nobody` when empty. */
export function namesList(items: unknown[], max = 20): string {
  const names = items.filter((i): i is Obj => i !== null && typeof i === 'object').map((i) => displayName(i));
  if (names.length === 0) return 'nobody';
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
