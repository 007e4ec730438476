import type { AuditRow } from '../../store/types';
import {
  context,
  formatDuration,
  header,
  mention,
  message,
  packSections,
  type SlackMessage,
  slackDate,
} from './blocks';
import { escapeMrkdwn, inlineCode } from './limits';

/** What `/3cx audit` was asked for, as the person typed it, for the heading. */
export interface AuditQuery {
  limit: number;
  userId?: string;
  operation?: string;
}

const OUTCOME_ICON: Record<string, string> = {
  done: '✅',
  failed: '❌',
  invalid: '⚠️',
  denied: '🔒',
  needs_approval: '⏸️',
  interrupted: '⛔',
};

function rowText(row: AuditRow): string {
  const parts = [`${slackDate(row.at)} ${mention(row.userId)} ${inlineCode(row.operation, 120)}`];
  if (row.finishedAt === undefined || row.outcome === undefined) {
    parts.push(
      '⏳ *unfinished*: no outcome was recorded (still running, or the bot stopped during the call)',
    );
  } else {
    const detail = [
      `${OUTCOME_ICON[row.outcome] ?? ''} ${row.outcome}`.trim(),
      row.httpStatus !== undefined ? `HTTP ${row.httpStatus}` : '',
      row.errorCode ? `3CX code ${inlineCode(row.errorCode, 60)}` : '',
      row.errorKind && row.outcome !== 'done' ? escapeMrkdwn(row.errorKind) : '',
      row.durationMs !== undefined ? formatDuration(row.durationMs) : '',
      row.approvedBy ? `approved by ${mention(row.approvedBy)}` : '',
    ].filter((p) => p !== '');
    parts.push(detail.join(' · '));
  }
  parts.push(
    `PBX ${escapeMrkdwn(row.pbx)} · in <#${row.channel}> · via ${row.source} · id ${inlineCode(row.requestId, 60)}`,
  );
  return parts.join('\n');
}

/** The newest audit rows, newest first; only ever sent to the person who asked. */
export function auditMessage(rows: AuditRow[], query: AuditQuery): SlackMessage {
  const filters = [
    query.userId ? `by ${mention(query.userId)}` : '',
    query.operation ? `operations matching ${inlineCode(query.operation, 100)}` : '',
  ].filter((f) => f !== '');
  const scope = filters.length > 0 ? ` (${filters.join(', ')})` : '';
  if (rows.length === 0) {
    const text = `No audit rows${scope}.`;
    return message(text, [context(text)]);
  }
  const title = `Last ${rows.length} audit row${rows.length === 1 ? '' : 's'}`;
  return message(`${title}${scope}`, [
    header(title),
    ...packSections(rows.map(rowText)),
    context(
      `Newest first${scope}. All rows: ${inlineCode('npm run audit:export -- --format csv', 100)} on the bot's host.`,
    ),
  ]);
}
