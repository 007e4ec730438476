import type { Operation, OperationCatalogue, Param, TypeNode } from '../../api/catalogue';
import { exampleValue } from '../../api/validation';
import { fieldLabel } from './labels';
import { type Reference, referenceByName, referenceOfParam } from './references';
import type { ModalOverrides } from './types';

/**
 * The form an operation asks for, worked out from the catalogue alone. The builder and the reader of a submission
 * both derive it, so a submitted block id always leads back to the type that field had when the form was built.
 */

/** How a field is entered; the element is chosen from this and from the choices an override may bring. */
export type Control =
  | 'text'
  | 'number'
  | 'boolean'
  | 'select'
  | 'multiselect'
  | 'datetime'
  /** A list of plain values, one per line. */
  | 'lines'
  /** Anything too deep for inputs of its own: an object or a list of objects, written as JSON. */
  | 'json'
  /** One object of the PBX, picked from suggestions (`external_select`). */
  | 'picker'
  /** Several of them (`multi_external_select`). */
  | 'multipicker';

export interface FormField {
  /** `param:Name`, `body:licenseParams.CompanyName`. */
  blockId: string;
  /** What overrides call the field: `param:Name` for a parameter, the body path (`licenseParams.Email`) otherwise. */
  key: string;
  source: 'param' | 'body';
  /** Where the value goes: the parameter's name, or the segments of its place in the body. */
  path: string[];
  /** As declared, for validation; `type` is the same resolved to a structural type. */
  node: TypeNode;
  type: TypeNode;
  control: Control;
  required: boolean;
  label: string;
  /** Members of an enum, or the choices an override offers for a text field or a list of text. */
  choices?: string[];
  /** The text a JSON field shows as an example, when short enough to help. */
  example?: string;
  /** The named type that holds the field (`User`), for value checks that depend on it. */
  within?: string;
  /** What the field refers to on the PBX, when it is picked rather than typed. */
  reference?: Reference;
}

export interface FormLayout {
  params: FormField[];
  body: FormField[];
  byBlock: Map<string, FormField>;
  /**
   * Body fields that repeat a path parameter (`Name` of `PATCH /TenantProperties({Name})`): asked once, as the
   * parameter, and copied into the body when the form is read.
   */
  keyCopies: { param: Param; node: TypeNode }[];
}

export const ADVANCED_JSON = 'advanced_json';
export const ACTION_ID = 'value';
export const PARAM_PREFIX = 'param:';
export const BODY_PREFIX = 'body:';
/** Slack's static selects hold at most 100 options; a longer enum is typed instead. */
export const MAX_OPTIONS = 100;

const SCALARS = new Set(['string', 'integer', 'number', 'boolean']);

function enumOf(type: TypeNode): string[] | undefined {
  if (type.kind !== 'string' || !type.enum || type.enum.length === 0 || type.enum.length > MAX_OPTIONS) {
    return undefined;
  }
  return type.enum;
}

function controlFor(catalogue: OperationCatalogue, type: TypeNode): Control {
  switch (type.kind) {
    case 'boolean':
      return 'boolean';
    case 'integer':
    case 'number':
      return 'number';
    case 'string':
      if (enumOf(type)) return type.flags ? 'multiselect' : 'select';
      return type.format === 'date-time' ? 'datetime' : 'text';
    case 'array': {
      const items = catalogue.resolve(type.items);
      if (items.kind === 'string' && !items.flags && enumOf(items)) return 'multiselect';
      return SCALARS.has(items.kind) ? 'lines' : 'json';
    }
    default:
      return 'json';
  }
}

/** Enum members of a field, from its own type or, for a list, its items. */
function choicesOf(catalogue: OperationCatalogue, type: TypeNode): string[] | undefined {
  if (type.kind === 'array') return enumOf(catalogue.resolve(type.items));
  return enumOf(type);
}

/** A short JSON example for the hint; a long one would be cut mid-way and mislead more than help. */
function exampleText(value: unknown): string | undefined {
  const text = JSON.stringify(value);
  return text !== undefined && text.length <= 150 ? text : undefined;
}

function makeField(
  catalogue: OperationCatalogue,
  overrides: ModalOverrides,
  base: Pick<FormField, 'key' | 'blockId' | 'source' | 'path' | 'node' | 'required' | 'label' | 'within'>,
  type: TypeNode,
  reference?: Reference,
): FormField {
  let control = controlFor(catalogue, type);
  let choices = choicesOf(catalogue, type);
  const offered = (overrides.options?.[base.key] ?? overrides.options?.[base.blockId])?.filter(
    (c) => c.length > 0,
  );
  const picked =
    reference !== undefined && (control === 'text' || control === 'number' || control === 'lines');
  if (offered && offered.length > 0 && (control === 'text' || control === 'lines')) {
    control = control === 'text' ? 'select' : 'multiselect';
    choices = offered.slice(0, MAX_OPTIONS);
  } else if (picked) control = control === 'lines' ? 'multipicker' : 'picker';
  const field: FormField = {
    ...base,
    label: overrides.labels?.[base.key] ?? overrides.labels?.[base.blockId] ?? base.label,
    type,
    control,
  };
  if (choices) field.choices = choices;
  if (reference && (control === 'picker' || control === 'multipicker')) field.reference = reference;
  if (control === 'json') {
    const example = exampleText(exampleValue(catalogue, base.node));
    if (example) field.example = example;
  }
  return field;
}

function paramFields(catalogue: OperationCatalogue, op: Operation, overrides: ModalOverrides): FormField[] {
  // Query options ($filter, $top …) and headers (If-Match) are optional refinements that the command line
  // already takes; a form asks only for what addresses the resource.
  return op.params
    .filter((p) => p.in === 'path')
    .map((p) =>
      makeField(
        catalogue,
        overrides,
        {
          key: `${PARAM_PREFIX}${p.name}`,
          blockId: `${PARAM_PREFIX}${p.name}`,
          source: 'param',
          path: [p.name],
          node: p.type,
          required: true,
          label: fieldLabel(p.name),
        },
        catalogue.resolve(p.type),
        referenceOfParam(op.path, p.name),
      ),
    );
}

/** Objects with named fields get an input per field; the rest is one value. */
function hasInputs(type: TypeNode): type is TypeNode & { kind: 'object' } {
  return type.kind === 'object' && Object.keys(type.properties).length > 0;
}

function bodyFields(
  catalogue: OperationCatalogue,
  op: Operation,
  overrides: ModalOverrides,
  skip: Set<string>,
): FormField[] {
  if (!op.body) return [];
  const root = catalogue.resolve(op.body.type);
  if (!hasInputs(root)) return [];
  const top = Object.entries(root.properties);
  const topRequired = new Set(root.required ?? []);
  // A body that only wraps one object ({"licenseParams": {…}}) needs no group name in each label.
  const wrapper = top.length === 1;
  const fields: FormField[] = [];
  const refName = (node: TypeNode): string | undefined => (node.kind === 'ref' ? node.name : undefined);
  const add = (path: string[], node: TypeNode, required: boolean, label: string, within?: string): void => {
    const key = path.join('.');
    const base = {
      key,
      blockId: `${BODY_PREFIX}${key}`,
      source: 'body' as const,
      path,
      node,
      required,
      label,
    };
    fields.push(
      makeField(
        catalogue,
        overrides,
        within ? { ...base, within } : base,
        catalogue.resolve(node),
        referenceByName(path[path.length - 1] ?? ''),
      ),
    );
  };
  for (const [name, node] of top) {
    if (skip.has(name)) continue;
    const type = catalogue.resolve(node);
    const required = topRequired.has(name) && op.body.required;
    if (!hasInputs(type)) {
      add([name], node, required, fieldLabel(name), refName(op.body.type));
      continue;
    }
    const innerRequired = new Set(type.required ?? []);
    for (const [inner, innerNode] of Object.entries(type.properties)) {
      const label = wrapper ? fieldLabel(inner) : `${fieldLabel(name)} › ${fieldLabel(inner)}`;
      add([name, inner], innerNode, required && innerRequired.has(inner), label, refName(node));
    }
  }
  return fields;
}

/** Body fields that name a path parameter, when the body has them at its top level. */
function keyCopiesOf(catalogue: OperationCatalogue, op: Operation): FormLayout['keyCopies'] {
  if (!op.body) return [];
  const root = catalogue.resolve(op.body.type);
  if (root.kind !== 'object') return [];
  const copies: FormLayout['keyCopies'] = [];
  for (const param of op.params) {
    const node = root.properties[param.name];
    if (param.in === 'path' && node) copies.push({ param, node });
  }
  return copies;
}

export function layoutForm(
  catalogue: OperationCatalogue,
  op: Operation,
  overrides: ModalOverrides = {},
): FormLayout {
  const keyCopies = keyCopiesOf(catalogue, op);
  const params = paramFields(catalogue, op, overrides);
  const body = bodyFields(catalogue, op, overrides, new Set(keyCopies.map((k) => k.param.name)));
  const byBlock = new Map<string, FormField>();
  for (const field of [...params, ...body]) byBlock.set(field.blockId, field);
  return { params, body, byBlock, keyCopies };
}
