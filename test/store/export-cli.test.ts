import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, openStore } from '../../src/store';
import { beginRow } from './contract';

/** `npm run audit:export` reads the database as it is: it never creates, migrates or writes to it. */

const ROOT = resolve(__dirname, '../..');

function runExport(databaseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/audit-export.ts', '--format', 'json'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += String(d);
  });
  child.stderr.on('data', (d) => {
    stderr += String(d);
  });
  return new Promise((done) => child.on('exit', (code) => done({ code, stdout, stderr })));
}

describe('npm run audit:export', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exports a database of an older schema without migrating it', async () => {
    const path = join(dir, 'bot.db');
    const db = new Database(path);
    db.exec(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
    );
    for (const m of MIGRATIONS.filter((m) => m.version <= 3)) {
      for (const statement of m.statements) db.exec(statement);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(m.version, m.name);
    }
    db.prepare(
      `INSERT INTO audit_log (request_id, at, user_id, channel, pbx, operation, params, source)
       VALUES ('r1', 1000, 'U1', 'C1', 'default', 'Services.Restart', '{}', 'command')`,
    ).run();
    db.close();
    const run = await runExport(`sqlite:${path}`);
    expect(run.stderr).toContain('1 audit row exported');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([expect.objectContaining({ requestId: 'r1' })]);
    const after = new Database(path, { readonly: true });
    expect(after.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual([
      { version: 1 },
      { version: 2 },
      { version: 3 },
    ]);
    after.close();
  });

  it('says so when the database file does not exist, and creates nothing', async () => {
    const path = join(dir, 'nothing-here', 'bot.db');
    const run = await runExport(`sqlite:${path}`);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/No SQLite database at .*bot\.db.*DATABASE_URL/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'nothing-here'))).toBe(false);
  });

  it('says so when the database has no bot tables yet, and adds none', async () => {
    const path = join(dir, 'empty.db');
    writeFileSync(path, '');
    const run = await runExport(`sqlite:${path}`);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/has no audit trail yet.*DATABASE_URL/);
    expect(statSync(path).size).toBe(0);
  });

  it('exports what the bot wrote', async () => {
    const path = join(dir, 'bot.db');
    const store = await openStore(`sqlite:${path}`);
    await store.migrate();
    await store.auditBegin(beginRow('r1', 1000));
    await store.close();
    const run = await runExport(`sqlite:${path}`);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(1);
  });
});
