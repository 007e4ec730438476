import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FileSqlite, WorkerSqlite } from '../../src/store/sqlite-engine';
import { waitUntil } from '../support/wait';

describe('SQLite in its worker thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sqlite-engine-'));
  let n = 0;
  const fresh = () => {
    n += 1;
    return join(dir, `db-${n}.db`);
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers statements in the order they were sent', async () => {
    const engine = await WorkerSqlite.open(fresh());
    try {
      await engine.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)');
      const writes = Array.from({ length: 50 }, (_, i) =>
        engine.run('INSERT INTO t VALUES (?, ?)', [`k${i}`, i]),
      );
      // Sent without waiting: the read, sent last, must see every write before it.
      const rows = engine.all('SELECT COUNT(*) AS c, SUM(v) AS s FROM t', []);
      expect(await Promise.all(writes)).toEqual(Array(50).fill(1));
      expect(await rows).toEqual([{ c: 50, s: 1225 }]);
    } finally {
      await engine.close();
    }
  });

  it("hands back SQLite's own message and code", async () => {
    const engine = await WorkerSqlite.open(fresh());
    try {
      await engine.exec('CREATE TABLE t (k TEXT PRIMARY KEY)');
      await engine.run('INSERT INTO t VALUES (?)', ['a']);
      await expect(engine.run('INSERT INTO t VALUES (?)', ['a'])).rejects.toMatchObject({
        message: expect.stringContaining('UNIQUE constraint failed'),
        code: 'SQLITE_CONSTRAINT_PRIMARYKEY',
      });
      await expect(engine.all('SELECT nope FROM t', [])).rejects.toThrow(/no such column: nope/);
      // The worker is still there after a failed statement.
      expect(await engine.all('SELECT k FROM t', [])).toEqual([{ k: 'a' }]);
    } finally {
      await engine.close();
    }
  });

  it("fails to open with SQLite's reason", async () => {
    await expect(WorkerSqlite.open(join(dir, 'missing-folder', 'x.db'))).rejects.toThrow(/directory|open/i);
  });

  it('refuses statements after close instead of hanging', async () => {
    const engine = await WorkerSqlite.open(fresh());
    await engine.close();
    await expect(engine.all('SELECT 1', [])).rejects.toThrow(/closed/);
    await engine.close();
  });

  it('keeps the event loop free while a write waits for the file', async () => {
    const path = fresh();
    const engine = await WorkerSqlite.open(path);
    await engine.exec('CREATE TABLE t (v INTEGER)');
    // Another connection, on this thread, holds the write lock; the worker's insert has to wait for it. Run on
    // this thread, that wait would block the very loop that has to release the lock.
    const holder = new Database(path);
    try {
      holder.exec('BEGIN IMMEDIATE');
      let settled = false;
      const insert = engine.run('INSERT INTO t VALUES (1)', []).finally(() => {
        settled = true;
      });
      // Turns of the event loop while the insert is held up.
      let turns = 0;
      while (turns < 20) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        turns += 1;
      }
      expect(settled).toBe(false);
      holder.exec('COMMIT');
      expect(await insert).toBe(1);
      expect(await engine.all('SELECT v FROM t', [])).toEqual([{ v: 1 }]);
    } finally {
      holder.close();
      await engine.close();
    }
  });

  it('opens a file at once on this thread, then hands its work to the worker with nothing lost', async () => {
    const engine = new FileSqlite(fresh());
    try {
      await engine.exec('CREATE TABLE t (v INTEGER)');
      await engine.run('INSERT INTO t VALUES (1)', []);
      expect(engine.onWorker).toBe(false);
      await engine.settled();
      await engine.run('INSERT INTO t VALUES (2)', []);
      expect(engine.onWorker).toBe(true);
      expect(await engine.all('SELECT v FROM t ORDER BY v', [])).toEqual([{ v: 1 }, { v: 2 }]);
    } finally {
      await engine.close();
    }
  });

  it('hands over only once a transaction begun on this thread has ended', async () => {
    const engine = new FileSqlite(fresh());
    try {
      await engine.exec('CREATE TABLE t (v INTEGER)');
      await engine.exec('BEGIN IMMEDIATE');
      await engine.settled();
      // The worker is ready, but the transaction's statements must stay on the connection that began it.
      await engine.run('INSERT INTO t VALUES (1)', []);
      expect(engine.onWorker).toBe(false);
      await engine.exec('COMMIT');
      expect(engine.onWorker).toBe(false);
      expect(await engine.all('SELECT v FROM t', [])).toEqual([{ v: 1 }]);
      expect(engine.onWorker).toBe(true);
    } finally {
      await engine.close();
    }
  });

  it('comes back to this thread, and says so, when its worker stops', async () => {
    const troubles: string[] = [];
    const engine = new FileSqlite(fresh(), (message) => troubles.push(message));
    try {
      await engine.exec('CREATE TABLE t (v INTEGER)');
      await engine.settled();
      await engine.run('INSERT INTO t VALUES (1)', []);
      expect(engine.onWorker).toBe(true);
      // As a crash of the thread would: nothing of ours asks it to stop.
      const { worker } = (engine as unknown as { worker: { worker: { terminate(): Promise<number> } } })
        .worker;
      await worker.terminate();
      await waitUntil(() => troubles.length > 0, { timeoutMs: 2_000, what: 'the stop to be reported' });
      expect(troubles).toEqual(['the SQLite worker thread stopped; the database is back on the main thread']);
      await engine.run('INSERT INTO t VALUES (2)', []);
      expect(engine.onWorker).toBe(false);
      expect(await engine.all('SELECT v FROM t ORDER BY v', [])).toEqual([{ v: 1 }, { v: 2 }]);
    } finally {
      await engine.close();
    }
  });

  it('keeps every connection at synchronous = FULL, the worker included', async () => {
    // better-sqlite3 is built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1 (NORMAL): in WAL mode that loses the last
    // commits on a power cut unless each connection sets FULL itself. 2 is FULL.
    const engine = new FileSqlite(fresh());
    try {
      expect(await engine.all('PRAGMA synchronous', [])).toEqual([{ synchronous: 2 }]);
      await engine.settled();
      expect(await engine.all('PRAGMA synchronous', [])).toEqual([{ synchronous: 2 }]);
      expect(engine.onWorker).toBe(true);
    } finally {
      await engine.close();
    }
    const worker = await WorkerSqlite.open(fresh());
    try {
      expect(await worker.all('PRAGMA synchronous', [])).toEqual([{ synchronous: 2 }]);
    } finally {
      await worker.close();
    }
  });

  it('closes cleanly while the worker is still starting', async () => {
    const engine = new FileSqlite(fresh());
    await engine.exec('CREATE TABLE t (v INTEGER)');
    await engine.close();
    await expect(engine.all('SELECT 1', [])).rejects.toThrow(/closed/);
  });
});
