import { isObject, type Json, str } from './json';
import { type MrkdwnNames, mrkdwnToText } from './mrkdwn';

/**
 * Block Kit as readable terminal text. Every block type the bot uses has a rendering; an unknown one is named
 * rather than dropped, so nothing the bot says goes missing. Buttons are handed to `button()`, which numbers them
 * for `click N`.
 */

export interface ButtonSeen {
  actionId: string;
  value: string;
  blockId: string;
  text: string;
  url?: string;
  style?: string;
}

export interface RenderContext extends MrkdwnNames {
  /** Registers a button and answers the number a person types after `click`. */
  button(button: ButtonSeen): number;
}

/** A text object (plain_text or mrkdwn) as plain text. */
export function textOf(value: unknown, ctx: MrkdwnNames): string {
  if (!isObject(value)) return '';
  const text = str(value.text);
  return value.type === 'mrkdwn' ? mrkdwnToText(text, ctx) : text;
}

function fieldLines(field: unknown, ctx: MrkdwnNames): string[] {
  const text = textOf(field, ctx);
  const [label, ...rest] = text.split('\n');
  if (rest.length === 0) return [`• ${label}`];
  if (rest.length === 1) return [`• ${label}: ${rest[0]}`];
  return [`• ${label}:`, ...rest.map((line) => `    ${line}`)];
}

function buttonLabel(element: Json, blockId: string, ctx: RenderContext): string {
  const text = textOf(element.text, ctx);
  if (typeof element.url === 'string') return `[${text} ↗ ${element.url}]`;
  const n = ctx.button({
    actionId: str(element.action_id),
    value: str(element.value),
    blockId,
    text,
    ...(typeof element.style === 'string' ? { style: element.style } : {}),
  });
  return `[${n}] ${text}`;
}

function elementText(element: unknown, blockId: string, ctx: RenderContext): string {
  if (!isObject(element)) return '';
  switch (element.type) {
    case 'button':
      return buttonLabel(element, blockId, ctx);
    case 'image':
      return `[image: ${str(element.alt_text)}]`;
    case 'mrkdwn':
    case 'plain_text':
      return textOf(element, ctx);
    default:
      return `[${str(element.type)}]`;
  }
}

function richText(block: Json): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isObject(node)) {
      if (typeof node.text === 'string') parts.push(node.text);
      walk(node.elements);
    }
  };
  walk(block.elements);
  return parts.join('');
}

function blockLines(block: Json, ctx: RenderContext): string[] {
  const blockId = str(block.block_id);
  switch (block.type) {
    case 'header': {
      const title = textOf(block.text, ctx);
      return [title, '═'.repeat(Math.min(title.length, 60))];
    }
    case 'section': {
      const lines = block.text ? textOf(block.text, ctx).split('\n') : [];
      if (Array.isArray(block.fields)) lines.push(...block.fields.flatMap((f) => fieldLines(f, ctx)));
      if (block.accessory) lines.push(elementText(block.accessory, blockId, ctx));
      return lines;
    }
    case 'context': {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      return [`· ${elements.map((e) => elementText(e, blockId, ctx)).join('  ·  ')}`];
    }
    case 'actions': {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      return [elements.map((e) => elementText(e, blockId, ctx)).join('   ')];
    }
    case 'divider':
      return ['─'.repeat(40)];
    case 'image':
      return [`[image: ${str(block.alt_text)}]`];
    case 'rich_text':
      return richText(block).split('\n');
    case 'input':
      return [
        `${textOf(block.label, ctx)}: [${isObject(block.element) ? str(block.element.type) : 'input'}]`,
      ];
    default:
      return [`[${str(block.type)} block]`];
  }
}

/** A message's blocks as lines; its `text` when it has no blocks. */
export function renderMessage(message: { text?: unknown; blocks?: unknown }, ctx: RenderContext): string[] {
  const blocks = Array.isArray(message.blocks) ? message.blocks.filter(isObject) : [];
  if (blocks.length === 0) return mrkdwnToText(str(message.text), ctx).split('\n');
  return blocks.flatMap((block) => blockLines(block, ctx));
}
