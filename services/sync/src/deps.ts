import type { syncQueue } from '@hvar/contracts';
import type { Database, Logger, Producer } from '@hvar/platform';
import type pg from 'pg';
import type { BostaReader } from './runs/fetch-page.js';

/** What the sync's handlers share, built once in `main.ts` (or a test). */
export interface SyncDeps {
  /** The sync's database; `pool` is its pool (the write path uses it directly). */
  database: Database;
  pool: pg.Pool;
  bosta: BostaReader;
  log: Logger;
  /** The sync queue itself: `start-run` queues `execute-run` on it. */
  queue: Producer<typeof syncQueue>;
  /** Relays committed outbox rows now instead of at the next poll. */
  kickOutbox: () => void;
  /** Announces pending webhook changes soon (batched `order-changed`). */
  kickChanges: () => void;
  settings: { pageSize: number; concurrency: number; overlapMs: number; progressLogMs: number };
}
