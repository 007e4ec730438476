import type { Logger } from 'pino';
import type { Store } from '../store';
import { PgBossQueue } from './pg-boss-queue';
import { StoreQueue } from './store-queue';
import type { JobQueue } from './types';

export { PgBossQueue } from './pg-boss-queue';
export { StoreQueue } from './store-queue';
export type * from './types';

/** pg-boss where the store is PostgreSQL (several replicas may share it), the store's own table on SQLite. */
export function openJobQueue(databaseUrl: string, store: Store, logger: Logger): JobQueue {
  if (store.kind === 'postgres') return new PgBossQueue({ connectionString: databaseUrl, logger });
  return new StoreQueue(store.jobTable, { logger });
}
