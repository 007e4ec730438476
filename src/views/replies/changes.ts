import {
  context,
  mention,
  message,
  packSections,
  type SlackMessage,
  safeJson,
  section,
  slackDate,
} from './blocks';
import { escapeMrkdwn, truncate } from './limits';

/** The PBX's change feed: one entry per change, field by field before → after (already masked). */

export interface ChangeView {
  id: string;
  at: number;
  user: string;
  ip?: string;
  objectType?: number;
  objectName: string;
  action: 'created' | 'changed' | 'deleted';
  changes: { field: string; before: unknown; after: unknown; hidden?: boolean }[];
  bySlackUser?: string;
}

const VALUE_MAX = 200;
const FIELDS_SHOWN = 12;

function value(v: unknown): string {
  if (v === undefined || v === null || v === '') return '_(empty)_';
  const text = typeof v === 'string' ? v : safeJson(v);
  return `\`${escapeMrkdwn(truncate(text, VALUE_MAX)).replace(/`/g, "'")}\``;
}

function entryText(c: ChangeView, pbx: string): string {
  const who = c.bySlackUser
    ? `${mention(c.bySlackUser)} through the bot (3CX user ${escapeMrkdwn(c.user)})`
    : `*${escapeMrkdwn(c.user)}*${c.ip ? ` from ${escapeMrkdwn(c.ip)}` : ''}`;
  const kind = c.objectType !== undefined ? ` (object type ${c.objectType})` : '';
  const head = `📝 ${who} ${c.action} *${escapeMrkdwn(c.objectName)}*${kind} on *${escapeMrkdwn(pbx)}* · ${slackDate(c.at)}`;
  const lines = c.changes
    .slice(0, FIELDS_SHOWN)
    .map((f) =>
      f.hidden
        ? `• ${escapeMrkdwn(f.field)}: changed (value hidden)`
        : `• ${escapeMrkdwn(f.field)}: ${value(f.before)} → ${value(f.after)}`,
    );
  if (c.changes.length > FIELDS_SHOWN) lines.push(`• … and ${c.changes.length - FIELDS_SHOWN} more fields`);
  if (c.action === 'changed' && c.changes.length === 0) lines.push('_No field changed value._');
  return [head, ...lines].join('\n');
}

export function changeEntryMessage(c: ChangeView, pbx: string): SlackMessage {
  return message(`${c.user} ${c.action} ${c.objectName} on ${pbx}`, [
    section(entryText(c, pbx)),
    context(`3CX audit entry ${escapeMrkdwn(c.id)}`),
  ]);
}

export function changesMessage(list: ChangeView[], pbx: string, sinceText: string): SlackMessage {
  if (list.length === 0) {
    return message('No changes', [
      section(`No configuration changes on *${escapeMrkdwn(pbx)}* ${escapeMrkdwn(sinceText)}.`),
    ]);
  }
  return message(`${list.length} changes on ${pbx}`, [
    section(`*Configuration changes on ${escapeMrkdwn(pbx)} ${escapeMrkdwn(sinceText)}* (newest last):`),
    ...packSections(list.map((c) => entryText(c, pbx))),
  ]);
}
