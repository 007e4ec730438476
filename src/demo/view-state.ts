import type { ViewStateValues } from './slack/signing';

/**
 * What Slack sends back for a modal a person filled in: `view.state.values` built from the view the bot opened,
 * with values given by block id. Inputs not named keep what they started with (`initial_value`, `initial_option`…)
 * and are empty otherwise, as Slack reports them.
 */

interface Option {
  value: string;
  text: { type: string; text: string };
}
interface InputElement {
  type: string;
  action_id: string;
  options?: Option[];
  initial_value?: string;
  initial_option?: Option;
  initial_options?: Option[];
  initial_date_time?: number;
}
interface ViewLike {
  blocks: { type: string; block_id?: string; element?: InputElement }[];
  private_metadata: string;
}

export type Filled = string | boolean | string[] | number;

export function inputBlockIds(view: ViewLike): string[] {
  return view.blocks.filter((b) => b.type === 'input' && b.block_id).map((b) => b.block_id as string);
}

export function fillView(view: ViewLike, values: Record<string, Filled>): ViewStateValues {
  const state: ViewStateValues = {};
  for (const block of view.blocks) {
    if (block.type !== 'input' || !block.block_id || !block.element) continue;
    const el = block.element;
    const given = values[block.block_id];
    state[block.block_id] = { [el.action_id]: elementState(el, given) };
  }
  for (const id of Object.keys(values)) {
    if (!state[id]) throw new Error(`The view has no input ${id}; it has ${inputBlockIds(view).join(', ')}`);
  }
  return state;
}

function pick(el: InputElement, value: string): Option {
  return el.options?.find((o) => o.value === value) ?? { value, text: { type: 'plain_text', text: value } };
}

/** An input nobody touched: Slack sends what it started with. */
function untouched(el: InputElement): { type: string } & Record<string, unknown> {
  switch (el.type) {
    case 'checkboxes':
    case 'multi_static_select':
    case 'multi_external_select':
      return { type: el.type, selected_options: el.initial_options ?? [] };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type: el.type, selected_option: el.initial_option ?? null };
    case 'datetimepicker':
      return { type: el.type, selected_date_time: el.initial_date_time ?? null };
    default:
      return { type: el.type, value: el.initial_value ?? null };
  }
}

function elementState(
  el: InputElement,
  given: Filled | undefined,
): { type: string } & Record<string, unknown> {
  if (given === undefined) return untouched(el);
  switch (el.type) {
    case 'checkboxes': {
      const first = el.options?.[0];
      return { type: el.type, selected_options: given === true && first ? [first] : [] };
    }
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type: el.type, selected_option: given === undefined ? null : pick(el, String(given)) };
    case 'multi_static_select':
    case 'multi_external_select':
      return {
        type: el.type,
        selected_options: (Array.isArray(given) ? given : given === undefined ? [] : [String(given)]).map(
          (v) => pick(el, v),
        ),
      };
    case 'datetimepicker':
      return { type: el.type, selected_date_time: typeof given === 'number' ? given : null };
    default:
      return {
        type: el.type,
        value: given === undefined ? null : Array.isArray(given) ? given.join('\n') : String(given),
      };
  }
}
