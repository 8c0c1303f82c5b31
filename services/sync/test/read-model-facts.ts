import { normalizeWebhook } from '@hvar/bosta';
import { syncQueue, type HierarchyFact, type OrderClassification } from '@hvar/contracts';
import { createQueueEvents, type Database } from '@hvar/platform';
import type { QueueEvents } from 'bullmq';
import { writeBatch } from '../src/db/write/page-write.js';
import { applyWebhook } from '../src/db/write/webhook-write.js';
import { normalized } from './harness.js';
import { rawDelivery, type RawOptions } from './raw-delivery.js';
import type { SyncStack } from './sync-stack.js';

/** The `order-classified` entry of delivery `d<n>` (see `rawDelivery`): operational, revision 1 unless overridden. */
export function classification(n: number, over: Partial<OrderClassification> = {}): OrderClassification {
  return {
    order_id: `d${n}`, tracking_number: String(50_000_000 + n), receiver_phone: '+201001234567', type_code: 10, state_code: 41,
    state_at: '2025-08-15T13:41:10.004Z', cod_piastres: 125_000, created_at: '2025-08-13T09:45:51.763Z', delivered_at: null,
    product_name: null, business_reference: null, unique_business_reference: null,
    business_category: 'Operational Order', service_type: 'operational', order_level: 0, rule_id: 'R5', rule_set_version: 1,
    revision: 1, changed: true, state_changed: false, previous_service_type: null, customer: null, ...over,
  };
}

/** The `hierarchy-changed` entry of delivery `d<n>`: unlinked, revision 1 unless overridden. */
export function hierarchyFact(n: number, over: Partial<HierarchyFact> = {}): HierarchyFact {
  return {
    order_id: `d${n}`, tracking_number: String(50_000_000 + n), hierarchy_status: 'unlinked', main_order_id: null, main_tracking_number: null,
    relationship_type: null, relationship_level: null, confidence: null, linked_by: null, state_at: '2025-08-15T13:41:10.004Z', revision: 1, ...over,
  };
}

/** A link of `d<n>` to main `d<main>`. */
export function linkedTo(n: number, main: number, over: Partial<HierarchyFact> = {}): HierarchyFact {
  return hierarchyFact(n, {
    hierarchy_status: 'linked', main_order_id: `d${main}`, main_tracking_number: String(50_000_000 + main), relationship_type: 'maintenance',
    relationship_level: 1, confidence: 0.95, linked_by: 'auto_sync', ...over,
  });
}

/** Sends read-model batches through the real sync queue and worker and waits for their outcome. */
export interface FactSender {
  classified(batchId: string, orders: OrderClassification[]): Promise<unknown>;
  hierarchy(batchId: string, orders: HierarchyFact[]): Promise<unknown>;
  /** Adds a job without the producer's parse (what a broken producer could enqueue). */
  raw(name: string, data: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/** A `FactSender` on a test stack's queue. */
export function factSender(stack: SyncStack): FactSender {
  const events: QueueEvents = createQueueEvents(syncQueue, { connection: stack.infra.workerRedis, prefix: stack.infra.prefix });
  return {
    async classified(batchId, orders) {
      const job = await stack.queue.add('order-classified', { batch_id: batchId, cause: 'order-changed', orders });
      return (await job.waitUntilFinished(events, 10_000)) as unknown;
    },
    async hierarchy(batchId, orders) {
      const job = await stack.queue.add('hierarchy-changed', { batch_id: batchId, cause: 'incremental', orders });
      return (await job.waitUntilFinished(events, 10_000)) as unknown;
    },
    async raw(name, data) {
      const job = await stack.queue.queue.add(name, data);
      return (await job.waitUntilFinished(events, 10_000)) as unknown;
    },
    close: () => events.close(),
  };
}

/** Writes deliveries through the real page-write path. */
export async function writeDeliveries(database: Database, opts: RawOptions[]): Promise<void> {
  await writeBatch(database.pool, { source: 'backfill', deliveries: opts.map((o) => normalized(rawDelivery(o))), quarantined: [], seen: opts.length, detailCalls: 0, errors: [] });
}

/** Applies a webhook state change of delivery `d<n>` through the real webhook path. */
export async function webhookState(database: Database, n: number, state: number, at: string): Promise<string> {
  const body = { _id: `d${n}`, trackingNumber: 50_000_000 + n, state, type: 'SEND', timeStamp: Date.parse(at) };
  const event = normalizeWebhook(body);
  if (!event.ok) throw new Error(event.reason);
  return (await applyWebhook(database.pool, event.value, body, new Date().toISOString())).outcome;
}

/** The read model (`sync.order_facts` row) of one order. */
export async function readModel(database: Database, n: number): Promise<Record<string, unknown> | undefined> {
  const res = await database.pool.query(
    `select business_category, service_type, order_level, classification_rule_id, classification_version, classification_revision::int,
            hierarchy_status, main_order_id, main_tracking_number, relationship_type, relationship_level, hierarchy_confidence::float8,
            hierarchy_linked_by, hierarchy_revision::int
       from sync.order_facts where order_id = $1`,
    [`d${n}`],
  );
  return res.rows[0] as Record<string, unknown> | undefined;
}
