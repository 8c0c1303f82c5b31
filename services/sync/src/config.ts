import { z } from 'zod';
import { baseConfigShape, loadConfig } from '@hvar/platform';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const positiveInt = z.coerce.number().int().positive();

/**
 * Sync settings. Bosta credentials: `BOSTA_API_KEY`, or `BOSTA_EMAIL` + `BOSTA_PASSWORD` (dashboard
 * login); no defaults for either.
 */
export const SyncConfigSchema = z
  .object({
    ...baseConfigShape,
    /** Bosta API base including `/api/v2` (the local simulator under `npm start`). */
    BOSTA_BASE_URL: z.url({ error: 'is required (e.g. https://app.bosta.co/api/v2)' }),
    BOSTA_API_KEY: z.string().min(1).optional(),
    BOSTA_EMAIL: z.string().min(1).optional(),
    BOSTA_PASSWORD: z.string().min(1).optional(),
    BOSTA_TIMEOUT_MS: positiveInt.default(15_000),
    /** Deliveries per search page (Bosta's maximum is 200). */
    SYNC_PAGE_SIZE: positiveInt.max(200).default(200),
    /** Search pages (and detail calls) in flight at once during a run. */
    SYNC_CONCURRENCY: positiveInt.max(32).default(4),
    /** How often the incremental sync runs (catches missed webhooks). */
    SYNC_INCREMENTAL_EVERY_MS: positiveInt.default(300_000),
    /** The incremental sync starts this long before the last run's cursor. */
    SYNC_OVERLAP_MS: z.coerce.number().int().min(0).default(600_000),
    /** Start a full sync when the service starts on an empty order book that never completed one. */
    SYNC_FULL_ON_FIRST_START: bool.default(true),
    /** Jobs of the sync queue handled at once (a run, webhooks and detail refreshes side by side). */
    SYNC_WORKER_CONCURRENCY: positiveInt.max(64).default(8),
    /** Lock of a running job; a run whose process died is resumed by another worker after this. */
    SYNC_LOCK_MS: positiveInt.default(30_000),
    /** How often a progress line is logged during a run. */
    SYNC_PROGRESS_LOG_MS: positiveInt.default(5_000),
  })
  .superRefine((c, ctx) => {
    if (!c.BOSTA_API_KEY && !(c.BOSTA_EMAIL && c.BOSTA_PASSWORD)) {
      ctx.addIssue({ code: 'custom', path: ['BOSTA_API_KEY'], message: 'is required (or BOSTA_EMAIL and BOSTA_PASSWORD)' });
    }
  });

/** Parsed sync settings. */
export type SyncConfig = z.infer<typeof SyncConfigSchema>;

/** Parses the sync's environment; throws a ConfigError listing every problem. */
export function loadSyncConfig(env: Record<string, string | undefined> = process.env): SyncConfig {
  return loadConfig(SyncConfigSchema, env);
}
