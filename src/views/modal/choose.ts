import type { FormField } from './fields';
import type { ModalOverrides } from './types';

/**
 * Which fields a form shows, in which order, and on which page. People fill a form top-down and stop when what
 * they came for is done, so the first page holds what is required and what is changed most (a curated order where
 * one exists, a generic ranking otherwise); the rest waits behind "More fields", a second view, and what does not
 * fit there either is left to the Advanced JSON input.
 */

/** The first page shows at most this many optional fields before "More fields". */
export const FIRST_PAGE = 10;
/** A form this short fits one page and needs no second. */
export const ONE_PAGE = 12;
/** Inputs on the "More fields" page; the rest is typed in the Advanced JSON. */
export const MORE_PAGE = 40;

const NAME = /(^|[a-z])(Name|FirstName|LastName|DisplayName)$|^Name$/;
const NUMBER = /Number$|^Extension$/;
const EMAIL = /(^|[a-z])Email(Address)?$/;

/** Lower is earlier: names, numbers, emails and switches before other values, nested objects last. */
function genericRank(field: FormField): number {
  const leaf = field.path[field.path.length - 1] ?? '';
  if (NAME.test(leaf)) return 1;
  if (NUMBER.test(leaf)) return 2;
  if (EMAIL.test(leaf)) return 3;
  if (field.control === 'boolean') return 4;
  if (field.control === 'json') return 6;
  return 5;
}

export function isHidden(field: FormField, overrides: ModalOverrides): boolean {
  return (overrides.hidden ?? []).some(
    (h) => h === field.key || h === field.blockId || field.key.startsWith(`${h}.`),
  );
}

/** `order` fields first in the given order, the others where the catalogue has them. */
export function arrange(fields: FormField[], order: string[] = []): FormField[] {
  const position = (f: FormField): number => {
    const i = order.indexOf(f.key);
    return i === -1 ? order.length : i;
  };
  return fields
    .map((field, index) => ({ field, index }))
    .sort((a, b) => position(a.field) - position(b.field) || a.index - b.index)
    .map((entry) => entry.field);
}

/** Required first, then the given order, then the generic ranking; ties keep the catalogue's order. */
export function rankFields(fields: FormField[], order: string[]): FormField[] {
  const key = (f: FormField): [number, number] => {
    const at = order.indexOf(f.key);
    if (f.required) return [0, at === -1 ? order.length : at];
    if (at !== -1) return [1, at];
    return [2 + genericRank(f), 0];
  };
  return fields
    .map((field, index) => ({ field, index, key: key(field) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.index - b.index)
    .map((entry) => entry.field);
}

export interface FormPages {
  first: FormField[];
  more: FormField[];
  /** Fields on neither page, reachable through the Advanced JSON input. */
  left: number;
}

/**
 * The pages of a form's body fields. `order` is the curated order (or a command's own); `room` caps the first
 * page when the parameters already take blocks.
 */
export function pageFields(
  fields: FormField[],
  overrides: ModalOverrides,
  order: string[],
  room: number = ONE_PAGE,
): FormPages {
  const visible = rankFields(
    fields.filter((f) => !isHidden(f, overrides)),
    order,
  );
  if (visible.length <= Math.min(ONE_PAGE, room)) return { first: visible, more: [], left: 0 };
  const required = visible.filter((f) => f.required);
  const ordered = visible.filter((f) => !f.required && order.includes(f.key));
  // A curated order says what belongs up front; without one, the generic ranking fills the first page.
  const wanted = ordered.length > 0 ? ordered.length : FIRST_PAGE;
  const firstCount = Math.max(required.length, Math.min(room, required.length + wanted));
  const first = visible.slice(0, firstCount);
  const more = visible.slice(firstCount, firstCount + MORE_PAGE);
  return { first, more, left: visible.length - first.length - more.length };
}
