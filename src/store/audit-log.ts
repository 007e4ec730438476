import { type Db, json, num, type Row, str, toJson } from './db';
import type { AuditBegin, AuditFilter, AuditFinish, AuditOutcome, AuditRow } from './types';

/** Export reads this many rows per query, so a large log never sits in memory at once. */
export const AUDIT_PAGE_SIZE = 500;

const COLUMNS = `request_id, at, user_id, team_id, channel, pbx, operation, params, body, source,
  finished_at, outcome, http_status, error_kind, error_code, duration_ms, approved_by, subject`;

export async function auditBegin(db: Db, row: AuditBegin): Promise<void> {
  // A second begin for one request id fails on the primary key: better no 3CX call than an unaudited one.
  await db.run(
    `INSERT INTO audit_log
       (request_id, at, user_id, team_id, channel, pbx, operation, params, body, source, approved_by, subject)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      row.requestId,
      row.at,
      row.userId,
      row.teamId,
      row.channel,
      row.pbx,
      row.operation,
      toJson(row.params ?? null),
      toJson(row.body),
      row.source,
      row.approvedBy,
      row.subject,
    ],
  );
}

/** Answers whether a row was completed; false when it is unknown or was already finished. */
export async function auditFinish(db: Db, requestId: string, fin: AuditFinish): Promise<boolean> {
  const changed = await db.run(
    `UPDATE audit_log
     SET finished_at = ?, outcome = ?, http_status = ?, error_kind = ?, error_code = ?, duration_ms = ?,
         approved_by = COALESCE(?, approved_by)
     WHERE request_id = ? AND finished_at IS NULL`,
    [
      fin.at,
      fin.outcome,
      fin.httpStatus,
      fin.errorKind,
      fin.errorCode,
      fin.durationMs,
      fin.approvedBy,
      requestId,
    ],
  );
  return changed > 0;
}

export async function auditList(db: Db, filter: AuditFilter): Promise<AuditRow[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.userId !== undefined) {
    where.push('user_id = ?');
    params.push(filter.userId);
  }
  if (filter.operation !== undefined) {
    // LOWER on both sides because SQLite's LIKE ignores ASCII case and PostgreSQL's does not.
    where.push("LOWER(operation) LIKE LOWER(?) ESCAPE '\\'");
    params.push(globToLike(filter.operation));
  }
  if (filter.since !== undefined) {
    where.push('at >= ?');
    params.push(filter.since);
  }
  const limit = Math.max(0, Math.floor(filter.limit));
  const rows = await db.all(
    `SELECT ${COLUMNS} FROM audit_log
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY at DESC, request_id DESC
     LIMIT ?`,
    [...params, limit],
  );
  return rows.map(toAuditRow);
}

/**
 * Keyset paging on (at, request_id): each page starts after the last row of the previous one. `SELECT *` because
 * the export reads databases of older schemas without migrating them: a column added later is simply absent.
 */
export async function* auditStream(db: Db, filter: { since?: number }): AsyncGenerator<AuditRow> {
  let after: { at: number; requestId: string } | undefined;
  for (;;) {
    const rows = after
      ? await db.all(
          `SELECT * FROM audit_log
           WHERE at >= ? AND (at > ? OR (at = ? AND request_id > ?))
           ORDER BY at, request_id LIMIT ?`,
          [filter.since ?? 0, after.at, after.at, after.requestId, AUDIT_PAGE_SIZE],
        )
      : await db.all(`SELECT * FROM audit_log WHERE at >= ? ORDER BY at, request_id LIMIT ?`, [
          filter.since ?? 0,
          AUDIT_PAGE_SIZE,
        ]);
    for (const row of rows) {
      const mapped = toAuditRow(row);
      after = { at: mapped.at, requestId: mapped.requestId };
      yield mapped;
    }
    if (rows.length < AUDIT_PAGE_SIZE) return;
  }
}

/** `Services.*` → `Services.%`, with LIKE's own wildcards in the pattern taken literally. */
export function globToLike(glob: string): string {
  return glob.replace(/[\\%_]/g, (ch) => `\\${ch}`).replace(/\*/g, '%');
}

function toAuditRow(row: Row): AuditRow {
  const out: AuditRow = {
    requestId: String(row.request_id),
    at: num(row.at) ?? 0,
    userId: String(row.user_id),
    channel: String(row.channel),
    pbx: String(row.pbx),
    operation: String(row.operation),
    params: json(row.params),
    source: String(row.source),
  };
  const optional = {
    teamId: str(row.team_id),
    body: json(row.body),
    finishedAt: num(row.finished_at),
    outcome: str(row.outcome) as AuditOutcome | undefined,
    httpStatus: num(row.http_status),
    errorKind: str(row.error_kind),
    errorCode: str(row.error_code),
    durationMs: num(row.duration_ms),
    approvedBy: str(row.approved_by),
    subject: str(row.subject),
  };
  // Absent stays absent (not a key holding undefined), so rows compare cleanly and serialize without noise.
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
  }
  return out;
}
