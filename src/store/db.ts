import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Pool, type PoolClient } from 'pg';
import type { Logger } from 'pino';

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
  private readonly statements = new Map<string, Database.Statement>();
  /**
   * Set while a transaction runs, so other statements wait instead of joining it by accident. Shared by every
   * connection in the process: better-sqlite3 waits for a lock synchronously, so a second connection here
   * touching the file mid-transaction would block the very event loop that has to finish the transaction.
   */
  private static gate: Promise<void> | undefined;

  private constructor(private readonly db: Database.Database) {}

  static open(path: string): SqliteDb {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    // Other processes on the same file hold the write lock briefly; waiting beats failing with SQLITE_BUSY.
    db.pragma('busy_timeout = 5000');
    // synchronous stays FULL: an audit row written before a 3CX call must survive a power cut, not only a crash.
    return new SqliteDb(db);
  }

  async all(sql: string, params: Param[] = []): Promise<Row[]> {
    while (SqliteDb.gate) await SqliteDb.gate;
    return this.allNow(sql, params);
  }

  async run(sql: string, params: Param[] = []): Promise<number> {
    while (SqliteDb.gate) await SqliteDb.gate;
    return this.runNow(sql, params);
  }

  async migrating<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    while (SqliteDb.gate) await SqliteDb.gate;
    let open: () => void = () => {};
    SqliteDb.gate = new Promise((resolve) => {
      open = resolve;
    });
    const tx: Db = {
      kind: 'sqlite',
      all: async (sql, params = []) => this.allNow(sql, params),
      run: async (sql, params = []) => this.runNow(sql, params),
      migrating: () => Promise.reject(new Error('migrating() does not nest')),
      close: () => Promise.reject(new Error('close the store, not the transaction')),
    };
    try {
      // IMMEDIATE takes the write lock now, so a second process waits here rather than after reading stale state.
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(tx);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        this.db.exec('ROLLBACK');
        throw err;
      }
    } finally {
      SqliteDb.gate = undefined;
      open();
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private allNow(sql: string, params: Param[]): Row[] {
    return this.statement(sql).all(...bindable(params)) as Row[];
  }

  private runNow(sql: string, params: Param[]): number {
    return this.statement(sql).run(...bindable(params)).changes;
  }
}

export class PgDb implements Db {
  readonly kind = 'postgres';

  private constructor(private readonly pool: Pool) {}

  static open(connectionString: string, logger: Logger): PgDb {
    const pool = new Pool({ connectionString, max: 5 });
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
