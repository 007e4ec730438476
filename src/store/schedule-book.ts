import { type Db, json, num, type Row, str } from './db';

/**
 * Scheduled commands. A run is claimed per occurrence with one compare-and-set on `last_due`, so a job delivered
 * twice (a retry, a replica's redelivery after a crash) still runs the command once.
 */

export interface ScheduleRecord {
  id: string;
  pbx: string;
  channel: string;
  userId: string;
  teamId?: string;
  /** The command as typed after the `<when>` words. */
  command: string;
  whenText: string;
  /** The repeat rule (JSON) of `every …` schedules. */
  repeat?: unknown;
  /**
   * The operation as resolved when it was scheduled (JSON), for a command that named an object; absent, the
   * command is parsed again when it runs.
   */
  operation?: unknown;
  nextDue?: number;
  lastDue?: number;
  jobId?: string;
  state: 'active' | 'done' | 'cancelled';
  createdAt: number;
  cancelledBy?: string;
}

export class ScheduleBook {
  constructor(private readonly db: Db) {}

  async add(rec: ScheduleRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO schedules (id, pbx, channel, user_id, team_id, command, when_text, repeat_rule, next_due,
         last_due, job_id, state, created_at, operation)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        rec.id,
        rec.pbx,
        rec.channel,
        rec.userId,
        rec.teamId,
        rec.command,
        rec.whenText,
        rec.repeat === undefined ? null : JSON.stringify(rec.repeat),
        rec.nextDue,
        rec.lastDue,
        rec.jobId,
        rec.state,
        rec.createdAt,
        rec.operation === undefined ? null : JSON.stringify(rec.operation),
      ],
    );
  }

  async get(id: string): Promise<ScheduleRecord | undefined> {
    const rows = await this.db.all('SELECT * FROM schedules WHERE id = ?', [id]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  /** Active schedules of a channel and PBX, soonest first. */
  async listActive(channel: string, pbx: string): Promise<ScheduleRecord[]> {
    const rows = await this.db.all(
      "SELECT * FROM schedules WHERE channel = ? AND pbx = ? AND state = 'active' ORDER BY next_due, id",
      [channel, pbx],
    );
    return rows.map(toRecord);
  }

  /** True for the one caller that cancelled it; false when it had already finished or been cancelled. */
  async cancel(id: string, by: string): Promise<boolean> {
    const changed = await this.db.run(
      "UPDATE schedules SET state = 'cancelled', cancelled_by = ? WHERE id = ? AND state = 'active'",
      [by, id],
    );
    return changed === 1;
  }

  /** True for the one run of this occurrence. */
  async claimOccurrence(id: string, due: number): Promise<boolean> {
    const won = await this.db.run(
      `UPDATE schedules SET last_due = ?
       WHERE id = ? AND state = 'active' AND (last_due IS NULL OR last_due < ?)`,
      [due, id, due],
    );
    return won === 1;
  }

  async setNext(id: string, nextDue: number, jobId: string | undefined): Promise<void> {
    await this.db.run("UPDATE schedules SET next_due = ?, job_id = ? WHERE id = ? AND state = 'active'", [
      nextDue,
      jobId,
      id,
    ]);
  }

  async finish(id: string): Promise<void> {
    await this.db.run(
      "UPDATE schedules SET state = 'done', next_due = NULL WHERE id = ? AND state = 'active'",
      [id],
    );
  }
}

function toRecord(row: Row): ScheduleRecord {
  const state = str(row.state);
  const rec: ScheduleRecord = {
    id: String(row.id),
    pbx: String(row.pbx),
    channel: String(row.channel),
    userId: String(row.user_id),
    command: String(row.command),
    whenText: String(row.when_text),
    state: state === 'done' || state === 'cancelled' ? state : 'active',
    createdAt: num(row.created_at) ?? 0,
  };
  const optional = {
    teamId: str(row.team_id),
    repeat: json(row.repeat_rule),
    operation: json(row.operation),
    nextDue: num(row.next_due),
    lastDue: num(row.last_due),
    jobId: str(row.job_id),
    cancelledBy: str(row.cancelled_by),
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) Object.assign(rec, { [k]: v });
  return rec;
}
