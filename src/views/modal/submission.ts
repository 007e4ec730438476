import type { Operation, OperationCatalogue } from '../../api/catalogue';
import { fieldValue, parseJsonField, ValidationError, validateRequest } from '../../api/validation';
import { ACTION_ID, ADVANCED_JSON, type FormField, type FormLayout, layoutForm } from './fields';
import { type Entered, readElement, uncarryState } from './state';
import type { ModalMetadata, ModalOverrides } from './types';

/**
 * Turns a submitted form back into a request. Each block is read by its block id (which names the field) and by
 * the element Slack reports (which says how the value was entered), so a form built with other overrides, such
 * as a services form that became a multi-select, still reads correctly. Problems are collected per block, worded
 * for the person, and shaped for `response_action: 'errors'`.
 */

export type Submission =
  | { args: Record<string, unknown>; body: unknown }
  | { errors: Record<string, string> };

const ADVANCED_LABEL = 'Advanced JSON';
export const NOTHING_TO_CHANGE =
  'Nothing to change: fill in a field to change (or Advanced JSON); nothing was sent to 3CX.';

const messageOf = (err: ValidationError): string => err.issues.map((issue) => issue.message).join('; ');

/** A list typed one per line, or as JSON by someone who knows the shape. */
function lines(field: FormField, text: string): unknown {
  if (/^\s*\[/.test(text)) return parseJsonField(field.label, text, field.blockId);
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** What the validator should coerce: the entered value, shaped as the field's type reads it. */
export function rawValue(field: FormField, entered: Exclude<Entered, { kind: 'empty' }>): unknown {
  const type = field.type;
  if (entered.kind === 'list') {
    // A flags enum is one string of comma-separated members; a list is a list.
    if (type.kind === 'string') return entered.values.join(', ');
    // One ticked checkbox is how a flag is switched on.
    if (type.kind === 'boolean') return entered.values.length > 0;
    return entered.values;
  }
  const text = entered.text;
  if (field.control === 'json') {
    return parseJsonField(field.label, text, field.blockId);
  }
  if (type.kind === 'array') return lines(field, text);
  return text;
}

export function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let here = target;
  for (const segment of path.slice(0, -1)) {
    const next = here[segment];
    if (typeof next === 'object' && next !== null && !Array.isArray(next))
      here = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      here[segment] = created;
      here = created;
    }
  }
  const last = path[path.length - 1];
  if (last !== undefined) here[last] = value;
}

interface Collected {
  args: Record<string, unknown>;
  body: Record<string, unknown>;
  filled: number;
  errors: Record<string, string>;
}

function readFields(
  catalogue: OperationCatalogue,
  layout: FormLayout,
  stateValues: Record<string, Record<string, unknown>>,
): Collected {
  const out: Collected = { args: {}, body: {}, filled: 0, errors: {} };
  for (const [blockId, actions] of Object.entries(stateValues)) {
    const field = layout.byBlock.get(blockId);
    // Blocks this operation does not have (another version's form, say) carry nothing we could place.
    if (!field) continue;
    const entered = readElement(actions[ACTION_ID]);
    if (entered.kind === 'empty') {
      if (field.required) out.errors[blockId] = `${field.label} is required`;
      continue;
    }
    try {
      const value = fieldValue(
        catalogue,
        field.node,
        field.path.join('.'),
        rawValue(field, entered),
        field.label,
        field.within,
      );
      if (field.source === 'param') out.args[field.path[0] ?? blockId] = value;
      else {
        setPath(out.body, field.path, value);
        out.filled++;
      }
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      out.errors[blockId] = messageOf(err);
    }
  }
  return out;
}

/** The Advanced JSON replaces the body; it is checked here so its problems show under it, not under a field. */
function readAdvanced(
  catalogue: OperationCatalogue,
  op: Operation,
  stateValues: Record<string, Record<string, unknown>>,
): { body: unknown } | { error: string } | undefined {
  const entered = readElement(stateValues[ADVANCED_JSON]?.[ACTION_ID]);
  if (entered.kind !== 'text') return undefined;
  try {
    const parsed = parseJsonField(ADVANCED_LABEL, entered.text, ADVANCED_JSON);
    // Parameters are checked with their own inputs; without them only the body's problems remain.
    const valid = validateRequest(catalogue, { ...op, params: [] }, { body: parsed });
    return { body: valid.body };
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return { error: messageOf(err) };
  }
}

/** A key repeated in the body (`Name` of a tenant property) follows the parameter that addresses the entity. */
export function copyKeys(
  catalogue: OperationCatalogue,
  layout: FormLayout,
  args: Record<string, unknown>,
  body: Record<string, unknown>,
): void {
  for (const { param, node } of layout.keyCopies) {
    const given = args[param.name];
    if (given === undefined || body[param.name] !== undefined) continue;
    try {
      body[param.name] = fieldValue(catalogue, node, param.name, given);
    } catch (err) {
      // A key the body cannot hold is left to 3CX, which knows the entity from the address anyway.
      if (!(err instanceof ValidationError)) throw err;
    }
  }
}

export function readSubmission(
  catalogue: OperationCatalogue,
  op: Operation,
  stateValues: Record<string, Record<string, unknown>>,
  overrides?: ModalOverrides,
  meta?: Pick<ModalMetadata, 'args' | 'carried'>,
): Submission {
  const layout = layoutForm(catalogue, op, overrides);
  // A "More fields" page is submitted with what the first page held when it was pushed.
  if (meta?.carried) stateValues = { ...uncarryState(meta.carried), ...stateValues };
  const fields = readFields(catalogue, layout, stateValues);
  const advanced = readAdvanced(catalogue, op, stateValues);
  const errors = { ...fields.errors };
  if (advanced) {
    // The fields' body is replaced, so their problems no longer matter; the parameters' still do.
    for (const blockId of Object.keys(errors)) {
      if (layout.byBlock.get(blockId)?.source === 'body') delete errors[blockId];
    }
    if ('error' in advanced) errors[ADVANCED_JSON] = advanced.error;
  }
  if (Object.keys(errors).length > 0) return { errors };

  // An update with no field filled would send the key alone (`{"Id":1}`) and be announced as done: nothing to send.
  if (op.method === 'PATCH' && op.body && !advanced && fields.filled === 0)
    return { errors: { [ADVANCED_JSON]: NOTHING_TO_CHANGE } };
  const args: Record<string, unknown> = { ...meta?.args, ...fields.args };
  let body: unknown;
  if (advanced && 'body' in advanced) body = advanced.body;
  else if (op.body && (fields.filled > 0 || op.body.required)) {
    copyKeys(catalogue, layout, args, fields.body);
    body = fields.body;
  }
  return { args, body };
}
