import { randomUUID } from 'node:crypto';
import { type Db, json, num, str } from './db';

/**
 * The job table behind the SQLite job queue (src/jobs/store-queue.ts). Each state change is one statement: a
 * claim moves one due row from `created` (or from an `active` row whose lock ran out: its worker died) to
 * `active`, so a job is handed to one worker at a time.
 */

export interface StoredJob {
  id: string;
  name: string;
  data: unknown;
  runAt: number;
}

export interface JobInsert {
  name: string;
  data: unknown;
  runAt: number;
  /** name|key|slot: a second insert with the same value inserts nothing. */
  singleton?: string;
  now: number;
}

export class JobTable {
  constructor(private readonly db: Db) {}

  /** The new job's id, or undefined when the singleton already exists. */
  async insert(job: JobInsert): Promise<string | undefined> {
    const id = randomUUID();
    const inserted = await this.db.run(
      `INSERT INTO jobs (id, name, data, run_at, singleton, state, created_at)
       VALUES (?, ?, ?, ?, ?, 'created', ?)
       ON CONFLICT (singleton) DO NOTHING`,
      [id, job.name, JSON.stringify(job.data ?? null), job.runAt, job.singleton, job.now],
    );
    return inserted === 1 ? id : undefined;
  }

  async claimNext(name: string, now: number, lockMs: number): Promise<StoredJob | undefined> {
    const rows = await this.db.all(
      `UPDATE jobs SET state = 'active', locked_until = ?
       WHERE id = (
         SELECT id FROM jobs
         WHERE name = ? AND run_at <= ?
           AND (state = 'created' OR (state = 'active' AND locked_until <= ?))
         ORDER BY run_at, created_at LIMIT 1
       ) AND (state = 'created' OR (state = 'active' AND locked_until <= ?))
       RETURNING id, name, data, run_at`,
      [now + lockMs, name, now, now, now],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: String(row.id),
      name: String(row.name),
      data: json(row.data),
      runAt: num(row.run_at) ?? now,
    };
  }

  async finish(id: string, state: 'done' | 'failed', now: number): Promise<void> {
    await this.db.run(
      "UPDATE jobs SET state = ?, finished_at = ?, locked_until = NULL WHERE id = ? AND state = 'active'",
      [state, now, id],
    );
  }

  /** True when the job was still waiting; a running or finished job is left alone. */
  async cancel(name: string, id: string, now: number): Promise<boolean> {
    const changed = await this.db.run(
      "UPDATE jobs SET state = 'cancelled', finished_at = ? WHERE id = ? AND name = ? AND state = 'created'",
      [now, id, name],
    );
    return changed === 1;
  }

  async state(id: string): Promise<string | undefined> {
    const rows = await this.db.all('SELECT state FROM jobs WHERE id = ?', [id]);
    return str(rows[0]?.state);
  }

  /** Finished rows older than `before` go; waiting ones stay however old. */
  async prune(before: number): Promise<void> {
    await this.db.run("DELETE FROM jobs WHERE state IN ('done', 'failed', 'cancelled') AND finished_at < ?", [
      before,
    ]);
  }
}
