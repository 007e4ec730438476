import type { Logger } from 'pino';
import type { Store } from './types';

/**
 * How long the store keeps each kind of row. Audit rows are the record of who did what to the PBX, so they are
 * kept unless an admin sets AUDIT_RETENTION_DAYS; everything else is working state with a fixed bound.
 * (schema_migrations is the schema's own ledger and is never pruned.)
 */
const DAY_MS = 86_400_000;
/** An approval row (its outline: who asked for what; the body is gone once decided or expired). */
export const APPROVAL_RETENTION_MS = 30 * DAY_MS;
/** An MCU announcement, counted from the last poll that saw its request. */
export const MCU_RETENTION_MS = 30 * DAY_MS;
/** Expired claims, tokens and leases are worthless at once; they go at the first prune after they expire. */
export const PRUNE_EVERY_MS = 60 * 60_000;

export interface PruneOptions {
  now: number;
  /** Audit rows older than this are deleted; absent: kept forever. */
  auditRetentionMs?: number;
}

/** Rows deleted, per table. */
export interface PruneCounts {
  audit: number;
  approvals: number;
  claims: number;
  mcu: number;
  tokens: number;
  leases: number;
}

export interface Pruner {
  stop(): void;
}

/**
 * Prunes now and every `everyMs` after (one prune at a time). Every process sharing a database may run one: the
 * deletes are idempotent. A failed prune is logged and tried again at the next turn.
 */
export function startPruning(
  store: Store,
  options: { logger: Logger; auditRetentionDays?: number; everyMs?: number; now?: () => number },
): Pruner {
  const now = options.now ?? Date.now;
  const auditRetentionMs =
    options.auditRetentionDays === undefined ? undefined : options.auditRetentionDays * DAY_MS;
  let running = false;
  const turn = () => {
    if (running) return;
    running = true;
    void store
      .prune({ now: now(), ...(auditRetentionMs === undefined ? {} : { auditRetentionMs }) })
      .then(
        (counts) => {
          if (Object.values(counts).some((n) => n > 0))
            options.logger.info({ deleted: counts }, 'store pruned');
        },
        (err: unknown) => options.logger.warn({ err }, 'store prune failed; trying again later'),
      )
      .finally(() => {
        running = false;
      });
  };
  turn();
  const timer = setInterval(turn, options.everyMs ?? PRUNE_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
