import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type JobQueue, StoreQueue } from '../../src/jobs';
import { openStore, type Store } from '../../src/store';
import { jobQueueContract } from './contract';

describe('job queue on the SQLite store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobs-test-'));
  const logger = pino({ level: 'silent' });
  let n = 0;
  let url = '';
  const stores: Store[] = [];
  const queues: JobQueue[] = [];
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const queueOn = (store: Store) => {
    const q = new StoreQueue(store.jobTable, { logger, pollMs: 50 });
    queues.push(q);
    return q;
  };
  const openDb = async () => {
    const store = await openStore(url);
    await store.migrate();
    stores.push(store);
    return store;
  };
  const close = async () => {
    await Promise.all(queues.splice(0).map((q) => q.stop()));
    await Promise.all(stores.splice(0).map((s) => s.close()));
  };

  jobQueueContract({
    async open() {
      n += 1;
      url = `sqlite:${join(dir, `db-${n}.db`)}`;
      return queueOn(await openDb());
    },
    async peer() {
      // One process on SQLite: a second queue object over the same store.
      const store = stores[stores.length - 1];
      if (!store) throw new Error('open() first');
      return queueOn(store);
    },
    async restart() {
      await close();
      return queueOn(await openDb());
    },
    close,
  });
});
