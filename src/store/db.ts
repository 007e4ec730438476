import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Pool, type PoolClient } from 'pg';
import type { Logger } from 'pino';
import { FileSqlite, InlineSqlite, type SqliteEngine } from './sqlite-engine';

/**
 * The whole dialect layer: SQL is written once with `?` placeholders and plain types (TEXT, INTEGER, BIGINT),
 * and each back end only translates placeholders and runs it. Values come back as the driver gives them; the
 * row mappers parse numbers, because pg returns BIGINT as a string.
 */

export type Param = string | number | null | undefined;
export type Row = Record<string, unknown>;

export interface Db {
  readonly kind: 'sqlite' | 'postgres';
  /** Rows of a SELECT (or of a statement with RETURNING). */
  all(sql: string, params?: Param[]): Promise<Row[]>;
  /** A write; answers how many rows it touched, which is how compare-and-set statements report who won. */
  run(sql: string, params?: Param[]): Promise<number>;
  /**
   * One transaction on one connection, holding the database's migration lock: `BEGIN IMMEDIATE` on SQLite, a
   * transaction-scoped advisory lock on PostgreSQL. Several processes starting at once thus migrate one after the
   * other, and each sees what the previous one applied.
   */
  migrating<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Any 64-bit constant works; it only has to be the same in every process that migrates this database. */
const MIGRATION_LOCK_KEY = '7418880355240165377';

function bindable(params: Param[]): (string | number | null)[] {
  // Neither driver binds `undefined`; an absent optional value is SQL NULL.
  return params.map((p) => (p === undefined ? null : p));
}

/** `?` → `$1, $2, …`, leaving string literals alone. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  let quoted = false;
  let out = '';
  for (const ch of sql) {
    if (ch === "'") quoted = !quoted;
    if (ch === '?' && !quoted) {
      n += 1;
      out += `$${n}`;
    } else {
      out += ch;
    }
  }
  return out;
}

export class SqliteDb implements Db {
  readonly kind = 'sqlite';
  /**
   * Set while a transaction runs, so other statements wait instead of joining it by accident. Shared by every
   * connection in the process: a second connection here touching the file mid-transaction would wait for the
   * write lock this process itself holds.
   */
  private static gate: Promise<void> | undefined;

  private constructor(private readonly engine: SqliteEngine) {}

  /**
   * A database file (its folder created), worked in a thread of its own once that is ready: see FileSqlite, which
   * tells `onTrouble` when that thread cannot start or stops.
   */
  static open(path: string, onTrouble?: (message: string, err: Error) => void): SqliteDb {
    mkdirSync(dirname(path), { recursive: true });
    return new SqliteDb(new FileSqlite(path, onTrouble));
  }

  /** An existing file, read-only, in this thread (a one-off reader such as the audit export needs no worker). */
  static openReadOnly(path: string): SqliteDb {
    return new SqliteDb(new InlineSqlite(path, true));
  }

  /** A private in-memory database, in this thread. */
  static memory(): SqliteDb {
    return new SqliteDb(new InlineSqlite());
  }

  async all(sql: string, params: Param[] = []): Promise<Row[]> {
    while (SqliteDb.gate) await SqliteDb.gate;
    return this.engine.all(sql, bindable(params));
  }

  async run(sql: string, params: Param[] = []): Promise<number> {
    while (SqliteDb.gate) await SqliteDb.gate;
    return this.engine.run(sql, bindable(params));
  }

  async migrating<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    while (SqliteDb.gate) await SqliteDb.gate;
    let open: () => void = () => {};
    SqliteDb.gate = new Promise((resolve) => {
      open = resolve;
    });
    const tx: Db = {
      kind: 'sqlite',
      all: (sql, params = []) => this.engine.all(sql, bindable(params)),
      run: (sql, params = []) => this.engine.run(sql, bindable(params)),
      migrating: () => Promise.reject(new Error('migrating() does not nest')),
      close: () => Promise.reject(new Error('close the store, not the transaction')),
    };
    try {
      // IMMEDIATE takes the write lock now, so a second process waits here rather than after reading stale state.
      await this.engine.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(tx);
        await this.engine.exec('COMMIT');
        return result;
      } catch (err) {
        await this.engine.exec('ROLLBACK');
        throw err;
      }
    } finally {
      SqliteDb.gate = undefined;
      open();
    }
  }

  async close(): Promise<void> {
    await this.engine.close();
  }
}

export class PgDb implements Db {
  readonly kind = 'postgres';

  private constructor(private readonly pool: Pool) {}

  /** `readOnly`: every session refuses writes (the server enforces it), for readers such as the audit export. */
  static open(connectionString: string, logger: Logger, readOnly = false): PgDb {
    const pool = new Pool({ connectionString, max: 5 });
    // A client runs its queries in order, so this SET precedes whatever the pool hands it out for.
    if (readOnly)
      pool.on('connect', (client) => {
        // A second line of defence (a reader issues only SELECTs): a session that refuses it is logged, not fatal.
        client
          .query('SET default_transaction_read_only = on')
          .catch((err: unknown) => logger.warn({ err }, 'could not make a PostgreSQL session read-only'));
      });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', (err) => logger.warn({ err }, 'idle PostgreSQL connection failed'));
    return new PgDb(pool);
  }

  async all(sql: string, params: Param[] = []): Promise<Row[]> {
    return (await this.pool.query(numberPlaceholders(sql), bindable(params))).rows;
  }

  async run(sql: string, params: Param[] = []): Promise<number> {
    return (await this.pool.query(numberPlaceholders(sql), bindable(params))).rowCount ?? 0;
  }

  async migrating<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await this.inTransaction(client, fn);
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async inTransaction<T>(client: PoolClient, fn: (tx: Db) => Promise<T>): Promise<T> {
    const tx: Db = {
      kind: 'postgres',
      all: async (sql, params = []) => (await client.query(numberPlaceholders(sql), bindable(params))).rows,
      run: async (sql, params = []) =>
        (await client.query(numberPlaceholders(sql), bindable(params))).rowCount ?? 0,
      migrating: () => Promise.reject(new Error('migrating() does not nest')),
      close: () => Promise.reject(new Error('close the store, not the transaction')),
    };
    await client.query('BEGIN');
    try {
      // Released by COMMIT or ROLLBACK, so a failed migration cannot leave the lock held.
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    }
  }
}

/** pg answers BIGINT as a string and SQLite as a number; both become a number here (epoch ms fit easily). */
export function num(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new Error(`expected a number from the database, got ${String(value)}`);
  return n;
}

export function str(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

export function json(value: unknown): unknown {
  return value === null || value === undefined ? undefined : JSON.parse(String(value));
}

export function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}
