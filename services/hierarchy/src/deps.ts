import type { Database, Logger } from '@hvar/platform';
import type { HierarchySettings } from './domain/types.js';

/** What the hierarchy's handlers share, built once in `main.ts` (or a test). */
export interface HierarchyDeps {
  database: Database;
  log: Logger;
  /** Relays committed outbox rows now instead of at the next poll. */
  kickOutbox: () => void;
  settings: HierarchySettings & {
    /** Customers per detection transaction. */
    detectionChunk: number;
  };
}
