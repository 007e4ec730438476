import type { AnyBlock, InputBlock, ModalView, PlainTextOption } from '@slack/types';
import { defaultCatalogue, type Operation, type TypeNode } from '../../src/api/catalogue';
import { acceptedSample, sampleValue } from '../../src/api/validation';
import type { ModalMetadata } from '../../src/views/modal';

/** Forms as Slack would show them and submissions as Slack would send them back, for the modal tests. */

export const catalogue = defaultCatalogue();

export function op(key: string): Operation {
  const found = catalogue.get(key);
  if (!found) throw new Error(`${key} is not in the catalogue`);
  return found;
}

export function meta(key: string, args: Record<string, string> = {}): ModalMetadata {
  return { op: key, channel: 'C0OPS', requestId: 'req-1', pbx: 'acme-pbx', args };
}

export function inputs(view: ModalView): InputBlock[] {
  return view.blocks.filter((b: AnyBlock): b is InputBlock => b.type === 'input');
}

export function input(view: ModalView, blockId: string): InputBlock {
  const found = inputs(view).find((b) => b.block_id === blockId);
  if (!found) throw new Error(`no input ${blockId}; the form has ${inputs(view).map((b) => b.block_id)}`);
  return found;
}

/** What a person does with one input: text typed, one option value picked, several picked, or a moment chosen. */
export type Fill = string | string[] | { epoch: number };

type ElementState = { type: string } & Record<string, unknown>;

/** Slack echoes an option with its text, as the form defined it. */
function pick(options: PlainTextOption[] | undefined, value: string): PlainTextOption {
  const found = options?.find((o) => o.value === value);
  if (!found) throw new Error(`no option ${value} among ${options?.map((o) => o.value)}`);
  return found;
}

/** The state of one element: what it started with, unless the person changed it. */
function elementState(block: InputBlock, fill: Fill | undefined): ElementState {
  const el = block.element;
  switch (el.type) {
    case 'plain_text_input':
    case 'number_input': {
      const value = typeof fill === 'string' ? fill : (el.initial_value ?? null);
      return { type: el.type, value };
    }
    case 'static_select': {
      const selected = typeof fill === 'string' ? pick(el.options, fill) : (el.initial_option ?? null);
      return { type: el.type, selected_option: selected };
    }
    case 'multi_static_select': {
      const selected = Array.isArray(fill)
        ? fill.map((v) => pick(el.options, v))
        : (el.initial_options ?? []);
      return { type: el.type, selected_options: selected };
    }
    case 'external_select': {
      const selected =
        typeof fill === 'string' ? { text: { type: 'plain_text', text: fill }, value: fill } : null;
      return { type: el.type, selected_option: selected };
    }
    case 'multi_external_select': {
      const picked = Array.isArray(fill) ? fill : typeof fill === 'string' ? [fill] : [];
      return {
        type: el.type,
        selected_options: picked.map((v) => ({ text: { type: 'plain_text', text: v }, value: v })),
      };
    }
    case 'datetimepicker': {
      const at =
        typeof fill === 'object' && !Array.isArray(fill) ? fill.epoch : (el.initial_date_time ?? null);
      return { type: el.type, selected_date_time: at };
    }
    default:
      throw new Error(`the form uses ${el.type}, which these tests do not fill`);
  }
}

/** `view.state.values`: every input block is reported, filled or not, under its block id and action id. */
export function submit(
  view: ModalView,
  fills: Record<string, Fill> = {},
): Record<string, Record<string, ElementState>> {
  const known = new Set(inputs(view).map((b) => b.block_id));
  for (const blockId of Object.keys(fills)) {
    if (!known.has(blockId)) throw new Error(`the form has no input ${blockId}`);
  }
  const values: Record<string, Record<string, ElementState>> = {};
  for (const block of inputs(view)) {
    const blockId = block.block_id ?? '';
    const actionId = block.element.action_id ?? '';
    values[blockId] = { [actionId]: elementState(block, fills[blockId]) };
  }
  return values;
}

/** The catalogue type behind a block id, found the way a person reading the form would: by its path. */
export function nodeAt(operation: Operation, blockId: string): TypeNode {
  if (blockId.startsWith('param:')) {
    const param = operation.params.find((p) => `param:${p.name}` === blockId);
    if (!param) throw new Error(`${operation.key} has no parameter for ${blockId}`);
    return param.type;
  }
  let node: TypeNode | undefined = operation.body?.type;
  for (const segment of blockId.replace(/^body:/, '').split('.')) {
    const here: TypeNode | undefined = node && catalogue.resolve(node);
    node = here?.kind === 'object' ? here.properties[segment] : undefined;
  }
  if (!node) throw new Error(`${operation.key} has no body field for ${blockId}`);
  return node;
}

export const EPOCH_2026_01_31_0900Z = Date.UTC(2026, 0, 31, 9, 0, 0) / 1000;

/** The named type holding a body field (`User` for `body:EmailAddress`), as the value checks read it. */
export function holderOf(operation: Operation, blockId: string): string | undefined {
  const segments = blockId.replace(/^body:/, '').split('.');
  let holder: TypeNode | undefined = operation.body?.type;
  for (const segment of segments.slice(0, -1)) {
    const here: TypeNode | undefined = holder && catalogue.resolve(holder);
    holder = here?.kind === 'object' ? here.properties[segment] : undefined;
  }
  return holder?.kind === 'ref' ? holder.name : undefined;
}

/** A plausible entry for every input, as a person would make it. */
export function sampleFill(operation: Operation, block: InputBlock): Fill {
  const el = block.element;
  switch (el.type) {
    case 'static_select':
    case 'multi_static_select': {
      const first = el.options?.[0]?.value ?? '';
      return el.type === 'static_select' ? first : [first];
    }
    case 'datetimepicker':
      return { epoch: EPOCH_2026_01_31_0900Z };
    case 'external_select':
    case 'multi_external_select': {
      const blockId = block.block_id ?? '';
      const checked = acceptedSample(
        blockId
          .split('.')
          .pop()
          ?.replace(/^body:/, '') ?? '',
        holderOf(operation, blockId),
      );
      const value = checked ?? String(sampleValue(catalogue, nodeAt(operation, blockId)));
      return el.type === 'external_select' ? value : [value];
    }
    default: {
      const blockId = block.block_id ?? '';
      if (blockId.startsWith('body:')) {
        const checked = acceptedSample(
          blockId
            .split('.')
            .pop()
            ?.replace(/^body:/, '') ?? '',
          holderOf(operation, blockId),
        );
        if (checked !== undefined) return checked;
      }
      const value = sampleValue(catalogue, nodeAt(operation, blockId));
      if (block.hint?.text.startsWith('JSON')) return JSON.stringify(value);
      if (Array.isArray(value)) return value.map(String).join('\n');
      return String(value);
    }
  }
}
