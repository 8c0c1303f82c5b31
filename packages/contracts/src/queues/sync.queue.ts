import { z } from 'zod';
import { defineQueue, job, standardJobOptions } from '../define.js';
import { HierarchyChangedBatchSchema } from '../messages/hierarchy-changed.js';
import { OrderClassifiedBatchSchema } from '../messages/order-classified.js';
import { ServiceFactsBatchSchema } from '../messages/service-action.js';

/** A sync run as the API shows it (also the result of `start-run`). */
export const SyncRunSchema = z
  .object({
    id: z.uuid(),
    mode: z.enum(['full', 'incremental']),
    status: z.enum(['queued', 'running', 'completed', 'failed']),
    requested_by: z.string(),
    page_size: z.number().int(),
    pages_total: z.number().int().nullable(),
    pages_done: z.number().int(),
    deliveries_total: z.number().int().nullable(),
    deliveries_seen: z.number().int(),
    deliveries_written: z.number().int(),
    deliveries_unchanged: z.number().int(),
    deliveries_quarantined: z.number().int(),
    detail_calls: z.number().int(),
    errors_count: z.number().int(),
    last_error: z.string().nullable(),
    cursor_from: z.string().nullable(),
    cursor_to: z.string().nullable(),
    progress: z.number().min(0).max(1).nullable().meta({ description: 'pages_done / pages_total' }),
    deliveries_per_second: z.number().nullable(),
    eta_seconds: z.number().nullable(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .meta({ id: 'SyncRun' });
/** A sync run. */
export type SyncRun = z.infer<typeof SyncRunSchema>;

/** A webhook call the gateway authenticated and parsed; the raw body travels along for the inbox. */
export const WebhookReceivedSchema = z.object({
  received_at: z.iso.datetime({ offset: true }),
  body: z.record(z.string(), z.unknown()),
});

/** Queue of the sync service: commands from the gateway and its own long-running work. */
export const syncQueue = defineQueue({
  name: 'sync',
  consumer: 'sync',
  jobs: {
    'start-run': job({
      payload: z.object({ mode: z.enum(['full', 'incremental']), requested_by: z.string().min(1) }),
      result: SyncRunSchema,
      description: 'Command: create a sync run and queue its execution (one full run at a time).',
    }),
    'execute-run': job({
      payload: z.object({ run_id: z.uuid() }),
      description: 'Runs (or resumes after a crash) a sync run page by page.',
    }),
    'incremental-tick': job({
      payload: z.object({}),
      description: 'Repeatable: starts an incremental run unless one is already running.',
    }),
    'webhook-received': job({
      payload: WebhookReceivedSchema,
      description: 'A Bosta webhook call: applied forward-only by event time.',
    }),
    'refresh-details': job({
      payload: z.object({ tracking_numbers: z.array(z.string().regex(/^\d+$/)).min(1).max(500), reason: z.string() }),
      description: 'Fetches full delivery objects (webhook for an unknown delivery, search/detail mismatch).',
    }),
    'order-classified': job({ payload: OrderClassifiedBatchSchema, description: 'Read model: classification facts of orders (from classifier).' }),
    'hierarchy-changed': job({ payload: HierarchyChangedBatchSchema, description: 'Read model: hierarchy facts of orders (from hierarchy).' }),
    'service-facts': job({ payload: ServiceFactsBatchSchema, description: 'Read model: customer segments and service-action summaries of orders (from service-action).' }),
  },
  defaultJobOptions: standardJobOptions,
});
