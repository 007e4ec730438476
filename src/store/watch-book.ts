import { type Db, json, num, type Row, str } from './db';

/** Watches (`/3cx watch …`) and, per watched thing, the state machine of its alerts. */

export interface WatchRecord {
  id: string;
  pbx: string;
  channel: string;
  kind: string;
  options: Record<string, unknown>;
  createdBy: string;
  createdAt: number;
}

export interface WatchState {
  watchId: string;
  /** What is watched within the watch: a trunk, a service, `pbx`. */
  subject: string;
  /** The state last confirmed (held for two polls) and announced; undefined before the first confirmation. */
  confirmed?: string;
  /** What the latest poll saw, and how many polls in a row saw it. */
  seen?: string;
  seenCount: number;
  /** How the latest poll named it and why, for redrawing the alert when someone clicks. */
  label?: string;
  detail?: string;
  alertTs?: string;
  alertAt?: number;
  ackedBy?: string;
  mutedUntil?: number;
}

export class WatchBook {
  constructor(private readonly db: Db) {}

  async add(rec: WatchRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO watches (id, pbx, channel, kind, options, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [rec.id, rec.pbx, rec.channel, rec.kind, JSON.stringify(rec.options), rec.createdBy, rec.createdAt],
    );
  }

  async get(id: string): Promise<WatchRecord | undefined> {
    const rows = await this.db.all('SELECT * FROM watches WHERE id = ? AND removed_at IS NULL', [id]);
    return rows[0] ? toWatch(rows[0]) : undefined;
  }

  /** Alerts posted and not yet recovered on a PBX's watches: what `fleet status` counts as open. */
  async openAlerts(pbx: string): Promise<number> {
    const rows = await this.db.all(
      `SELECT COUNT(*) AS n FROM watch_states s JOIN watches w ON w.id = s.watch_id
       WHERE w.pbx = ? AND w.removed_at IS NULL AND s.alert_ts IS NOT NULL`,
      [pbx],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async listByPbx(pbx: string): Promise<WatchRecord[]> {
    const rows = await this.db.all(
      'SELECT * FROM watches WHERE pbx = ? AND removed_at IS NULL ORDER BY created_at',
      [pbx],
    );
    return rows.map(toWatch);
  }

  async listByChannel(channel: string, pbx: string): Promise<WatchRecord[]> {
    const rows = await this.db.all(
      'SELECT * FROM watches WHERE channel = ? AND pbx = ? AND removed_at IS NULL ORDER BY created_at',
      [channel, pbx],
    );
    return rows.map(toWatch);
  }

  async remove(id: string, now: number): Promise<boolean> {
    return (
      (await this.db.run('UPDATE watches SET removed_at = ? WHERE id = ? AND removed_at IS NULL', [
        now,
        id,
      ])) === 1
    );
  }

  async states(watchId: string): Promise<WatchState[]> {
    const rows = await this.db.all('SELECT * FROM watch_states WHERE watch_id = ?', [watchId]);
    return rows.map(toState);
  }

  async state(watchId: string, subject: string): Promise<WatchState | undefined> {
    const rows = await this.db.all('SELECT * FROM watch_states WHERE watch_id = ? AND subject = ?', [
      watchId,
      subject,
    ]);
    return rows[0] ? toState(rows[0]) : undefined;
  }

  async putState(s: WatchState): Promise<void> {
    await this.db.run(
      `INSERT INTO watch_states (watch_id, subject, confirmed, seen, seen_count, label, detail, alert_ts, alert_at,
         acked_by, muted_until)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (watch_id, subject) DO UPDATE SET
         confirmed = excluded.confirmed, seen = excluded.seen, seen_count = excluded.seen_count,
         label = excluded.label, detail = excluded.detail,
         alert_ts = excluded.alert_ts, alert_at = excluded.alert_at, acked_by = excluded.acked_by,
         muted_until = excluded.muted_until`,
      [
        s.watchId,
        s.subject,
        s.confirmed,
        s.seen,
        s.seenCount,
        s.label,
        s.detail,
        s.alertTs,
        s.alertAt,
        s.ackedBy,
        s.mutedUntil,
      ],
    );
  }

  /** First click wins; answers whether this one did. */
  async acknowledge(watchId: string, subject: string, by: string): Promise<boolean> {
    const changed = await this.db.run(
      'UPDATE watch_states SET acked_by = ? WHERE watch_id = ? AND subject = ? AND acked_by IS NULL',
      [by, watchId, subject],
    );
    return changed === 1;
  }

  async mute(watchId: string, subject: string, until: number): Promise<void> {
    await this.db.run('UPDATE watch_states SET muted_until = ? WHERE watch_id = ? AND subject = ?', [
      until,
      watchId,
      subject,
    ]);
  }

  /** True the first time an entry of a PBX's own audit log is seen: each is posted once. */
  async firstSight(pbx: string, entry: string, now: number): Promise<boolean> {
    const inserted = await this.db.run(
      'INSERT INTO feed_seen (pbx, entry, at) VALUES (?, ?, ?) ON CONFLICT (pbx, entry) DO NOTHING',
      [pbx, entry, now],
    );
    return inserted === 1;
  }
}

function toWatch(row: Row): WatchRecord {
  const options = json(row.options);
  return {
    id: String(row.id),
    pbx: String(row.pbx),
    channel: String(row.channel),
    kind: String(row.kind),
    options: options !== null && typeof options === 'object' ? (options as Record<string, unknown>) : {},
    createdBy: String(row.created_by),
    createdAt: num(row.created_at) ?? 0,
  };
}

function toState(row: Row): WatchState {
  const s: WatchState = {
    watchId: String(row.watch_id),
    subject: String(row.subject),
    seenCount: num(row.seen_count) ?? 0,
  };
  const optional = {
    confirmed: str(row.confirmed),
    seen: str(row.seen),
    label: str(row.label),
    detail: str(row.detail),
    alertTs: str(row.alert_ts),
    alertAt: num(row.alert_at),
    ackedBy: str(row.acked_by),
    mutedUntil: num(row.muted_until),
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) Object.assign(s, { [k]: v });
  return s;
}
