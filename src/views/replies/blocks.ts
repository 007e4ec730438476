import type { ActionsBlock, Button, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { MaskedArgs } from '../../pipeline/types';
import { ELLIPSIS, fitEscaped, inlineCode, LIMITS, plainLine, truncate } from './limits';

/** What every builder returns: `text` is the notification and screen-reader fallback, `blocks` what people see. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** A reply too long for a message: uploaded as a file instead. */
export interface FileReply {
  filename: string;
  content: string;
  title: string;
  comment: string;
}

export function section(text: string): SectionBlock {
  // Slack refuses an empty section text; a blank line is still a visible, valid message.
  const shown = text.trim() === '' ? '_(empty)_' : text;
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(shown, LIMITS.sectionText) } };
}

/** Packs paragraphs into as few sections as fit, so a long list never runs past 50 blocks. */
export function packSections(texts: string[]): SectionBlock[] {
  const blocks: SectionBlock[] = [];
  let current = '';
  for (const t of texts) {
    const joined = current ? `${current}\n\n${t}` : t;
    if (joined.length > LIMITS.sectionText && current) {
      blocks.push(section(current));
      current = t;
    } else current = joined;
  }
  if (current) blocks.push(section(current));
  return blocks;
}

/** Fields are `*label*\nvalue` pairs; Slack shows them two abreast. */
export function fieldsSection(fields: string[], text?: string): SectionBlock {
  const block: SectionBlock = {
    type: 'section',
    fields: fields
      .slice(0, LIMITS.fields)
      .map((f) => ({ type: 'mrkdwn', text: truncate(f, LIMITS.fieldText) })),
  };
  if (text) block.text = { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) };
  return block;
}

export function context(...texts: string[]): ContextBlock {
  return {
    type: 'context',
    elements: texts
      .slice(0, LIMITS.contextElements)
      .map((t) => ({ type: 'mrkdwn' as const, text: truncate(t, LIMITS.sectionText) })),
  };
}

export function header(text: string): HeaderBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: plainLine(text, LIMITS.headerText), emoji: true },
  };
}

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  const b: Button = {
    type: 'button',
    text: { type: 'plain_text', text: plainLine(text, LIMITS.buttonText), emoji: true },
    action_id: actionId,
    value,
  };
  if (style) b.style = style;
  return b;
}

export function actions(blockId: string, buttons: Button[]): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements: buttons };
}

/**
 * Keeps a message under Slack's 50 blocks. The tail (buttons, decisions) matters most after the head, so the
 * middle gives way and says so.
 */
export function fitBlocks(blocks: KnownBlock[], keepTail = 1): KnownBlock[] {
  if (blocks.length <= LIMITS.blocks) return blocks;
  // The tail is at most half the message: a huge embedded reply must not push out the head that names it.
  const kept = Math.min(Math.max(0, keepTail), LIMITS.blocks / 2);
  const tail = blocks.slice(blocks.length - kept);
  const head = blocks.slice(0, LIMITS.blocks - kept - 1);
  const dropped = blocks.length - head.length - tail.length;
  return [...head, context(`${ELLIPSIS} ${dropped} more blocks left out to fit one Slack message.`), ...tail];
}

export function message(text: string, blocks: KnownBlock[], keepTail = 1): SlackMessage {
  // The fallback is what notifications and screen readers get: never leave it blank.
  return { text: plainLine(text, LIMITS.fallbackText) || '(no text)', blocks: fitBlocks(blocks, keepTail) };
}

/** Slack user ids become mentions, user-group ids (S…) group mentions; anything already formatted stays. */
export function mention(id: string): string {
  if (id.startsWith('<')) return id;
  return id.startsWith('S') ? `<!subteam^${id}>` : `<@${id}>`;
}

/** Shown in each reader's own time zone; the ISO text is what clients without date support show. */
export function slackDate(epochMs: number): string {
  if (!Number.isFinite(epochMs)) return 'an unknown time';
  const iso = new Date(epochMs).toISOString();
  return `<!date^${Math.floor(epochMs / 1000)}^{date_short_pretty} {time}|${iso}>`;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** JSON that never throws: cycles or BigInts in a body must not lose the whole reply. */
export function safeJson(value: unknown, indent?: number): string {
  try {
    return JSON.stringify(value, null, indent) ?? String(value);
  } catch {
    return String(value);
  }
}

function paramValue(value: unknown): string {
  if (typeof value === 'string') return value === '' || /\s/.test(value) ? JSON.stringify(value) : value;
  return safeJson(value);
}

const PARAMS_MAX = 1000;
const PARAM_VALUE_MAX = 200;
const BODY_MAX = 1500;

/**
 * Masked parameters and body, compact: `Name=SupportLevel` and the body as one line of JSON. Only masked values are
 * ever given here; the raw request may hold secrets.
 */
export function argsLines(masked: MaskedArgs): string[] {
  const lines: string[] = [];
  const pairs = Object.entries(masked.params).map(
    ([k, v]) => `${k}=${truncate(paramValue(v), PARAM_VALUE_MAX)}`,
  );
  if (pairs.length > 0) lines.push(`*Parameters:* ${inlineCode(pairs.join(' '), PARAMS_MAX)}`);
  if (masked.body !== undefined) {
    const body = typeof masked.body === 'string' ? masked.body : safeJson(masked.body);
    lines.push(`*Body:* ${inlineCode(body, BODY_MAX)}`);
  }
  return lines;
}

/** The operation and PBX as the start of a sentence's object: `Services.Restart` on *pbx1*. */
export function opOnPbx(key: string, pbx: string): string {
  return `${inlineCode(key, 200)} on *${fitEscaped(pbx, 100)}*`;
}
