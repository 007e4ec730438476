import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** What SqliteDb needs from SQLite: statements in, rows or change counts out, in the order they were sent. */
export interface SqliteEngine {
  all(sql: string, params: (string | number | null)[]): Promise<Record<string, unknown>[]>;
  run(sql: string, params: (string | number | null)[]): Promise<number>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * In this thread: for `:memory:` databases, where no fsync is waited for and a private database per bot (tests
 * build hundreds) should not cost a thread each; and for a file until its worker is ready (FileSqlite).
 */
export class InlineSqlite implements SqliteEngine {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  /** `readOnly`: an existing file, opened so that nothing can change it (npm run audit:export). */
  constructor(path = ':memory:', readOnly = false) {
    this.db = new Database(path, readOnly ? { readonly: true, fileMustExist: true } : {});
    if (readOnly) this.db.pragma('busy_timeout = 5000');
    else if (path !== ':memory:') {
      // As sqlite-worker.js opens the same file: see there.
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('busy_timeout = 5000');
      this.db.pragma('synchronous = FULL');
    }
  }

  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  async all(sql: string, params: (string | number | null)[]): Promise<Record<string, unknown>[]> {
    return this.statement(sql).all(...params) as Record<string, unknown>[];
  }

  async run(sql: string, params: (string | number | null)[]): Promise<number> {
    return this.statement(sql).run(...params).changes;
  }

  async exec(sql: string): Promise<void> {
    this.db.exec(sql);
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
}

/**
 * A database file. Its work belongs in a worker thread (WorkerSqlite), but a worker takes 60 to 100 ms to boot,
 * which start-up should not wait for. So the file opens on this thread at once, serves the migrations and the
 * first statements, and hands over to the worker once that is ready: between two statements (each finishes on
 * this thread before the call returns, so none is in flight) and never inside a transaction. A worker that cannot
 * start, or stops, is reported to `onTrouble` and the work stays on (or comes back to) this thread: slower under
 * load, still correct; statements in flight when it stopped fail, and their callers say so.
 */
export class FileSqlite implements SqliteEngine {
  private inline: InlineSqlite;
  private current: SqliteEngine;
  private worker: WorkerSqlite | undefined;
  private readonly booting: Promise<void>;
  private closing = false;

  /** Fails at once, with SQLite's reason, when the file cannot be opened. */
  constructor(
    private readonly path: string,
    private readonly onTrouble: (message: string, err: Error) => void = () => {},
  ) {
    this.inline = new InlineSqlite(path);
    this.current = this.inline;
    this.booting = WorkerSqlite.open(path, (reason) => this.workerStopped(reason)).then(
      (worker) => {
        this.worker = worker;
      },
      (err: Error) =>
        this.onTrouble('the SQLite worker thread did not start; the database stays on the main thread', err),
    );
  }

  /** Resolves once the worker has taken over, or has failed to start (tests use it). */
  async settled(): Promise<void> {
    await this.booting;
  }

  /** Whether the last statement ran on the worker. */
  get onWorker(): boolean {
    return this.worker !== undefined && this.current === this.worker;
  }

  all(sql: string, params: (string | number | null)[]): Promise<Record<string, unknown>[]> {
    return this.engine().all(sql, params);
  }

  run(sql: string, params: (string | number | null)[]): Promise<number> {
    return this.engine().run(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.engine().exec(sql);
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.booting;
    if (this.current === this.inline) await this.inline.close();
    await this.worker?.close();
  }

  private workerStopped(reason: Error): void {
    // Before it was adopted, the failed start is reported once, by the constructor's rejection handler.
    if (this.closing || !this.worker) return;
    if (this.current === this.worker) {
      try {
        this.inline = new InlineSqlite(this.path);
      } catch (err) {
        // Left on the stopped worker, every statement fails with its reason, and each caller says so.
        this.onTrouble(
          'the SQLite worker thread stopped and the file could not be opened again',
          err as Error,
        );
        return;
      }
      this.current = this.inline;
    }
    this.onTrouble('the SQLite worker thread stopped; the database is back on the main thread', reason);
    this.worker = undefined;
  }

  private engine(): SqliteEngine {
    if (this.worker && this.current === this.inline && !this.inline.inTransaction) {
      this.current = this.worker;
      // Synchronous underneath: closed before the worker is sent anything.
      void this.inline.close();
    }
    return this.current;
  }
}

type Request =
  | { op: 'all' | 'run'; sql: string; params: (string | number | null)[] }
  | { op: 'exec'; sql: string }
  | { op: 'close' };

/** Written by sqlite-worker.js in this package, never by anyone outside: its shape is ours, not checked. */
type Reply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; message: string; code?: string };

/**
 * A database file, in a worker thread of its own (sqlite-worker.js). better-sqlite3 waits for every commit's
 * fsync, and for other processes' locks, on the thread that calls it; in the worker that wait no longer holds up
 * acknowledgements, which under load it did for hundreds of milliseconds at a time.
 */
export class WorkerSqlite implements SqliteEngine {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(result: unknown): void; reject(err: Error): void }>();
  private nextId = 0;
  /** Set once the worker is gone; every later request fails with it. */
  private stopped: Error | undefined;

  /**
   * Opens the file in a new worker; fails, with better-sqlite3's reason, when the file cannot be opened.
   * `onStop` hears of a worker that stops other than by close().
   */
  static async open(path: string, onStop: (reason: Error) => void = () => {}): Promise<WorkerSqlite> {
    const engine = new WorkerSqlite(path, onStop);
    try {
      await engine.all('SELECT 1', []);
    } catch (err) {
      // The caller hears of it from this rejection, not from onStop as well.
      engine.stop(err instanceof Error ? err : new Error(String(err)), true);
      await engine.worker.terminate();
      throw err;
    }
    return engine;
  }

  private constructor(
    path: string,
    private readonly onStop: (reason: Error) => void,
  ) {
    this.worker = new Worker(join(__dirname, 'sqlite-worker.js'), { workerData: { path } });
    // An idle worker must not keep the process alive; one with requests in flight does (see request()).
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => this.settle(reply));
    this.worker.on('error', (err) => this.stop(err));
    this.worker.on('exit', (code) =>
      this.stop(new Error(`the SQLite worker thread stopped (exit code ${code})`)),
    );
  }

  async all(sql: string, params: (string | number | null)[]): Promise<Record<string, unknown>[]> {
    return (await this.request({ op: 'all', sql, params })) as Record<string, unknown>[];
  }

  async run(sql: string, params: (string | number | null)[]): Promise<number> {
    return (await this.request({ op: 'run', sql, params })) as number;
  }

  async exec(sql: string): Promise<void> {
    await this.request({ op: 'exec', sql });
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.request({ op: 'close' });
    } finally {
      this.stop(new Error('the SQLite database is closed'), true);
      await this.worker.terminate();
    }
  }

  private request(request: Request): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    this.nextId += 1;
    const id = this.nextId;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...request });
    });
  }

  private settle(reply: Reply): void {
    const waiter = this.pending.get(reply.id);
    if (!waiter) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(Object.assign(new Error(reply.message), reply.code ? { code: reply.code } : {}));
  }

  /** `expected`: stopped by us (close, a failed open), so nobody needs telling. */
  private stop(reason: Error, expected = false): void {
    if (this.stopped) return;
    this.stopped = reason;
    for (const waiter of this.pending.values()) waiter.reject(reason);
    this.pending.clear();
    if (!expected) this.onStop(reason);
  }
}
