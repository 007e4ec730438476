import type { InputBlock, InputBlockElement, PlainTextElement, PlainTextOption } from '@slack/types';
import { truncate } from '../replies/limits';
import { ACTION_ID, type FormField } from './fields';

/** One input per field: the element follows the field's control, prefilled with `initial` when it fits. */

export const MODAL_LIMITS = {
  title: 24,
  button: 24,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  optionText: 75,
  optionValue: 150,
  /** plain_text_input's own ceiling, whatever the field allows. */
  textValue: 3000,
  blocks: 100,
  metadata: 3000,
} as const;

/** Past this many characters a field is more comfortable as a text area. */
const MULTILINE_FROM = 500;

const PLACEHOLDERS: Record<string, string> = {
  duration: 'e.g. PT5M or P1DT2H',
  uuid: 'e.g. 123e4567-e89b-12d3-a456-426614174000',
  time: 'e.g. 09:00:00',
};

export function plain(text: string, max: number): PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max) };
}

export const BOOLEAN_CHOICES: PlainTextOption[] = [
  { text: plain('On', MODAL_LIMITS.optionText), value: 'true' },
  { text: plain('Off', MODAL_LIMITS.optionText), value: 'false' },
];

function option(value: string): PlainTextOption {
  return { text: plain(value, MODAL_LIMITS.optionText), value };
}

function optionsOf(field: FormField): PlainTextOption[] {
  // A value Slack cannot carry back could not be chosen anyway.
  return (field.choices ?? []).filter((c) => c.length <= MODAL_LIMITS.optionValue).map(option);
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

function textList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(asText).filter((v): v is string => v !== undefined);
  const text = asText(value);
  return text === undefined ? [] : text.split(',').map((part) => part.trim());
}

/** The string a text input starts with; JSON fields show objects pretty-printed. */
function initialText(field: FormField, value: unknown): string | undefined {
  let text: string | undefined;
  if (field.control === 'json') text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  else if (field.control === 'lines')
    text = Array.isArray(value) ? textList(value).join('\n') : asText(value);
  else text = asText(value);
  const max = Math.min(maxLengthOf(field) ?? MODAL_LIMITS.textValue, MODAL_LIMITS.textValue);
  // Slack refuses a view whose initial value breaks the element's own limit.
  return text !== undefined && text.length <= max ? text : undefined;
}

function maxLengthOf(field: FormField): number | undefined {
  return field.type.kind === 'string' && field.type.maxLength !== undefined
    ? field.type.maxLength
    : undefined;
}

function hintOf(field: FormField): string | undefined {
  switch (field.control) {
    case 'lines':
      return 'One per line.';
    case 'json':
      return field.example ? `JSON, e.g. ${field.example}` : 'JSON.';
    case 'multiselect':
      return field.type.kind === 'string' ? 'Choose one or more.' : undefined;
    case 'picker':
    case 'multipicker':
      return 'Type a few letters or digits: the choices come from the PBX.';
    default: {
      const parts = [schemaHint(field)];
      if (field.source === 'param' && field.type.kind !== 'any' && field.type.nullable)
        parts.push('Type null for none.');
      const text = parts.filter((p) => p !== undefined).join(' ');
      return text || undefined;
    }
  }
}

const FORMAT_WORDS: Record<string, string> = {
  'date-time': 'A date and time.',
  duration: 'A duration, ISO 8601.',
  uuid: 'A UUID.',
  time: 'A time of day.',
};

/** What the schema says of a value, in a few words: its kind, format and bounds. */
function schemaHint(field: FormField): string | undefined {
  const t = field.type;
  if (t.kind === 'integer') {
    if (t.minimum !== undefined && t.maximum !== undefined)
      return `A whole number from ${t.minimum} to ${t.maximum}.`;
    if (t.minimum !== undefined) return `A whole number, at least ${t.minimum}.`;
    if (t.maximum !== undefined) return `A whole number, at most ${t.maximum}.`;
    return undefined;
  }
  if (t.kind !== 'string' || field.control !== 'text') return undefined;
  const format = t.format ? FORMAT_WORDS[t.format] : undefined;
  if (format) return format;
  if (t.maxLength !== undefined) return `At most ${t.maxLength} characters.`;
  return undefined;
}

function textElement(field: FormField, initial: unknown): InputBlockElement {
  const maxLength = maxLengthOf(field);
  const multiline =
    field.control === 'json' ||
    field.control === 'lines' ||
    (maxLength !== undefined && maxLength > MULTILINE_FROM);
  const element: InputBlockElement = { type: 'plain_text_input', action_id: ACTION_ID };
  if (multiline) element.multiline = true;
  if (maxLength !== undefined && maxLength <= MODAL_LIMITS.textValue) element.max_length = maxLength;
  const format = field.type.kind === 'string' ? field.type.format : undefined;
  const placeholder = format ? PLACEHOLDERS[format] : undefined;
  if (placeholder && field.control === 'text')
    element.placeholder = plain(placeholder, MODAL_LIMITS.placeholder);
  const text = initial === undefined ? undefined : initialText(field, initial);
  if (text !== undefined) element.initial_value = text;
  return element;
}

function numberElement(field: FormField, initial: unknown): InputBlockElement {
  const element: InputBlockElement = {
    type: 'number_input',
    action_id: ACTION_ID,
    is_decimal_allowed: field.type.kind === 'number',
  };
  if (field.type.kind === 'integer') {
    if (field.type.minimum !== undefined) element.min_value = String(field.type.minimum);
    if (field.type.maximum !== undefined) element.max_value = String(field.type.maximum);
  }
  const text = asText(initial)?.trim();
  // Slack refuses a view whose number input starts with a decimal it does not allow.
  const shape = field.type.kind === 'number' ? /^[+-]?(\d+\.?\d*|\.\d+)$/ : /^[+-]?\d+$/;
  if (text !== undefined && shape.test(text)) element.initial_value = text;
  return element;
}

function selectElement(options: PlainTextOption[], initial: string | undefined): InputBlockElement {
  const element: InputBlockElement = { type: 'static_select', action_id: ACTION_ID, options };
  element.placeholder = plain('Choose', MODAL_LIMITS.placeholder);
  // Members are matched as the validator matches them: exact first, then ignoring case.
  const chosen =
    options.find((o) => o.value === initial) ??
    options.find((o) => initial !== undefined && o.value?.toLowerCase() === initial.toLowerCase());
  if (chosen) element.initial_option = chosen;
  return element;
}

/** The words the validator reads as true or false, so a prefill typed like a command argument works too. */
function booleanValue(initial: unknown): string | undefined {
  const word = asText(initial)?.trim().toLowerCase() ?? '';
  if (['true', 'on', 'yes', '1'].includes(word)) return 'true';
  if (['false', 'off', 'no', '0'].includes(word)) return 'false';
  return undefined;
}

function multiSelectElement(options: PlainTextOption[], initial: unknown): InputBlockElement {
  const element: InputBlockElement = { type: 'multi_static_select', action_id: ACTION_ID, options };
  element.placeholder = plain('Choose', MODAL_LIMITS.placeholder);
  const wanted = textList(initial).map((v) => v.toLowerCase());
  const chosen = options.filter((o) => wanted.includes((o.value ?? '').toLowerCase()));
  if (chosen.length > 0) element.initial_options = chosen;
  return element;
}

/**
 * Options come from the PBX as the person types; a prefill shows its label when the caller read one (the current
 * department's name), its own value otherwise.
 */
function pickerElement(
  field: FormField,
  initial: unknown,
  labels: Record<string, string> = {},
): InputBlockElement {
  const labelled = (value: string): PlainTextOption => ({
    text: plain(labels[value] ?? value, MODAL_LIMITS.optionText),
    value,
  });
  const what = field.reference ? (PICKER_WORDS[field.reference.set] ?? 'one') : 'one';
  const placeholder = plain(`Type to find ${what}`, MODAL_LIMITS.placeholder);
  if (field.control === 'multipicker') {
    const element: InputBlockElement = {
      type: 'multi_external_select',
      action_id: ACTION_ID,
      min_query_length: 0,
      placeholder,
    };
    const chosen = textList(initial).filter((v) => v.length > 0 && v.length <= MODAL_LIMITS.optionValue);
    if (chosen.length > 0) element.initial_options = chosen.map(labelled);
    return element;
  }
  const element: InputBlockElement = {
    type: 'external_select',
    action_id: ACTION_ID,
    min_query_length: 0,
    placeholder,
  };
  const text = asText(initial)?.trim();
  // An Id is a whole number: anything else as a prefill would be sent back as a value 3CX refuses.
  const fits = field.type.kind !== 'integer' || /^\d+$/.test(text ?? '');
  if (text && fits && text.length <= MODAL_LIMITS.optionValue) element.initial_option = labelled(text);
  return element;
}

const PICKER_WORDS: Record<string, string> = {
  Users: 'a user by name or extension',
  Groups: 'a department',
  Queues: 'a queue',
  RingGroups: 'a ring group',
  Receptionists: 'an IVR',
  Trunks: 'a trunk',
  DidNumbers: 'a DID number',
  Services: 'services by name',
};

function dateTimeElement(initial: unknown): InputBlockElement {
  const element: InputBlockElement = { type: 'datetimepicker', action_id: ACTION_ID };
  const ms = typeof initial === 'string' ? Date.parse(initial) : Number.NaN;
  if (Number.isFinite(ms)) element.initial_date_time = Math.floor(ms / 1000);
  else if (typeof initial === 'number' && Number.isFinite(initial)) element.initial_date_time = initial;
  return element;
}

function elementFor(field: FormField, initial: unknown, labels?: Record<string, string>): InputBlockElement {
  switch (field.control) {
    case 'number':
      return numberElement(field, initial);
    case 'boolean':
      return selectElement(BOOLEAN_CHOICES, booleanValue(initial));
    case 'select':
    case 'multiselect': {
      const options = optionsOf(field);
      if (options.length === 0) return textElement(field, initial);
      if (field.control === 'select') return selectElement(options, asText(initial));
      return multiSelectElement(options, initial);
    }
    case 'datetime':
      return dateTimeElement(initial);
    case 'picker':
    case 'multipicker':
      return pickerElement(field, initial, labels);
    default:
      return textElement(field, initial);
  }
}

export function inputBlock(field: FormField, initial: unknown, labels?: Record<string, string>): InputBlock {
  const block: InputBlock = {
    type: 'input',
    block_id: field.blockId,
    label: plain(field.label, MODAL_LIMITS.label),
    optional: !field.required,
    element: elementFor(field, initial, labels),
  };
  const hint = hintOf(field);
  if (hint) block.hint = plain(hint, MODAL_LIMITS.hint);
  return block;
}
