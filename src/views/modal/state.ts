import { z } from 'zod';

/**
 * What one element of `view.state.values` holds, by the element type Slack reports with it. Slack leaves a value
 * out, or sends it as null, when an optional input was not touched; both mean "not filled".
 */

export type Entered = { kind: 'empty' } | { kind: 'text'; text: string } | { kind: 'list'; values: string[] };

const EMPTY: Entered = { kind: 'empty' };

/** The value of the one option a picker shows when the PBX offers none: it says why, and picks nothing. */
export const PICKER_HINT = 'hint:none';

const option = z.object({ value: z.string() }).loose();

const elementState = z.discriminatedUnion('type', [
  z.object({ type: z.literal('plain_text_input'), value: z.string().nullish() }).loose(),
  z.object({ type: z.literal('number_input'), value: z.string().nullish() }).loose(),
  z.object({ type: z.literal('static_select'), selected_option: option.nullish() }).loose(),
  z.object({ type: z.literal('radio_buttons'), selected_option: option.nullish() }).loose(),
  z.object({ type: z.literal('multi_static_select'), selected_options: z.array(option).nullish() }).loose(),
  z.object({ type: z.literal('external_select'), selected_option: option.nullish() }).loose(),
  z.object({ type: z.literal('multi_external_select'), selected_options: z.array(option).nullish() }).loose(),
  z.object({ type: z.literal('checkboxes'), selected_options: z.array(option).nullish() }).loose(),
  z.object({ type: z.literal('datetimepicker'), selected_date_time: z.number().nullish() }).loose(),
  z.object({ type: z.literal('datepicker'), selected_date: z.string().nullish() }).loose(),
  z.object({ type: z.literal('timepicker'), selected_time: z.string().nullish() }).loose(),
]);

function text(value: string | null | undefined): Entered {
  return value === null || value === undefined || value.trim() === '' ? EMPTY : { kind: 'text', text: value };
}

function list(options: { value: string }[] | null | undefined): Entered {
  return options && options.length > 0 ? { kind: 'list', values: options.map((o) => o.value) } : EMPTY;
}

/** Slack's picker answers in epoch seconds; the XAPI wants an instant in UTC, written without milliseconds. */
export function isoFromEpochSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function readElement(state: unknown): Entered {
  const parsed = elementState.safeParse(state);
  // An element we never put in a form has no value we could read.
  if (!parsed.success) return EMPTY;
  const s = parsed.data;
  switch (s.type) {
    case 'plain_text_input':
    case 'number_input':
      return text(s.value);
    case 'external_select':
      return s.selected_option?.value === PICKER_HINT ? EMPTY : text(s.selected_option?.value);
    case 'multi_external_select':
      return list(s.selected_options?.filter((o) => o.value !== PICKER_HINT));
    case 'static_select':
    case 'radio_buttons':
      return text(s.selected_option?.value);
    case 'multi_static_select':
    case 'checkboxes':
      return list(s.selected_options);
    case 'datetimepicker':
      return typeof s.selected_date_time === 'number' && Number.isFinite(s.selected_date_time)
        ? { kind: 'text', text: isoFromEpochSeconds(s.selected_date_time) }
        : EMPTY;
    case 'datepicker':
      return text(s.selected_date);
    case 'timepicker':
      return text(s.selected_time);
  }
}

/**
 * What a page of a form holds, compact enough to ride in the next page's metadata. An empty input is left out,
 * unless `keepEmpty`: on a prefilled form an input emptied by the person is a change (the value is cleared).
 */
export function carryState(
  values: Record<string, Record<string, unknown>>,
  keepEmpty = false,
): Record<string, string | string[]> {
  const carried: Record<string, string | string[]> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const entered = readElement(actions.value);
    if (entered.kind === 'text') carried[blockId] = entered.text;
    else if (entered.kind === 'list') carried[blockId] = entered.values;
    else if (keepEmpty) carried[blockId] = '';
  }
  return carried;
}

/** The carried values as Slack would have sent them, so a submission reads both pages the same way. */
export function uncarryState(
  carried: Record<string, string | string[]>,
): Record<string, Record<string, unknown>> {
  const values: Record<string, Record<string, unknown>> = {};
  for (const [blockId, value] of Object.entries(carried)) {
    values[blockId] = {
      value: Array.isArray(value)
        ? { type: 'multi_static_select', selected_options: value.map((v) => ({ value: v })) }
        : { type: 'plain_text_input', value },
    };
  }
  return values;
}
