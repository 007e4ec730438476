import type { Job, JobQueue } from '../../src/jobs';
import { waitUntil } from '../support/wait';

/**
 * What every JobQueue must do, registered by store-queue.test.ts (SQLite) and pg-boss-queue.test.ts (PostgreSQL).
 * `peer()` is a second instance on the same database: another replica on PostgreSQL, another queue object in
 * the same process on SQLite.
 */
export interface QueueHarness {
  /** A queue on a fresh, empty database (or schema); not started. */
  open(): Promise<JobQueue>;
  /** Another queue on the database of the latest open(). */
  peer(): Promise<JobQueue>;
  /** Closes everything of the latest database, as a stopped process would, and opens a new queue on it. */
  restart(): Promise<JobQueue>;
  close(): Promise<void>;
}

export function jobQueueContract(harness: QueueHarness): void {
  afterEach(() => harness.close());

  const collect = () => {
    const seen: Job<{ n: number }>[] = [];
    const handler = async (job: Job<{ n: number }>) => {
      seen.push(job);
    };
    return { seen, handler };
  };

  it('hands a job to its worker once, with its data', async () => {
    const q = await harness.open();
    const { seen, handler } = collect();
    await q.work('plain', handler);
    await q.start();
    const id = await q.send('plain', { n: 7 });
    await waitUntil(() => seen.length === 1, { what: 'the job to run' });
    expect(seen[0]).toEqual({ id, name: 'plain', data: { n: 7 } });
    // A later job still runs, and the first one is not handed out again.
    await q.send('plain', { n: 8 });
    await waitUntil(() => seen.length === 2, { what: 'the second job' });
    expect(seen.map((j) => j.data.n)).toEqual([7, 8]);
  });

  it('delivers each job exactly once between two instances', async () => {
    const a = await harness.open();
    const b = await harness.peer();
    const ran: number[] = [];
    const handler = async (job: Job<{ n: number }>) => {
      ran.push(job.data.n);
    };
    await a.work('shared', handler);
    await b.work('shared', handler);
    await a.start();
    await b.start();
    for (let n = 0; n < 20; n += 1) await (n % 2 ? a : b).send('shared', { n });
    await waitUntil(() => ran.length >= 20, { what: 'all 20 jobs', timeoutMs: 15_000 });
    // Extra deliveries would show up as duplicates: give a few more polls the chance to make them.
    const marker = await a.send('shared', { n: 99 });
    expect(marker).toBeDefined();
    await waitUntil(() => ran.includes(99), { what: 'the marker job', timeoutMs: 10_000 });
    expect([...ran].sort((x, y) => x - y)).toEqual([...Array.from({ length: 20 }, (_, n) => n), 99]);
  });

  it('does not hand out a delayed job before its time', async () => {
    const q = await harness.open();
    const ranAt: number[] = [];
    await q.work('later', async () => {
      ranAt.push(Date.now());
    });
    await q.start();
    const due = Date.now() + 1500;
    await q.send('later', {}, { startAfter: due });
    await waitUntil(() => ranAt.length === 1, { what: 'the delayed job', timeoutMs: 10_000 });
    expect(ranAt[0]).toBeGreaterThanOrEqual(due - 50);
  });

  it('never runs a cancelled job', async () => {
    const q = await harness.open();
    const { seen, handler } = collect();
    await q.work('cancellable', handler);
    await q.start();
    const doomed = await q.send('cancellable', { n: 1 }, { startAfter: Date.now() + 1000 });
    expect(doomed).toBeDefined();
    await q.cancel('cancellable', doomed as string);
    await q.send('cancellable', { n: 2 }, { startAfter: Date.now() + 1500 });
    await waitUntil(() => seen.length >= 1, { what: 'the job sent after', timeoutMs: 10_000 });
    expect(seen.map((j) => j.data.n)).toEqual([2]);
  });

  it('makes one job per singleton key and slot, whichever instance sends it', async () => {
    const a = await harness.open();
    const b = await harness.peer();
    await a.start();
    await b.start();
    // A slot of an hour: both sends fall in it unless the test runs across the hour, where two are right.
    const slot = { key: 'pbx:default', slotMs: 3_600_000 };
    const before = Math.floor(Date.now() / slot.slotMs);
    const first = await a.send('poll', { n: 1 }, { singleton: slot });
    const second = await b.send('poll', { n: 2 }, { singleton: slot });
    const other = await b.send('poll', { n: 3 }, { singleton: { ...slot, key: 'pbx:other' } });
    expect(first).toBeDefined();
    expect(other).toBeDefined();
    if (Math.floor(Date.now() / slot.slotMs) === before) expect(second).toBeUndefined();
  });

  it('repeats a job once per slot however many instances repeat it', async () => {
    const a = await harness.open();
    const b = await harness.peer();
    const ranAt: number[] = [];
    const handler = async () => {
      ranAt.push(Date.now());
    };
    await a.work('tick', handler);
    await b.work('tick', handler);
    await a.start();
    await b.start();
    const began = Date.now();
    a.repeat('tick', 'pbx:default', 1000, {});
    b.repeat('tick', 'pbx:default', 1000, {});
    await waitUntil(() => ranAt.length >= 3, { what: 'three ticks', timeoutMs: 15_000 });
    await a.stop();
    await b.stop();
    const slots = Math.floor(Date.now() / 1000) - Math.floor(began / 1000) + 1;
    expect(ranAt.length).toBeLessThanOrEqual(slots);
  });

  it('keeps a waiting job across a restart and runs it once', async () => {
    const first = await harness.open();
    await first.start();
    await first.send('durable', { n: 5 }, { startAfter: Date.now() + 500 });
    const again = await harness.restart();
    const { seen, handler } = collect();
    await again.work('durable', handler);
    await again.start();
    await waitUntil(() => seen.length === 1, { what: 'the job after the restart', timeoutMs: 10_000 });
    const marker = await again.send('durable', { n: 6 });
    expect(marker).toBeDefined();
    await waitUntil(() => seen.length === 2, { what: 'the marker job', timeoutMs: 10_000 });
    expect(seen.map((j) => j.data.n)).toEqual([5, 6]);
  });
}
