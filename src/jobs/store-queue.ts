import type { Logger } from 'pino';
import type { JobTable } from '../store';
import { type Job, type JobHandler, type JobQueue, type SendOptions, slotOf } from './types';

export interface StoreQueueOptions {
  logger: Logger;
  /** How often each worker looks for due jobs (default 500 ms, like pg-boss's fastest). */
  pollMs?: number;
  /** A job whose handler has not finished in this long is taken as abandoned and handed out again. */
  lockMs?: number;
  now?: () => number;
}

const DAY_MS = 86_400_000;

/**
 * The job queue over the store's `jobs` table, for SQLite: one process, so a timer per worker suffices. Jobs
 * are rows, so they survive a restart; a delayed job is a row with a later run_at.
 */
export class StoreQueue implements JobQueue {
  readonly kind = 'store';
  private readonly workers = new Map<string, JobHandler<unknown>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private readonly busy = new Set<string>();
  private started = false;
  private stopped = false;
  private readonly pollMs: number;
  private readonly lockMs: number;
  private readonly now: () => number;

  constructor(
    private readonly table: JobTable,
    private readonly options: StoreQueueOptions,
  ) {
    this.pollMs = options.pollMs ?? 500;
    this.lockMs = options.lockMs ?? 15 * 60_000;
    this.now = options.now ?? Date.now;
  }

  async start(): Promise<void> {
    this.started = true;
    for (const name of this.workers.keys()) this.poll(name);
    await this.table.prune(this.now() - DAY_MS);
  }

  async send(name: string, data: object, options: SendOptions = {}): Promise<string | undefined> {
    const now = this.now();
    const singleton = options.singleton
      ? `${name}|${options.singleton.key}|${slotOf(now, options.singleton.slotMs)}`
      : undefined;
    return this.table.insert({
      name,
      data,
      runAt: options.startAfter ?? now,
      now,
      ...(singleton ? { singleton } : {}),
    });
  }

  async cancel(name: string, id: string): Promise<void> {
    await this.table.cancel(name, id, this.now());
  }

  async work<T>(name: string, handler: JobHandler<T>): Promise<void> {
    this.workers.set(name, handler as JobHandler<unknown>);
    const timer = setInterval(() => this.poll(name), this.pollMs);
    timer.unref();
    this.timers.add(timer);
    if (this.started) this.poll(name);
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
    await Promise.allSettled([...this.running]);
  }

  /** Drains what is due for one job name; a second tick while draining does nothing. */
  private poll(name: string): void {
    if (!this.started || this.stopped || this.busy.has(name)) return;
    const handler = this.workers.get(name);
    if (!handler) return;
    this.busy.add(name);
    const drain = (async () => {
      try {
        for (;;) {
          if (this.stopped) return;
          const claimed = await this.table.claimNext(name, this.now(), this.lockMs);
          if (!claimed) return;
          const job: Job = { id: claimed.id, name: claimed.name, data: claimed.data };
          let ok = true;
          try {
            await handler(job);
          } catch (err) {
            ok = false;
            this.options.logger.error({ err, job: name, id: job.id }, 'background job failed');
          }
          await this.table.finish(claimed.id, ok ? 'done' : 'failed', this.now());
        }
      } catch (err) {
        this.options.logger.warn({ err, job: name }, 'could not read the job table; trying again shortly');
      } finally {
        this.busy.delete(name);
      }
    })();
    this.running.add(drain);
    void drain.finally(() => this.running.delete(drain));
  }
}
