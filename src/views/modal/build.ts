import type {
  ActionsBlock,
  ContextBlock,
  InputBlock,
  KnownBlock,
  ModalView,
  SectionBlock,
} from '@slack/types';
import type { Operation, OperationCatalogue } from '../../api/catalogue';
import { exampleValue, humanize } from '../../api/validation';
import { fitEscaped, inlineCode, truncate } from '../replies/limits';
import { arrange, type FormPages, pageFields } from './choose';
import { curatedOrder } from './curated-order';
import { inputBlock, MODAL_LIMITS, plain } from './elements';
import { ACTION_ID, ADVANCED_JSON, type FormField, layoutForm } from './fields';
import { encodeMetadata } from './metadata';
import type { ModalMetadata, ModalOverrides } from './types';

export const CALLBACK_ID = 'op_modal';
/** The button that pushes the second page of a long form. */
export const MORE_FIELDS = 'more_fields';

/** Blocks that are not field inputs: the header context, the intro, the left-out note, the button, the JSON input. */
const FRAME_BLOCKS = 5;
const TEXT_MAX = 3000;

/** Whole words of the operation's name while they fit, so the title reads `Update MCU Request` and not `…Stat…`. */
export function shortTitle(text: string, max: number = MODAL_LIMITS.title): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  let title = '';
  for (const word of clean.split(' ')) {
    const next = title ? `${title} ${word}` : word;
    if (next.length > max) break;
    title = next;
  }
  return title || truncate(clean, max);
}

function headerContext(op: Operation, meta: ModalMetadata): ContextBlock {
  const given = Object.entries(meta.args).map(([k, v]) => `${k} = ${inlineCode(v, 200)}`);
  const parts = [`*${fitEscaped(op.key, 200)}*`, inlineCode(`${op.method} ${op.path}`, 500)];
  if (meta.pbx) parts.push(`PBX ${fitEscaped(meta.pbx, 100)}`);
  let text = parts.join('  ·  ');
  if (given.length > 0) text += `\nGiven: ${given.join(', ')}`;
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, TEXT_MAX) }] };
}

function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, TEXT_MAX) } };
}

function note(text: string): ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, TEXT_MAX) }] };
}

function advancedJsonBlock(catalogue: OperationCatalogue, op: Operation & { body: object }): InputBlock {
  const example = JSON.stringify(exampleValue(catalogue, op.body.type));
  const hint =
    example.length <= 300
      ? `When filled in, this JSON is sent as the whole request body instead of the fields above, e.g. ${example}`
      : 'When filled in, this JSON is sent as the whole request body instead of the fields above.';
  return {
    type: 'input',
    block_id: ADVANCED_JSON,
    label: plain('Advanced JSON', MODAL_LIMITS.label),
    optional: true,
    hint: plain(hint, MODAL_LIMITS.hint),
    element: { type: 'plain_text_input', action_id: ACTION_ID, multiline: true },
  };
}

/**
 * Prefills come from the overrides, then from the type's default. Defaults are left out of PATCH forms: there an
 * input that starts filled would overwrite the entity's current value with the default on every submission.
 */
function initialFor(op: Operation, field: FormField, overrides: ModalOverrides): unknown {
  const given = overrides.initial?.[field.key] ?? overrides.initial?.[field.blockId];
  if (given !== undefined) return given;
  if (field.source !== 'body' || op.method === 'PATCH' || field.type.kind === 'any') return undefined;
  return 'default' in field.type ? field.type.default : undefined;
}

function fieldBlock(op: Operation, field: FormField, overrides: ModalOverrides): InputBlock {
  return inputBlock(field, initialFor(op, field, overrides), overrides.optionLabels?.[field.key]);
}

/** The body's pages: the curated order when the operation has one, the command's own order before it. */
export function formPages(
  catalogue: OperationCatalogue,
  op: Operation,
  overrides: ModalOverrides = {},
  room: number = MODAL_LIMITS.blocks - FRAME_BLOCKS,
): FormPages {
  const layout = layoutForm(catalogue, op, overrides);
  const bodyType = op.body?.type.kind === 'ref' ? op.body.type.name : undefined;
  const order = [...(overrides.order ?? []), ...(curatedOrder(op.key, bodyType) ?? [])];
  return pageFields(layout.body, overrides, order, room);
}

function moreButton(count: number): ActionsBlock {
  return {
    type: 'actions',
    block_id: MORE_FIELDS,
    elements: [
      {
        type: 'button',
        action_id: MORE_FIELDS,
        text: plain(`More fields (${count})`, MODAL_LIMITS.button),
        value: 'more',
      },
    ],
  };
}

function leftNote(op: Operation, shown: number, left: number): ContextBlock {
  const what = op.body?.type.kind === 'ref' ? humanize(op.body.type.name) : 'the request body';
  return note(
    `${shown} of ${shown + left} fields of ${fitEscaped(what, 100)} are in this form. ` +
      'Set any of the others with *Advanced JSON*.',
  );
}

function frame(
  op: Operation,
  meta: ModalMetadata,
  overrides: ModalOverrides,
  blocks: KnownBlock[],
): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK_ID,
    title: plain(shortTitle(overrides.title ?? humanize(op.operationId)), MODAL_LIMITS.title),
    submit: plain(shortTitle(overrides.submit ?? 'Run', MODAL_LIMITS.button), MODAL_LIMITS.button),
    close: plain(meta.carried ? 'Back' : 'Cancel', MODAL_LIMITS.button),
    private_metadata: encodeMetadata(meta),
    blocks,
  };
}

export function buildOperationModal(
  catalogue: OperationCatalogue,
  op: Operation,
  meta: ModalMetadata,
  overrides: ModalOverrides = {},
): ModalView {
  const layout = layoutForm(catalogue, op, overrides);
  const given = new Set(Object.keys(meta.args).map((name) => name.toLowerCase()));
  // Path parameters cannot be hidden: without them the request has no address.
  const params = arrange(
    layout.params.filter((f) => !given.has((f.path[0] ?? '').toLowerCase())),
    overrides.order,
  );
  const pages = formPages(catalogue, op, overrides, MODAL_LIMITS.blocks - FRAME_BLOCKS - params.length);

  const blocks: KnownBlock[] = [headerContext(op, meta)];
  if (overrides.intro) blocks.push(section(overrides.intro));
  for (const field of [...params, ...pages.first]) blocks.push(fieldBlock(op, field, overrides));
  if (pages.more.length > 0) blocks.push(moreButton(pages.more.length));
  if (pages.left > 0) blocks.push(leftNote(op, pages.first.length + pages.more.length, pages.left));
  if (op.body) blocks.push(advancedJsonBlock(catalogue, { ...op, body: op.body }));
  if (!blocks.some((b) => b.type === 'input')) {
    blocks.push(section('Nothing to fill in: the command line gave all this operation needs.'));
  }
  return frame(op, meta, overrides, blocks);
}

/**
 * The second page of a long form, pushed over the first. Its metadata carries what the first page held when the
 * button was pressed, so submitting here sends both pages as one request.
 */
export function buildMoreFieldsModal(
  catalogue: OperationCatalogue,
  op: Operation,
  meta: ModalMetadata & { carried: NonNullable<ModalMetadata['carried']> },
  overrides: ModalOverrides = {},
): ModalView {
  const pages = formPages(catalogue, op, overrides);
  const filled = Object.keys(meta.carried).length;
  const blocks: KnownBlock[] = [
    headerContext(op, meta),
    note(
      `More fields of this form. *${overrides.submit ?? 'Run'}* here sends them with the ${filled} ` +
        `field${filled === 1 ? '' : 's'} filled on the first page; *Back* returns to it without them.`,
    ),
  ];
  for (const field of pages.more) blocks.push(fieldBlock(op, field, overrides));
  if (pages.left > 0) blocks.push(leftNote(op, pages.first.length + pages.more.length, pages.left));
  return frame(op, meta, overrides, blocks);
}
