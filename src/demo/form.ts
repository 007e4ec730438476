import { isObject, type Json } from './json';
import type { MrkdwnNames } from './mrkdwn';
import { textOf } from './render';
import type { Filled } from './view-state';

/**
 * A modal as a terminal form: one question per input block, with its label, hint, default and choices, and the
 * typed answer read the way the element would have taken it in Slack. Pure: the console does the asking.
 */

export interface Choice {
  value: string;
  text: string;
}

export interface FormField {
  blockId: string;
  label: string;
  hint?: string;
  optional: boolean;
  element: string;
  multiline: boolean;
  choices: Choice[];
  /** What the element starts with; an empty answer keeps it. */
  initial?: Filled;
}

export type Answer = { ok: true; value: Filled | undefined } | { ok: false; error: string };

function choicesOf(element: Json, names: MrkdwnNames): Choice[] {
  const options = Array.isArray(element.options) ? element.options.filter(isObject) : [];
  return options.map((o) => ({ value: String(o.value ?? ''), text: textOf(o.text, names) }));
}

function initialOf(element: Json): Filled | undefined {
  if (typeof element.initial_value === 'string') return element.initial_value;
  if (isObject(element.initial_option)) return String(element.initial_option.value ?? '');
  if (Array.isArray(element.initial_options)) {
    const values = element.initial_options.filter(isObject).map((o) => String(o.value ?? ''));
    return element.type === 'checkboxes' ? values.length > 0 : values;
  }
  if (typeof element.initial_date_time === 'number') return element.initial_date_time;
  return undefined;
}

export function formFields(view: { blocks?: unknown }, names: MrkdwnNames): FormField[] {
  const blocks = Array.isArray(view.blocks) ? view.blocks.filter(isObject) : [];
  return blocks.flatMap((block) => {
    if (block.type !== 'input' || typeof block.block_id !== 'string' || !isObject(block.element)) return [];
    const element = block.element;
    const initial = initialOf(element);
    const hint = block.hint ? textOf(block.hint, names) : '';
    return [
      {
        blockId: block.block_id,
        label: textOf(block.label, names),
        ...(hint ? { hint } : {}),
        optional: block.optional === true,
        element: String(element.type ?? ''),
        multiline: element.multiline === true,
        choices: choicesOf(element, names),
        ...(initial !== undefined ? { initial } : {}),
      },
    ];
  });
}

function shown(value: Filled, choices: Choice[]): string {
  const label = (v: string) => choices.find((c) => c.value === v)?.text ?? v;
  if (Array.isArray(value)) return value.map(label).join(', ');
  if (typeof value === 'string') return label(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

const LINE_WIDTH = 100;

/** Items after a lead, two spaces apart, continued under the first item when a line would run too long. */
function wrapped(lead: string, items: string[]): string[] {
  const lines: string[] = [];
  let line = lead;
  for (const item of items) {
    const next = line.trim() === lead.trim() ? `${line}${item}` : `${line}  ${item}`;
    if (next.length > LINE_WIDTH && line.length > lead.length) {
      lines.push(line);
      line = `${' '.repeat(lead.length)}${item}`;
    } else line = next;
  }
  lines.push(line);
  return lines;
}

/** The lines that ask for a field: label, kind, hint, choices and default. */
export function fieldPrompt(field: FormField): string[] {
  const kind = {
    static_select: 'choose one',
    radio_buttons: 'choose one',
    multi_static_select: 'choose any, comma-separated',
    checkboxes: 'yes/no',
    number_input: 'number',
    datetimepicker: 'date and time, e.g. 2026-01-31T09:00Z',
    external_select: 'type a word to see the PBX’s matches, then the number of one',
    multi_external_select: 'type a word to see the PBX’s matches, then numbers, comma-separated',
  }[field.element];
  const what = [kind ?? (field.multiline ? 'text, \\n for a new line' : 'text')];
  what.push(field.optional ? 'optional' : 'required');
  const lines = [`${field.label} (${what.join(', ')})`];
  if (field.hint) lines.push(`  ${field.hint}`);
  if (field.choices.length > 0 && field.element !== 'checkboxes') {
    lines.push(
      ...wrapped(
        '  choices: ',
        field.choices.map((c, i) => `${i + 1}) ${c.text}`),
      ),
    );
  }
  if (field.initial !== undefined) lines.push(`  default: ${shown(field.initial, field.choices)}`);
  return lines;
}

function choose(field: FormField, word: string): Choice | undefined {
  const n = Number(word);
  if (Number.isInteger(n) && n >= 1 && n <= field.choices.length) return field.choices[n - 1];
  const lower = word.toLowerCase();
  return field.choices.find((c) => c.value.toLowerCase() === lower || c.text.toLowerCase() === lower);
}

function choiceList(field: FormField): string {
  return field.choices.map((c, i) => `${i + 1} (${c.text})`).join(', ');
}

/** Whether a typed line for a picker is a search for its options rather than a pick among those shown. */
export function isSearch(field: FormField, typed: string): boolean {
  if (!field.element.endsWith('external_select')) return false;
  const input = typed.trim();
  if (input === '' || input === '-') return false;
  const picks = input.split(',').map((w) => w.trim());
  return field.choices.length === 0 || !picks.every((w) => choose(field, w) !== undefined);
}

/** An empty answer (or `-`) keeps the default; the rest is read as the element would read it. */
export function readAnswer(field: FormField, typed: string): Answer {
  const input = typed.trim();
  if (input === '' || input === '-') {
    if (field.initial === undefined && !field.optional)
      return { ok: false, error: `${field.label} is required: type a value.` };
    return { ok: true, value: field.initial };
  }
  switch (field.element) {
    case 'static_select':
    case 'external_select':
    case 'radio_buttons': {
      const choice = choose(field, input);
      return choice
        ? { ok: true, value: choice.value }
        : { ok: false, error: `"${input}" is not one of the choices; type one of ${choiceList(field)}.` };
    }
    case 'multi_static_select':
    case 'multi_external_select': {
      const words = input
        .split(',')
        .map((w) => w.trim())
        .filter((w) => w !== '');
      const picked = words.map((w) => [w, choose(field, w)] as const);
      const unknown = picked.filter(([, c]) => c === undefined).map(([w]) => `"${w}"`);
      if (unknown.length > 0)
        return { ok: false, error: `${unknown.join(', ')} not among the choices: ${choiceList(field)}.` };
      return { ok: true, value: picked.map(([, c]) => (c as Choice).value) };
    }
    case 'checkboxes': {
      if (/^(y|yes|true|on|1)$/i.test(input)) return { ok: true, value: true };
      if (/^(n|no|false|off|0)$/i.test(input)) return { ok: true, value: false };
      return { ok: false, error: `Answer yes or no, not "${input}".` };
    }
    case 'datetimepicker': {
      const ms = /^\d+$/.test(input) ? Number(input) * 1000 : Date.parse(input);
      return Number.isFinite(ms)
        ? { ok: true, value: Math.floor(ms / 1000) }
        : { ok: false, error: `"${input}" is not a date and time; type one like 2026-01-31T09:00Z.` };
    }
    default:
      return { ok: true, value: field.multiline ? input.replace(/\\n/g, '\n') : input };
  }
}
