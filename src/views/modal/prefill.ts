import { createHash } from 'node:crypto';
import type { InputBlockElement } from '@slack/types';
import type { Operation, OperationCatalogue } from '../../api/catalogue';
import { fieldValue, parseJsonField, ValidationError, validateRequest } from '../../api/validation';
import { maskSecrets } from '../../pipeline/mask';
import { pathValue } from '../../words/values';
import { inputBlock } from './elements';
import { ACTION_ID, ADVANCED_JSON, type FormField, layoutForm } from './fields';
import { fieldLabel } from './labels';
import { type Entered, readElement } from './state';
import { copyKeys, rawValue, setPath } from './submission';

/**
 * An update form prefilled with the object's current values, and what its submission changes. The originals do
 * not fit in `private_metadata` (a user is several kB), so the form carries a short hash per body field of what
 * each input showed, and the submission is compared with those hashes and with a fresh read of the object: only
 * a field the person changed is sent, and a field someone else changed meanwhile is not put back.
 */

/** Characters per field in the fingerprint: 36 bits, plenty to tell one value of one field from another. */
export const HASH_CHARS = 6;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * What each input starts with, by field key: the object's value at the field's place. Secrets (passwords, PINs,
 * a secret tenant property's value) are left empty, so that a form shown in Slack never carries them; an empty
 * input leaves the value as it is.
 */
export function initialValues(
  catalogue: OperationCatalogue,
  op: Operation,
  object: Obj,
): Record<string, unknown> {
  const masked = maskSecrets(object);
  const initial: Record<string, unknown> = {};
  for (const field of layoutForm(catalogue, op).body) {
    const path = field.path.join('.');
    const value = pathValue(object, path);
    // An empty text is shown as an empty input: the same to Slack, and to the comparison.
    if (value === undefined || value === null || value === '') continue;
    if (JSON.stringify(pathValue(masked as Obj, path)) !== JSON.stringify(value)) continue;
    initial[field.key] = value;
  }
  return initial;
}

/** What Slack sends back for an element nobody touched: its initial value, in the shape of a submission. */
function untouched(el: InputBlockElement): unknown {
  switch (el.type) {
    case 'plain_text_input':
    case 'number_input':
      return { type: el.type, value: el.initial_value ?? null };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type: el.type, selected_option: el.initial_option ?? null };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return { type: el.type, selected_options: el.initial_options ?? [] };
    case 'datetimepicker':
      return { type: el.type, selected_date_time: el.initial_date_time ?? null };
    default:
      return undefined;
  }
}

/** One field's value as the form holds it, hashed; a set of picks is a set, whatever order Slack reports it in. */
export function hashEntered(entered: Entered): string {
  const text =
    entered.kind === 'empty'
      ? 'e'
      : entered.kind === 'text'
        ? `t:${entered.text}`
        : `l:${[...entered.values].sort().join('\u0000')}`;
  return createHash('sha256').update(text).digest('base64url').slice(0, HASH_CHARS);
}

/** What the input of a field shows when built with this initial value, as Slack would send it back untouched. */
function shownEntered(field: FormField, initial: unknown): Entered {
  return readElement(untouched(inputBlock(field, initial).element));
}

/** The form's fingerprint: one hash per body field of the layout, in its order, of what the input showed. */
export function fingerprint(
  catalogue: OperationCatalogue,
  op: Operation,
  initial: Record<string, unknown>,
): string {
  return layoutForm(catalogue, op)
    .body.map((field) => hashEntered(shownEntered(field, initial[field.key])))
    .join('');
}

/** A field the person changed, with its value read and checked. */
export interface Edit {
  field: FormField;
  /** The hash of what was submitted, to tell it from the object's value when read again. */
  hash: string;
  /** The hash of what the form showed when it opened. */
  shown: string;
  value: unknown;
}

export type Edited =
  | { kind: 'stale' }
  | { kind: 'errors'; errors: Record<string, string> }
  /** `advanced`: the Advanced JSON body, which replaces the fields. */
  | { kind: 'edits'; edits: Edit[]; advanced?: Obj };

/** The value a cleared input stands for: an empty text, a list with nothing in it, or none where 3CX allows it. */
function clearedValue(field: FormField): { value: unknown } | { error: string } {
  const t = field.type;
  if (t.kind === 'array') return { value: [] };
  if (t.kind === 'string' && field.control === 'text') return { value: '' };
  if (t.kind !== 'any' && t.nullable) return { value: null };
  return {
    error: `${field.label} cannot be left empty: the PBX keeps a value here. Choose one, or close the form.`,
  };
}

/**
 * The fields whose submitted value differs from what the form showed, each checked like any form field. Only
 * those are checked: a value the PBX holds today is not the person's to fix before changing something else.
 */
export function editedFields(
  catalogue: OperationCatalogue,
  op: Operation,
  stateValues: Record<string, Record<string, unknown>>,
  prefill: string,
): Edited {
  const layout = layoutForm(catalogue, op);
  if (prefill.length !== layout.body.length * HASH_CHARS) return { kind: 'stale' };
  // The Advanced JSON replaces the fields, as its hint says: their values no longer matter.
  const advanced = readElement(stateValues[ADVANCED_JSON]?.[ACTION_ID]);
  if (advanced.kind === 'text') {
    try {
      const parsed = parseJsonField('Advanced JSON', advanced.text, ADVANCED_JSON);
      // Checked as the unprefilled form checks it, so its problems show under it, not in the preview.
      const valid = isObj(parsed)
        ? validateRequest(catalogue, { ...op, params: [] }, { body: parsed })
        : undefined;
      if (isObj(valid?.body)) return { kind: 'edits', edits: [], advanced: valid.body };
      return {
        kind: 'errors',
        errors: { [ADVANCED_JSON]: 'Advanced JSON must be an object of the fields to change.' },
      };
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return { kind: 'errors', errors: { [ADVANCED_JSON]: messageOf(err) } };
    }
  }
  const edits: Edit[] = [];
  const errors: Record<string, string> = {};
  layout.body.forEach((field, i) => {
    const actions = stateValues[field.blockId];
    // A field on no page the person saw (hidden, behind "More fields", or left to the JSON) is not changed.
    if (!actions) return;
    const entered = readElement(actions[ACTION_ID]);
    const hash = hashEntered(entered);
    const shown = prefill.slice(i * HASH_CHARS, (i + 1) * HASH_CHARS);
    if (hash === shown) return;
    if (entered.kind === 'empty') {
      const cleared = clearedValue(field);
      if ('error' in cleared) errors[field.blockId] = cleared.error;
      else edits.push({ field, hash, shown, value: cleared.value });
      return;
    }
    try {
      const raw = rawValue(field, entered);
      const value = fieldValue(catalogue, field.node, field.path.join('.'), raw, field.label, field.within);
      edits.push({ field, hash, shown, value });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      errors[field.blockId] = messageOf(err);
    }
  });
  if (Object.keys(errors).length > 0) return { kind: 'errors', errors };
  return { kind: 'edits', edits };
}

const messageOf = (err: ValidationError): string => err.issues.map((issue) => issue.message).join('; ');

/** One change as the preview shows it and the request sends it. */
export interface Change {
  /** `body:FirstName`, or the top-level key of an Advanced JSON body. */
  key: string;
  label: string;
  /** Where it goes in the body. */
  path: string[];
  before: unknown;
  after: unknown;
  /** The PBX's value is not what the form showed: someone changed it since the form opened. */
  moved: boolean;
  /** The field is an enum, shown spaced. */
  enumLike: boolean;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The edits that still change something once the object is read again: a field whose new value is what the PBX
 * holds now is dropped, and each change carries the PBX's value as its "before".
 */
export function changesAgainst(
  catalogue: OperationCatalogue,
  op: Operation,
  edited: Extract<Edited, { kind: 'edits' }>,
  current: Obj,
): Change[] {
  if (edited.advanced) {
    const fields = new Map(layoutForm(catalogue, op).body.map((f) => [f.key, f]));
    return Object.entries(edited.advanced)
      .filter(([key, value]) => !same(current[key], value))
      .map(([key, value]) => ({
        key,
        label: fields.get(key)?.label ?? fieldLabel(key),
        path: [key],
        before: current[key],
        after: value,
        moved: false,
        enumLike: fields.get(key)?.control === 'select',
      }));
  }
  const now = initialValues(catalogue, op, current);
  const changes: Change[] = [];
  for (const edit of edited.edits) {
    const { field } = edit;
    const currentHash = hashEntered(shownEntered(field, now[field.key]));
    if (edit.hash === currentHash) continue;
    changes.push({
      key: field.blockId,
      label: field.label,
      path: field.path,
      before: pathValue(current, field.path.join('.')),
      after: edit.value,
      moved: currentHash !== edit.shown,
      enumLike: field.control === 'select' || field.control === 'multiselect',
    });
  }
  return changes;
}

/** The request body of the changes: only they are sent, with the key a body repeats from the address. */
export function changesBody(
  catalogue: OperationCatalogue,
  op: Operation,
  changes: Change[],
  args: Record<string, unknown>,
): Obj {
  const body: Obj = {};
  for (const change of changes) setPath(body, change.path, change.after);
  copyKeys(catalogue, layoutForm(catalogue, op), args, body);
  return body;
}

/** A short hash of the PBX's values at the changed places: the confirmation runs only if they are still the same. */
export function guardOf(changes: Pick<Change, 'path'>[], current: Obj): string {
  const values = changes.map((c) => pathValue(current, c.path.join('.')) ?? null);
  return createHash('sha256').update(JSON.stringify(values)).digest('base64url').slice(0, 16);
}
