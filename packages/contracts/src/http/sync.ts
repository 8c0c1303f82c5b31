import { z } from 'zod';
import { SyncRunSchema } from '../queues/sync.queue.js';
import { PageOf, PageParams } from './query.js';

/** `GET /sync/runs` query. */
export const SyncRunsQuery = z.strictObject({
  status: z.enum(['queued', 'running', 'completed', 'failed']).optional(),
  mode: z.enum(['full', 'incremental']).optional(),
  ...PageParams,
});
/** Parsed `GET /sync/runs` query. */
export type SyncRunsQuery = z.infer<typeof SyncRunsQuery>;

/** `:id` of a sync run. */
export const SyncRunIdParams = z.strictObject({ id: z.uuid() });

/** Sync runs, newest first. */
export const SyncRunPageSchema = PageOf(SyncRunSchema).meta({ id: 'SyncRunPage' });

/** `POST /sync/runs` body. */
export const StartSyncRunBody = z.strictObject({ mode: z.enum(['full', 'incremental']) });

/** A delivery that could not be normalized, with the reason. */
export const QuarantineItemSchema = z
  .object({
    id: z.number().int(),
    source_key: z.string().meta({ description: 'Tracking number or `_id` when readable, else a hash of the raw object' }),
    source: z.string().meta({ description: 'search | detail | webhook' }),
    run_id: z.string().nullable(),
    reason: z.string(),
    raw: z.unknown().meta({ description: 'The object as received from Bosta' }),
    first_seen_at: z.string(),
    last_seen_at: z.string(),
    occurrences: z.number().int(),
    resolved_at: z.string().nullable(),
  })
  .meta({ id: 'QuarantineItem' });
/** A quarantined delivery. */
export type QuarantineItem = z.infer<typeof QuarantineItemSchema>;

/** `GET /sync/quarantine` query: open entries by default, most recently seen first. */
export const QuarantineQuery = z.strictObject({
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  source: z.enum(['search', 'detail', 'webhook']).optional(),
  ...PageParams,
});
/** Parsed quarantine query. */
export type QuarantineQuery = z.infer<typeof QuarantineQuery>;

/** A page of quarantined deliveries. */
export const QuarantinePageSchema = PageOf(QuarantineItemSchema).meta({ id: 'QuarantinePage' });

/** What the sync service knows about its own freshness: the newest webhook and the last completed run. */
export const SyncServiceStatusSchema = z
  .object({
    last_webhook_at: z.iso.datetime({ offset: true }).nullable().meta({ description: 'When the newest webhook was received (by the gateway); null when none ever was' }),
    last_webhook_state_change_at: z.iso.datetime({ offset: true }).nullable().meta({ description: "The state time (Bosta's) that newest webhook reported" }),
    webhooks_last_hour: z.number().int().min(0).meta({ description: 'Webhooks received in the last hour (each event once: duplicates are not counted)' }),
    last_completed_run_at: z.iso.datetime({ offset: true }).nullable().meta({ description: 'When the most recently finished completed run finished' }),
    last_completed_run_mode: z.enum(['full', 'incremental']).nullable(),
  })
  .meta({ id: 'SyncServiceStatus' });
/** The sync service's `GET /status`. */
export type SyncServiceStatus = z.infer<typeof SyncServiceStatusSchema>;

/** `GET /sync/status`: the sync service's status, with the lag since the newest webhook at the gateway's `now`. */
export const SyncStatusSchema = SyncServiceStatusSchema.extend({
  lag_seconds: z.number().int().min(0).nullable().meta({ description: 'Whole seconds from last_webhook_at to now; null when no webhook was received' }),
  now: z.iso.datetime({ offset: true }).meta({ description: 'The time lag_seconds is measured at' }),
}).meta({ id: 'SyncStatus' });
/** `GET /sync/status`. */
export type SyncStatus = z.infer<typeof SyncStatusSchema>;
