import type { Database, Logger } from '@hvar/platform';
import type { HubConfig } from './config.js';
import type { ReviewSettings } from './domain/review-rule.js';

/** Everything the handlers share, built once in `main.ts` (or a test). */
export interface HubDeps {
  database: Database;
  log: Logger;
  /** Relays committed outbox rows now instead of at the next poll. */
  kickOutbox: () => void;
  /** The team-leader review rule (domain.md §8). */
  review: ReviewSettings;
  /** The clock (tests move it). */
  now: () => Date;
}

/** The review rule's settings from the parsed configuration. */
export function reviewSettingsFromConfig(config: HubConfig): ReviewSettings {
  return { maxScore: config.HUB_REVIEW_MAX_SCORE, actions: config.HUB_REVIEW_ACTIONS, onMismatch: config.HUB_REVIEW_ON_MISMATCH };
}
