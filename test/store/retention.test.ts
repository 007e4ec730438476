import { openMemoryStore, startPruning } from '../../src/store';
import { captureLogs } from '../api/helpers';
import { waitUntil } from '../support/wait';
import { beginRow } from './contract';

const DAY = 86_400_000;

/** The periodic prune that `npm start` runs: once at start, then every `everyMs`, logging what it deleted. */
it('prunes at once and again at each turn, with the audit retention it was given', async () => {
  let now = 1_000 * DAY;
  const store = openMemoryStore({ now: () => now });
  await store.migrate();
  const { logger, lines } = captureLogs('info');
  await store.auditBegin(beginRow('old', now - 40 * DAY));
  await store.auditBegin(beginRow('new', now - DAY));
  const pruner = startPruning(store, { logger, auditRetentionDays: 30, everyMs: 20, now: () => now });
  try {
    await waitUntil(() => lines().some((l) => l.msg === 'store pruned'), { what: 'the first prune' });
    expect((await store.auditList({ limit: 5 })).map((r) => r.requestId)).toEqual(['new']);
    now += 60 * DAY;
    await waitUntil(async () => (await store.auditList({ limit: 5 })).length === 0, {
      what: 'a later prune',
    });
  } finally {
    pruner.stop();
    await store.close();
  }
});

it('keeps audit rows when no retention is set, and logs a failed prune instead of throwing', async () => {
  const store = openMemoryStore();
  await store.migrate();
  await store.auditBegin(beginRow('old', 1));
  const { logger, lines } = captureLogs('info');
  startPruning(store, { logger }).stop();
  // The prune at start runs on its own; one more, awaited, settles the question.
  await store.prune({ now: Date.now() });
  expect(await store.auditList({ limit: 5 })).toHaveLength(1);
  await store.close();
  const failing = startPruning(store, { logger, everyMs: 1_000 });
  await waitUntil(() => lines().some((l) => l.msg === 'store prune failed; trying again later'), {
    what: 'the failure to be logged',
  });
  failing.stop();
});
