import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { JobHandler, JobQueue, SendOptions } from './types';

export interface PgBossQueueOptions {
  connectionString: string;
  logger: Logger;
  /** Where pg-boss keeps its tables (default `pgboss`); created by start(). */
  schema?: string;
  /** How often each worker fetches (seconds, at least 0.5). */
  pollSeconds?: number;
}

/**
 * The job queue on PostgreSQL, shared by every replica: pg-boss hands each job to one worker (SELECT … FOR UPDATE
 * SKIP LOCKED), keeps delayed jobs in its table across restarts, and its singleton slots (a unique index on
 * name, slot and key) let every replica send the same periodic job while only one is made.
 */
export class PgBossQueue implements JobQueue {
  readonly kind = 'pg-boss';
  private readonly boss: PgBoss;
  private readonly queues = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  private started = false;
  /** Workers asked for before start(): pg-boss can make queues only once its schema exists. */
  private readonly pending: (() => Promise<void>)[] = [];

  constructor(private readonly options: PgBossQueueOptions) {
    this.boss = new PgBoss({
      connectionString: options.connectionString,
      schema: options.schema ?? 'pgboss',
      max: 4,
      // The bot keeps no job results; finished jobs are kept a day for inspection, then dropped.
      deleteAfterDays: 1,
    });
    this.boss.on('error', (err) => options.logger.warn({ err }, 'pg-boss reported an error'));
  }

  async start(): Promise<void> {
    await retryDeadlock(() => this.boss.start());
    this.started = true;
    for (const register of this.pending.splice(0)) await register();
  }

  async send(name: string, data: object, options: SendOptions = {}): Promise<string | undefined> {
    await this.queue(name);
    const sendOptions: PgBoss.SendOptions = { retryLimit: 0 };
    if (options.startAfter !== undefined) sendOptions.startAfter = new Date(options.startAfter);
    if (options.singleton) {
      sendOptions.singletonKey = options.singleton.key;
      // pg-boss slots are whole seconds.
      sendOptions.singletonSeconds = Math.max(1, Math.round(options.singleton.slotMs / 1000));
    }
    const id = await this.boss.send(name, data, sendOptions);
    return id ?? undefined;
  }

  async cancel(name: string, id: string): Promise<void> {
    await this.queue(name);
    await this.boss.cancel(name, id);
  }

  async work<T>(name: string, handler: JobHandler<T>): Promise<void> {
    const register = async () => {
      await this.queue(name);
      await this.boss.work<T>(
        name,
        { batchSize: 1, pollingIntervalSeconds: this.options.pollSeconds ?? 0.5 },
        async (jobs) => {
          for (const job of jobs) await handler({ id: job.id, name: job.name, data: job.data });
        },
      );
    };
    if (this.started) await register();
    else this.pending.push(register);
  }

  repeat(name: string, key: string, everyMs: number, data: object): void {
    const tick = () => {
      if (this.stopped) return;
      this.send(name, data, { singleton: { key, slotMs: everyMs } }).catch((err: unknown) =>
        this.options.logger.warn({ err, job: name }, 'a periodic job could not be queued; next slot retries'),
      );
    };
    const timer = setInterval(tick, everyMs);
    timer.unref();
    this.timers.add(timer);
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers.clear();
    if (!this.started) return;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  /** pg-boss 10 needs a queue created before jobs are sent to it or fetched from it. */
  private queue(name: string): Promise<void> {
    if (!this.started) return Promise.reject(new Error(`job queue not started; cannot use ${name} yet`));
    let made = this.queues.get(name);
    if (!made) {
      // Idempotent (INSERT … ON CONFLICT DO NOTHING), so replicas starting together may all call it.
      made = retryDeadlock(() => this.boss.createQueue(name, { name, policy: 'standard' }));
      made.catch(() => this.queues.delete(name));
      this.queues.set(name, made);
    }
    return made;
  }
}

/**
 * Replicas starting together on a new database create pg-boss's schema and queues (DDL) at the same moment, and
 * PostgreSQL may end one of them with `deadlock detected` (40P01). The work is idempotent: try again, a few times.
 */
async function retryDeadlock<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      if (code !== '40P01' || attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.floor(Math.random() * 50)));
    }
  }
}
