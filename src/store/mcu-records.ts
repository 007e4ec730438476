import { type Db, json, num, type Row, str } from './db';
import type { McuDecision, McuRecord } from './types';

/**
 * A clicker who claimed a decision and then vanished (process killed mid-call) must not block the request for
 * good. With the default 3CX timeout (15 s) a call that has not answered in two minutes has long timed out; a
 * longer THREECX_TIMEOUT_MS lengthens the wait (see McuDesk).
 */
export const MCU_DECIDING_STALE_MS = 2 * 60_000;

export async function mcuGet(db: Db, key: string): Promise<McuRecord | undefined> {
  const rows = await db.all('SELECT * FROM mcu_announcements WHERE key = ?', [key]);
  return rows[0] ? toRecord(rows[0]) : undefined;
}

export async function mcuGetByAnnouncement(db: Db, announcementId: string): Promise<McuRecord | undefined> {
  const rows = await db.all('SELECT * FROM mcu_announcements WHERE announcement_id = ?', [announcementId]);
  return rows[0] ? toRecord(rows[0]) : undefined;
}

/** `now` marks when the request was last seen: announcements are pruned a fixed time after that. */
export async function mcuPut(db: Db, rec: McuRecord, now: number): Promise<McuRecord> {
  const rows = await db.all(
    `INSERT INTO mcu_announcements
       (key, announcement_id, pbx, request, channel, ts, deciding_by, deciding_at, decided_by, verdict, decided_at,
        seen_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET
       request = excluded.request,
       seen_at = excluded.seen_at,
       channel = COALESCE(excluded.channel, mcu_announcements.channel),
       ts = COALESCE(excluded.ts, mcu_announcements.ts)
     RETURNING *`,
    [
      rec.key,
      rec.announcementId,
      rec.pbx,
      JSON.stringify(rec.request ?? null),
      rec.channel,
      rec.ts,
      rec.decidingBy,
      rec.decidingAt,
      rec.decision?.by,
      rec.decision?.verdict,
      rec.decision?.at,
      now,
    ],
  );
  if (!rows[0]) throw new Error(`MCU record ${rec.key} was not stored`);
  return toRecord(rows[0]);
}

export async function mcuClaimDecision(
  db: Db,
  key: string,
  by: string,
  now: number,
  staleMs = MCU_DECIDING_STALE_MS,
): Promise<boolean> {
  const won = await db.run(
    `UPDATE mcu_announcements SET deciding_by = ?, deciding_at = ?
     WHERE key = ? AND decided_at IS NULL AND (deciding_by IS NULL OR deciding_at <= ?)`,
    [by, now, key, now - staleMs],
  );
  return won === 1;
}

export async function mcuRecordDecision(db: Db, key: string, decision: McuDecision): Promise<void> {
  await db.run(
    `UPDATE mcu_announcements
     SET decided_by = ?, verdict = ?, decided_at = ?, deciding_by = NULL, deciding_at = NULL
     WHERE key = ? AND decided_at IS NULL`,
    [decision.by, decision.verdict, decision.at, key],
  );
}

export async function mcuReleaseDecision(db: Db, key: string): Promise<void> {
  await db.run(
    'UPDATE mcu_announcements SET deciding_by = NULL, deciding_at = NULL WHERE key = ? AND decided_at IS NULL',
    [key],
  );
}

function toRecord(row: Row): McuRecord {
  const rec: McuRecord = {
    key: String(row.key),
    announcementId: String(row.announcement_id),
    pbx: String(row.pbx),
    request: json(row.request),
  };
  const channel = str(row.channel);
  const ts = str(row.ts);
  const decidingBy = str(row.deciding_by);
  const decidingAt = num(row.deciding_at);
  if (channel !== undefined) rec.channel = channel;
  if (ts !== undefined) rec.ts = ts;
  if (decidingBy !== undefined) rec.decidingBy = decidingBy;
  if (decidingAt !== undefined) rec.decidingAt = decidingAt;
  const by = str(row.decided_by);
  const at = num(row.decided_at);
  const verdict = str(row.verdict);
  if (by !== undefined && at !== undefined && (verdict === 'approved' || verdict === 'rejected')) {
    rec.decision = { by, verdict, at };
  }
  return rec;
}
