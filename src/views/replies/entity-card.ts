import type { KnownBlock } from '@slack/types';
import { humanize } from '../../api/validation';
import type { EntityRow } from '../../entities/rows';
import { maskSecrets } from '../../pipeline/mask';
import { displayName, namesList } from '../../words/names';
import { formatWhen, humanizeDuration, type TimeWords, toInstant } from '../../words/time';
import { humanValue } from '../../words/values';
import { context, fieldsSection, header, message, type SlackMessage, section } from './blocks';
import { cellOf } from './entity-list';
import { isAnnotation, isEmpty } from './fields';
import { escapeMrkdwn, fitEscaped, LIMITS } from './limits';

type Obj = Record<string, unknown>;

const MAX_FIELDS = 16;
const MAX_LIST_NAMES = 25;

/**
 * One object as a card: its name and number as the title, the set's columns first, then its other filled-in
 * fields in people's words, its member lists by name, and other lists as counts (never `[2 items]`).
 */
/** Durations and instants by the schema's format, in the zone the person reads times in. */
function fieldValue(row: EntityRow, key: string, value: unknown, time: TimeWords): string {
  const node = row.properties[key];
  if (node?.kind === 'string' && typeof value === 'string') {
    if (node.format === 'duration') return humanizeDuration(value);
    if (node.format === 'date-time') return toInstant(value) ? formatWhen(value, time) : 'never';
  }
  return humanValue(value, typeof value === 'string' && node?.kind === 'ref');
}

export function entityCard(
  row: EntityRow,
  object: Obj,
  about: string,
  time: TimeWords = { timeZone: 'UTC' },
): SlackMessage {
  const shown = maskSecrets(object) as Obj;
  const title = `${capital(row.label)} ${displayName(shown, row)}`;
  const fields: string[] = [];
  const used = new Set<string>(['Number', 'DisplayName', 'FirstName', 'LastName', 'Name']);
  for (const column of row.columns) {
    if (column.field === '@name' || (column.field.startsWith('@') && column.field !== '@state')) continue;
    const value = cellOf(row, shown, column);
    if (value !== '—') fields.push(`*${column.label}*\n${fitEscaped(value, 300)}`);
    used.add(column.field.split('.')[0] as string);
  }
  const lists = new Set(row.lists.map((l) => l.property));
  for (const [key, value] of Object.entries(shown)) {
    if (fields.length >= MAX_FIELDS) break;
    if (used.has(key) || lists.has(key) || isAnnotation(key) || isEmpty(value) || Array.isArray(value))
      continue;
    fields.push(`*${escapeMrkdwn(humanize(key))}*\n${fitEscaped(fieldValue(row, key, value, time), 300)}`);
  }
  const blocks: KnownBlock[] = [header(title)];
  for (let i = 0; i < fields.length; i += LIMITS.fields)
    blocks.push(fieldsSection(fields.slice(i, i + LIMITS.fields)));
  const listLines: string[] = [];
  for (const list of row.lists) {
    const items = shown[list.property];
    if (!Array.isArray(items)) continue;
    listLines.push(
      `*${humanize(list.property)}* (${items.length}): ${fitEscaped(namesList(items, MAX_LIST_NAMES), 1200)}`,
    );
  }
  const counts = Object.entries(shown)
    .filter(([k, v]) => Array.isArray(v) && !lists.has(k) && v.length > 0)
    .map(([k, v]) => `${humanize(k)}: ${humanValue(v)}`);
  if (listLines.length > 0) blocks.push(section(listLines.join('\n')));
  if (counts.length > 0) blocks.push(context(fitEscaped(counts.join(' · '), 2000)));
  blocks.push(context(about));
  return message(escapeMrkdwn(title), blocks);
}

export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
