/**
 * Background work (schedule runs, watch polls) goes through this one small interface. Two implementations:
 * pg-boss on PostgreSQL (shared by every replica: SKIP LOCKED delivery, singleton slots) and a table in the store
 * on SQLite (one process). test/jobs/contract.ts holds both to the same promises.
 */

export interface Job<T = unknown> {
  id: string;
  name: string;
  data: T;
}

export interface SendOptions {
  /** Epoch ms; not handed to a worker before. */
  startAfter?: number;
  /**
   * One job per key per slot of `slotMs` (counted from the epoch), across every process sending it: a second send
   * in the same slot answers undefined. This is how one poller per PBX is chosen among replicas.
   */
  singleton?: { key: string; slotMs: number };
}

export type JobHandler<T = unknown> = (job: Job<T>) => Promise<void>;

export interface JobQueue {
  readonly kind: 'pg-boss' | 'store';
  /** Creates what it needs (pg-boss: its schema and tables) and begins handing out jobs to workers. */
  start(): Promise<void>;
  /** The job id, or undefined when a singleton of this slot exists already. */
  send(name: string, data: object, options?: SendOptions): Promise<string | undefined>;
  /** A waiting job never runs; one already running finishes. */
  cancel(name: string, id: string): Promise<void>;
  /**
   * Jobs of `name` are handed to `handler`, one at a time per process. A handler that throws fails its job, which
   * is not retried: callers that must not lose work record it themselves (schedules do).
   */
  work<T>(name: string, handler: JobHandler<T>): Promise<void>;
  /**
   * Every `everyMs`, one job of `name` for `key` across all processes that repeat it: each sends a singleton for
   * the current slot, and only the first send of a slot makes a job.
   */
  repeat(name: string, key: string, everyMs: number, data: object): void;
  /** Stops repeating and fetching, waits for running handlers. */
  stop(): Promise<void>;
}

export const slotOf = (now: number, slotMs: number): number => Math.floor(now / slotMs);
