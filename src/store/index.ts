import { existsSync } from 'node:fs';
import pino, { type Logger } from 'pino';
import { PgDb, SqliteDb } from './db';
import { causeText, describePostgresUrl, StoreOpenError } from './errors';
import { Sealer } from './sealer';
import { SqlStore } from './sql-store';
import type { Store } from './types';

export { StoreAuditSink } from './audit-sink';
export { StoreOpenError } from './errors';
export type { JobTable, StoredJob } from './job-table';
export { MCU_DECIDING_STALE_MS } from './mcu-records';
export { MIGRATIONS } from './migrations';
export * from './retention';
export type { ScheduleBook, ScheduleRecord } from './schedule-book';
export { createSharedClient, tokenKey } from './shared-client';
export * from './token-source';
export type * from './types';
export type { WatchBook, WatchRecord, WatchState } from './watch-book';

export interface StoreOptions {
  logger?: Logger;
  /** The clock approvals are decided by; tests move it to expire them. */
  now?: () => number;
  /**
   * The secret the sealing key is derived from (BOT_STATE_KEY, else the 3CX client secret): every process sharing
   * the database must give the same one. Absent: a random key of this process, so nothing it seals (the shared
   * token, waiting approvals) is readable by another process or after a restart.
   */
  stateKey?: string;
  /**
   * Opens an existing database without changing anything (no folder or file created, no migration, every write
   * refused), for readers such as `npm run audit:export`.
   */
  readOnly?: boolean;
}

/**
 * `sqlite:./data/3cx-bot.db` (the folder is created), `sqlite::memory:` (tests), or `postgres://…`. The store
 * is not migrated yet: call `migrate()` at start-up. A database that cannot be opened or reached fails here,
 * with a StoreOpenError saying what to check.
 */
export async function openStore(databaseUrl: string, options: StoreOptions = {}): Promise<Store> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const now = options.now ?? Date.now;
  const sealer = new Sealer(options.stateKey);
  if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.slice('sqlite:'.length).replace(/^\/\//, '');
    if (path === '') throw new StoreOpenError(badUrl(databaseUrl));
    if (path === ':memory:') return new SqlStore(SqliteDb.memory(), logger, now, sealer);
    if (options.readOnly) return openSqliteReadOnly(path, logger, now, sealer);
    try {
      const db = SqliteDb.open(path, (message, err) => logger.error({ err }, message));
      return new SqlStore(db, logger, now, sealer);
    } catch (err) {
      throw new StoreOpenError(
        `Cannot open the SQLite database ${path}: ${causeText(err)}. Check that the folder is writable by the ` +
          'bot, or point DATABASE_URL elsewhere.',
        { cause: err },
      );
    }
  }
  if (databaseUrl.startsWith('postgres://') || databaseUrl.startsWith('postgresql://')) {
    const db = PgDb.open(databaseUrl, logger, options.readOnly ?? false);
    try {
      await db.all('SELECT 1');
    } catch (err) {
      await db.close().catch(() => {});
      throw new StoreOpenError(
        `Cannot reach the PostgreSQL database ${describePostgresUrl(databaseUrl)}: ${causeText(err)}. Check ` +
          'that the server runs and accepts this user, and that the database exists (createdb), then fix ' +
          'DATABASE_URL.',
        { cause: err },
      );
    }
    return new SqlStore(db, logger, now, sealer);
  }
  throw new StoreOpenError(badUrl(databaseUrl));
}

/**
 * A private in-memory SQLite store, for a bot built without a database (unit-style tests, throw-away demos):
 * everything works, nothing survives the process. Call `migrate()` before use.
 */
export function openMemoryStore(options: StoreOptions = {}): Store {
  return new SqlStore(
    SqliteDb.memory(),
    options.logger ?? pino({ level: 'silent' }),
    options.now ?? Date.now,
    new Sealer(options.stateKey),
  );
}

function openSqliteReadOnly(path: string, logger: Logger, now: () => number, sealer: Sealer): Store {
  if (!existsSync(path)) {
    throw new StoreOpenError(
      `No SQLite database at ${path}: nothing to read. Check DATABASE_URL (the bot's default, ` +
        'sqlite:./data/3cx-bot.db, is relative to the folder it was started in).',
    );
  }
  try {
    return new SqlStore(SqliteDb.openReadOnly(path), logger, now, sealer);
  } catch (err) {
    throw new StoreOpenError(`Cannot open the SQLite database ${path} to read it: ${causeText(err)}.`, {
      cause: err,
    });
  }
}

function badUrl(databaseUrl: string): string {
  // Only the scheme is quoted: the rest of a PostgreSQL URL may hold a password.
  const scheme = databaseUrl.split(':')[0] ?? '';
  return (
    `DATABASE_URL must be sqlite:<path> (e.g. sqlite:./data/3cx-bot.db) or postgres://user:pass@host/db; ` +
    `got one starting with "${scheme}:". Set it or leave it unset for the SQLite default.`
  );
}
