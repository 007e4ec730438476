import type { FormField } from './fields';
import type { ModalOverrides } from './types';

/**
 * Which fields a form shows. Slack allows 100 blocks per view, and a form of 80 inputs would be unusable long
 * before that; big types show the fields people usually change and leave the rest to the Advanced JSON input.
 */

export const MAX_INPUTS = 40;

/** Field names people edit most often in 3CX's entities, and ids that identify what is edited. */
const COMMONLY_EDITED = /Name|Number|Email|Enabled|Description|Value|Status|(^|[a-z])Id$/;

export function isHidden(field: FormField, overrides: ModalOverrides): boolean {
  return (overrides.hidden ?? []).some(
    (h) => h === field.key || h === field.blockId || field.key.startsWith(`${h}.`),
  );
}

/** Why a field earns a place in a big form, or undefined when it only waits in the Advanced JSON. */
function rank(field: FormField, order: string[]): number | undefined {
  if (field.required) return 0;
  if (order.includes(field.key)) return 1;
  if (COMMONLY_EDITED.test(field.path[field.path.length - 1] ?? '')) return 2;
  return undefined;
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

export interface Chosen {
  shown: FormField[];
  /** Visible fields left out for room, reachable through the Advanced JSON input. */
  left: number;
}

export function chooseFields(fields: FormField[], overrides: ModalOverrides, room = MAX_INPUTS): Chosen {
  const order = overrides.order ?? [];
  const visible = fields.filter((f) => !isHidden(f, overrides));
  if (visible.length <= room) return { shown: arrange(visible, order), left: 0 };
  // Filling the room with whatever comes next in the catalogue would show passwords and rarely used switches
  // before the fields people look for; a shorter form of the usual ones reads better.
  const ranked = visible
    .map((field, index) => ({ field, index, rank: rank(field, order) }))
    .filter((entry): entry is { field: FormField; index: number; rank: number } => entry.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.index - b.index);
  const keep = new Set(ranked.slice(0, Math.max(0, room)).map((entry) => entry.field));
  const shown = arrange(
    visible.filter((f) => keep.has(f)),
    order,
  );
  return { shown, left: visible.length - shown.length };
}
