import type { KnownBlock } from '@slack/types';
import type { Outcome } from '../../pipeline/types';
import {
  context,
  type FileReply,
  fieldsSection,
  formatDuration,
  message,
  opOnPbx,
  type SlackMessage,
  safeJson,
  section,
} from './blocks';
import { fileStem } from './csv';
import { isAnnotation, isEmpty, isRecord, isScalar, type Row, rankKeys, summarise } from './fields';
import { codeBlock, escapeMrkdwn, fitEscaped, LIMITS } from './limits';
import {
  chooseColumns,
  collectionHeadline,
  collectionHints,
  pageOf,
  pagingBlock,
  tableBlocks,
} from './table';

type Done = Extract<Outcome, { kind: 'done' }>;

export interface ResultOptions {
  json?: boolean;
  /** 0-based. */
  page?: number;
  pageSize?: number;
  /** Where Previous/Next find the kept rows; without it a long list shows its first page only. */
  resultId?: string;
  /** For the file name of a long `--json` answer; defaults to the clock. */
  now?: number;
}

/**
 * Rows already in people's words (an everyday list) name their columns, in order, under this key of the answer,
 * so the table and its later pages keep the order the entity row chose.
 */
export const COLUMNS_ANNOTATION = '@people.columns';

const MAX_FIELDS = 20;
const FIELD_VALUE_MAX = 300;
const VALUE_MAX = 2900;

type Shape =
  | { kind: 'none' }
  | { kind: 'collection'; rows: Row[]; count?: number; columns?: string[] }
  | { kind: 'value'; value: unknown }
  | { kind: 'entity'; entity: Row };

/** By what 3CX actually sent rather than what the document promised: a function may answer either way. */
function shapeOf(data: unknown): Shape {
  if (data === undefined || data === null) return { kind: 'none' };
  if (Array.isArray(data)) return { kind: 'collection', rows: data.map(asRow) };
  if (!isRecord(data)) return { kind: 'value', value: data };
  const keys = Object.keys(data).filter((k) => !isAnnotation(k));
  if (Array.isArray(data.value)) {
    const count = data['@odata.count'];
    const columns = data[COLUMNS_ANNOTATION];
    return {
      kind: 'collection',
      rows: data.value.map(asRow),
      ...(typeof count === 'number' ? { count } : {}),
      ...(Array.isArray(columns) ? { columns: columns.map(String) } : {}),
    };
  }
  if (keys.length === 1 && keys[0] === 'value') return { kind: 'value', value: data.value };
  return { kind: 'entity', entity: data };
}

/** A list of plain values (a function's string[]) still shows as a one-column table. */
function asRow(item: unknown): Row {
  return isRecord(item) ? item : { Value: item };
}

/**
 * A read's answer, to the invoker: an entity as fields, a list as a paged table, a single value as text, or with
 * `json` 3CX's raw answer (as a file when it is too long for a message).
 */
export function resultMessage(
  outcome: Done,
  options: ResultOptions = {},
): SlackMessage | { file: FileReply } {
  const { operation, request, result } = outcome;
  const took = formatDuration(result.durationMs);
  const about = context(
    [opOnPbx(operation.key, request.pbx), `HTTP ${result.status}`, took].filter(Boolean).join(' · '),
  );
  const shape = shapeOf(result.data);
  if (shape.kind === 'none') {
    const text = `Done (HTTP ${result.status}), nothing returned.`;
    return message(text, [section(text), about]);
  }
  if (options.json) return jsonReply(outcome, about, options.now);
  switch (shape.kind) {
    case 'collection':
      return collectionReply(operation.key, shape.rows, shape.count, about, options, {
        truncatedAt: result.truncatedAt,
        columns: shape.columns,
      });
    case 'value':
      return valueReply(operation.key, shape.value, about);
    case 'entity':
      return entityReply(operation.key, shape.entity, about);
  }
}

function jsonReply(outcome: Done, about: KnownBlock, now = Date.now()): SlackMessage | { file: FileReply } {
  const raw = safeJson(outcome.result.data, 2);
  const block = codeBlock(raw, Number.MAX_SAFE_INTEGER);
  const key = outcome.operation.key;
  if (block.length <= LIMITS.sectionText) return message(`${key}: 3CX's raw answer`, [about, section(block)]);
  return {
    file: {
      filename: `${fileStem(key, now)}.json`,
      content: raw,
      title: `${key} on ${outcome.request.pbx}`,
      comment: `3CX's raw answer to ${key} (${raw.length.toLocaleString('en-US')} characters, too long for a message).`,
    },
  };
}

function collectionReply(
  key: string,
  rows: Row[],
  count: number | undefined,
  about: KnownBlock,
  options: ResultOptions,
  { truncatedAt, columns }: { truncatedAt?: number | undefined; columns?: string[] | undefined } = {},
): SlackMessage {
  const view = pageOf(rows, options.page, options.pageSize);
  const headline = collectionHeadline(rows.length, count, view);
  const blocks: KnownBlock[] = [about, section(headline)];
  if (view.rows.length > 0) blocks.push(...tableBlocks(view.rows, columns ?? chooseColumns(rows)));
  const paging = pagingBlock(view, options.resultId);
  const hints = collectionHints(rows.length, count, view, paging !== undefined);
  // The client stops reading a list at its cap (api/list-reader.ts): say so before anything else.
  if (truncatedAt !== undefined)
    hints.unshift(
      `First ${truncatedAt.toLocaleString('en-US')} rows shown: the PBX has more. Narrow the list with ` +
        '`$filter=` or words, or ask for a range with `$skip=` and `$top=`.',
    );
  if (hints.length > 0) blocks.push(context(hints.join(' ')));
  if (paging) blocks.push(paging);
  return message(`${key}: ${headline.replace(/\*/g, '')}`, blocks);
}

function valueReply(key: string, value: unknown, about: KnownBlock): SlackMessage {
  const blocks: KnownBlock[] = [about];
  const text = isScalar(value) ? String(value) : safeJson(value, 2);
  if (isScalar(value)) blocks.push(section(text === '' ? '_(empty)_' : fitEscaped(text, VALUE_MAX)));
  else blocks.push(section(codeBlock(text, VALUE_MAX)));
  if (text.length > VALUE_MAX - 10) {
    blocks.push(
      context(
        `Cut short: the answer has ${text.length.toLocaleString('en-US')} characters. Add \`--json\` to get all of it as a file.`,
      ),
    );
  }
  return message(escapeMrkdwn(`${key}: ${text.slice(0, 200)}`), blocks);
}

function entityReply(key: string, entity: Row, about: KnownBlock): SlackMessage {
  const keys = Object.keys(entity).filter((k) => !isAnnotation(k) && !isEmpty(entity[k]));
  const ranked = rankKeys(keys, (k) => entity[k]);
  const shown = ranked.slice(0, MAX_FIELDS);
  const fields = shown.map(
    (k) => `*${fitEscaped(k, 100)}*\n${fitEscaped(summarise(entity[k]), FIELD_VALUE_MAX)}`,
  );
  const blocks: KnownBlock[] = [about];
  for (let i = 0; i < fields.length; i += LIMITS.fields)
    blocks.push(fieldsSection(fields.slice(i, i + LIMITS.fields)));
  if (fields.length === 0) blocks.push(section('_Every field is empty._'));
  const more = ranked.length - shown.length;
  if (more > 0)
    blocks.push(
      context(
        `${more} more ${more === 1 ? 'field' : 'fields'} not shown. Add \`--json\` to see all of them.`,
      ),
    );
  const title = shown
    .slice(0, 3)
    .map((k) => `${k}=${summarise(entity[k])}`)
    .join(', ');
  return message(escapeMrkdwn(`${key}: ${title}`), blocks);
}
