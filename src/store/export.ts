import type { AuditRow, Store } from './types';

/** `npm run audit:export`: the audit trail, oldest first, as CSV or a JSON array, streamed page by page. */

export type ExportFormat = 'csv' | 'json';

export const EXPORT_COLUMNS = [
  'requestId',
  'at',
  'finishedAt',
  'outcome',
  'userId',
  'teamId',
  'channel',
  'pbx',
  'operation',
  'params',
  'body',
  'source',
  'httpStatus',
  'errorKind',
  'errorCode',
  'durationMs',
  'approvedBy',
  'subject',
] as const;

type Column = (typeof EXPORT_COLUMNS)[number];

/** Times as ISO 8601 (UTC); an unfinished row has no finishedAt and no outcome. */
export function exportRecord(row: AuditRow): Record<Column, unknown> {
  return {
    requestId: row.requestId,
    at: new Date(row.at).toISOString(),
    finishedAt: row.finishedAt !== undefined ? new Date(row.finishedAt).toISOString() : null,
    outcome: row.outcome ?? null,
    userId: row.userId,
    teamId: row.teamId ?? null,
    channel: row.channel,
    pbx: row.pbx,
    operation: row.operation,
    params: row.params ?? null,
    body: row.body ?? null,
    source: row.source,
    httpStatus: row.httpStatus ?? null,
    errorKind: row.errorKind ?? null,
    errorCode: row.errorCode ?? null,
    durationMs: row.durationMs ?? null,
    approvedBy: row.approvedBy ?? null,
    subject: row.subject ?? null,
  };
}

/** Spreadsheets run a cell starting with one of these as a formula; a quote in front keeps it text. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'number' ? String(value) : typeof value === 'string' ? value : JSON.stringify(value);
  const safe = typeof value === 'string' && FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Writes every row from `since` on; answers how many were written. */
export async function exportAudit(
  store: Store,
  options: { format: ExportFormat; since?: number },
  write: (chunk: string) => void | Promise<void>,
): Promise<number> {
  let n = 0;
  if (options.format === 'csv') await write(`${EXPORT_COLUMNS.join(',')}\r\n`);
  else await write('[');
  const filter = options.since !== undefined ? { since: options.since } : {};
  for await (const row of store.auditStream(filter)) {
    const rec = exportRecord(row);
    if (options.format === 'csv') await write(`${EXPORT_COLUMNS.map((c) => csvCell(rec[c])).join(',')}\r\n`);
    else await write(`${n === 0 ? '\n' : ',\n'}${JSON.stringify(rec)}`);
    n++;
  }
  if (options.format === 'json') await write(n === 0 ? ']\n' : '\n]\n');
  return n;
}

/**
 * `--since`: an ISO date or time (`2026-11-01`, `2026-11-01T08:00:00Z`) or a span back from now (`90m`, `24h`,
 * `7d`). Answers epoch milliseconds, or an error sentence.
 */
export function parseSince(text: string, now: number): number | { error: string } {
  const span = /^(\d+)([mhd])$/.exec(text.trim());
  if (span) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[span[2] as 'm' | 'h' | 'd'];
    return now - Number(span[1]) * unit;
  }
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) {
    const at = Date.parse(text.trim());
    if (Number.isFinite(at)) return at;
  }
  return {
    error: `--since "${text}" is neither a date (2026-11-01, 2026-11-01T08:00:00Z) nor a span back from now (90m, 24h, 7d).`,
  };
}
