import type { Database, Logger } from '@hvar/platform';
import type { RuleEngines } from './db/rule-sets.repo.js';

/** What the classifier's handlers share, built once in `main.ts` (or a test). */
export interface ClassifierDeps {
  database: Database;
  log: Logger;
  /** Compiled rule sets by version. */
  engines: RuleEngines;
  /** Relays committed outbox rows now instead of at the next poll. */
  kickOutbox: () => void;
  settings: {
    /** Orders re-classified per transaction by `reclassify-all`. */
    reclassifyChunk: number;
  };
}
