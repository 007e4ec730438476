import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, StoreOpenError } from '../../src/store';
import { storeContract } from './contract';

describe('SQLite store, on a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'store-test-'));
  let n = 0;
  let current = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  storeContract({
    open(options) {
      n += 1;
      // A folder that does not exist yet, as on a first start with sqlite:./data/3cx-bot.db.
      current = `sqlite:${join(dir, `db-${n}`, 'bot.db')}`;
      return openStore(current, options);
    },
    openPeer: (options) => openStore(current, options),
    async rawText() {
      const file = current.slice('sqlite:'.length);
      return [file, `${file}-wal`]
        .filter((f) => existsSync(f))
        .map((f) => readFileSync(f).toString('latin1'))
        .join('\n');
    },
  });
});

describe('SQLite store, in memory', () => {
  storeContract({ open: (options) => openStore('sqlite::memory:', options) });
});

describe('openStore', () => {
  it('refuses an unknown URL without echoing it', async () => {
    await expect(openStore('mysql://root:hunter2@db/bot')).rejects.toThrow(/sqlite:<path>.*"mysql:"/);
    await expect(openStore('mysql://root:hunter2@db/bot')).rejects.not.toThrow(/hunter2/);
    await expect(openStore('sqlite:')).rejects.toThrow(/DATABASE_URL/);
  });

  it('says which PostgreSQL it could not reach, without the password', async () => {
    const error = await openStore('postgres://bot:s3cret@127.0.0.1:1/botdb').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect(String(error)).toMatch(/postgres:\/\/bot@127\.0\.0\.1:1\/botdb/);
    expect(String(error)).not.toMatch(/s3cret/);
  });

  it('says when the SQLite file cannot be created', async () => {
    // A folder path running through a plain file: mkdir fails at once, whoever runs the tests.
    const dir = mkdtempSync(join(tmpdir(), 'store-open-'));
    writeFileSync(join(dir, 'file'), '');
    const path = join(dir, 'file', 'bot.db');
    try {
      const error = await openStore(`sqlite:${path}`).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(StoreOpenError);
      expect(String(error)).toContain(`Cannot open the SQLite database ${path}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
