import type { Logger } from 'pino';
import { type Db, num } from './db';

/**
 * Versioned schema changes, applied once each and in order. Never edit a migration that has shipped: add the
 * next one. The SQL is the common subset of SQLite and PostgreSQL: TEXT, INTEGER, BIGINT (epoch milliseconds),
 * JSON kept as TEXT, no booleans.
 */

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'audit log',
    statements: [
      `CREATE TABLE audit_log (
        request_id TEXT PRIMARY KEY,
        at BIGINT NOT NULL,
        user_id TEXT NOT NULL,
        team_id TEXT,
        channel TEXT NOT NULL,
        pbx TEXT NOT NULL,
        operation TEXT NOT NULL,
        params TEXT NOT NULL,
        body TEXT,
        source TEXT NOT NULL,
        finished_at BIGINT,
        outcome TEXT,
        http_status INTEGER,
        error_kind TEXT,
        error_code TEXT,
        duration_ms BIGINT,
        approved_by TEXT
      )`,
      // Listing and export both walk the log by (at, request_id); the second column breaks ties in one millisecond.
      'CREATE INDEX audit_log_at ON audit_log (at, request_id)',
      'CREATE INDEX audit_log_user_at ON audit_log (user_id, at)',
    ],
  },
  {
    version: 2,
    name: 'claims and approvals',
    statements: [
      'CREATE TABLE claims (key TEXT PRIMARY KEY, expires_at BIGINT NOT NULL)',
      'CREATE INDEX claims_expires_at ON claims (expires_at)',
      `CREATE TABLE approvals (
        request_id TEXT PRIMARY KEY,
        request TEXT NOT NULL,
        requester TEXT NOT NULL,
        approvers TEXT NOT NULL,
        expires_at BIGINT NOT NULL,
        decided_by TEXT,
        verdict TEXT,
        decided_at BIGINT
      )`,
    ],
  },
  {
    version: 3,
    name: 'MCU announcements and shared API tokens',
    statements: [
      `CREATE TABLE mcu_announcements (
        key TEXT PRIMARY KEY,
        announcement_id TEXT NOT NULL UNIQUE,
        pbx TEXT NOT NULL,
        request TEXT NOT NULL,
        channel TEXT,
        ts TEXT,
        deciding_by TEXT,
        deciding_at BIGINT,
        decided_by TEXT,
        verdict TEXT,
        decided_at BIGINT
      )`,
      'CREATE TABLE api_tokens (client TEXT PRIMARY KEY, token TEXT NOT NULL, expires_at BIGINT NOT NULL)',
      'CREATE TABLE token_leases (client TEXT PRIMARY KEY, holder TEXT NOT NULL, lease_until BIGINT NOT NULL)',
    ],
  },
  {
    version: 4,
    name: 'secrets sealed at rest, retention',
    statements: [
      // Tokens were stored in clear: forgetting them costs one token request, and the next one is sealed.
      'DELETE FROM api_tokens',
      // Set once an approval's request body is dropped (decided or expired); the row keeps who, what and when.
      'ALTER TABLE approvals ADD COLUMN body_dropped_at BIGINT',
      'CREATE INDEX approvals_expires_at ON approvals (expires_at)',
      // When the poller last saw the request; announcements are kept for a fixed time after that.
      'ALTER TABLE mcu_announcements ADD COLUMN seen_at BIGINT',
    ],
  },
  {
    version: 5,
    name: 'audit subject',
    // The object a call was about, in people's words (`user Nina Novak (125)`), beside the raw operation.
    statements: ['ALTER TABLE audit_log ADD COLUMN subject TEXT'],
  },
  {
    version: 6,
    name: 'background jobs, schedules, watches and alert state',
    statements: [
      // The SQLite job queue (with PostgreSQL, pg-boss keeps its own tables). `singleton` is name|key|slot:
      // unique, so of several senders of one periodic job only the first in each slot inserts a row.
      `CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        data TEXT NOT NULL,
        run_at BIGINT NOT NULL,
        singleton TEXT UNIQUE,
        state TEXT NOT NULL,
        locked_until BIGINT,
        created_at BIGINT NOT NULL,
        finished_at BIGINT
      )`,
      'CREATE INDEX jobs_due ON jobs (name, state, run_at)',
      `CREATE TABLE schedules (
        id TEXT PRIMARY KEY,
        pbx TEXT NOT NULL,
        channel TEXT NOT NULL,
        user_id TEXT NOT NULL,
        team_id TEXT,
        command TEXT NOT NULL,
        when_text TEXT NOT NULL,
        repeat_rule TEXT,
        next_due BIGINT,
        last_due BIGINT,
        job_id TEXT,
        state TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        cancelled_by TEXT
      )`,
      'CREATE INDEX schedules_channel ON schedules (channel, state)',
      `CREATE TABLE watches (
        id TEXT PRIMARY KEY,
        pbx TEXT NOT NULL,
        channel TEXT NOT NULL,
        kind TEXT NOT NULL,
        options TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        removed_at BIGINT
      )`,
      'CREATE INDEX watches_pbx ON watches (pbx, removed_at)',
      // One row per watched thing (a trunk, a service): what was last confirmed, what the latest poll saw and how
      // many polls in a row saw it, and the alert message to reply to on recovery.
      `CREATE TABLE watch_states (
        watch_id TEXT NOT NULL,
        subject TEXT NOT NULL,
        confirmed TEXT,
        seen TEXT,
        seen_count INTEGER NOT NULL,
        label TEXT,
        detail TEXT,
        alert_ts TEXT,
        alert_at BIGINT,
        acked_by TEXT,
        muted_until BIGINT,
        PRIMARY KEY (watch_id, subject)
      )`,
      // Entries of the PBX's own audit log already posted, so each is posted once.
      'CREATE TABLE feed_seen (pbx TEXT NOT NULL, entry TEXT NOT NULL, at BIGINT NOT NULL, PRIMARY KEY (pbx, entry))',
    ],
  },
  {
    version: 7,
    name: 'catalogue of each PBX',
    // What each PBX's own OpenAPI document offered the last time it was read (the compact catalogue, as JSON),
    // so a start while that PBX is unreachable still knows its version's operations.
    statements: [
      'CREATE TABLE pbx_catalogues (pbx TEXT PRIMARY KEY, version TEXT NOT NULL, catalogue TEXT NOT NULL, read_at BIGINT NOT NULL)',
    ],
  },
  {
    version: 8,
    name: 'scheduled operation',
    // The operation a schedule runs when its command named an object (`user 115 set …`): resolved when it was
    // scheduled (JSON: key, args, body, subject), so the run changes the object the person saw, by name.
    statements: ['ALTER TABLE schedules ADD COLUMN operation TEXT'],
  },
];

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

/**
 * Applies what is missing and answers the versions this call applied (empty when the schema was current).
 * Each migration runs in its own transaction under the migration lock and re-checks the ledger inside it, so
 * processes racing at start-up apply each migration exactly once between them.
 */
export async function migrate(
  db: Db,
  logger: Logger,
  migrations: readonly Migration[] = MIGRATIONS,
  now: () => number = Date.now,
): Promise<number[]> {
  await db.migrating((tx) => tx.run(CREATE_LEDGER));
  const known = new Set((await appliedVersions(db)).values());
  const newest = Math.max(0, ...migrations.map((m) => m.version));
  const ahead = [...known].filter((v) => v > newest);
  if (ahead.length > 0) {
    logger.warn(
      { versions: ahead },
      'the database has migrations this version of the bot does not know; was an older release started?',
    );
  }
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (known.has(migration.version)) continue;
    const did = await db.migrating(async (tx) => {
      const rows = await tx.all('SELECT version FROM schema_migrations WHERE version = ?', [
        migration.version,
      ]);
      if (rows.length > 0) return false;
      for (const statement of migration.statements) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        now(),
      ]);
      return true;
    });
    if (did) {
      applied.push(migration.version);
      logger.info({ version: migration.version, name: migration.name }, 'database migration applied');
    }
  }
  return applied;
}

async function appliedVersions(db: Db): Promise<number[]> {
  const rows = await db.all('SELECT version FROM schema_migrations ORDER BY version');
  return rows.map((row) => num(row.version) ?? 0);
}
