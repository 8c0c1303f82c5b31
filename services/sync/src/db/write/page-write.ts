import { randomUUID } from 'node:crypto';
import type { Delivery } from '@hvar/bosta';
import { ORDER_CHANGED_MAX_BATCH, OrderChangedBatchSchema, orderChangedRoutes, type OrderChange } from '@hvar/contracts';
import type pg from 'pg';
import { chunk, toOrderChange, type WrittenRow } from '../../domain/order-change.js';
import { dedupeDeliveries, orderRowJson, timelineColumns } from '../../domain/order-row.js';
import { inTransaction } from './transaction.js';
import {
  ORDER_FACTS_SQL,
  ORDER_UPSERT_SQL,
  QUARANTINE_RESOLVE_SQL,
  QUARANTINE_UPSERT_SQL,
  TIMELINE_TRIM_SQL,
  TIMELINE_UPSERT_SQL,
} from './order-upsert.sql.js';

/** Where a batch came from; also the `source` of its order-changed messages. */
export type BatchSource = 'backfill' | 'incremental' | 'detail';

/** A delivery that could not be normalized, with the reason. */
export interface QuarantineItem {
  sourceKey: string;
  source: 'search' | 'detail';
  reason: string;
  raw: unknown;
}

/** One search page (or detail batch) ready to be written in one transaction. */
export interface BatchInput {
  source: BatchSource;
  /** Run and page: the page is recorded in `run_pages` and the run's counters move, atomically. */
  run?: { id: string; page: number | null; activeMs: number } | undefined;
  deliveries: { delivery: Delivery; raw: unknown }[];
  quarantined: QuarantineItem[];
  /** How many items the search listed (before normalization and detail calls). */
  seen: number;
  detailCalls: number;
  /** Non-fatal problems (e.g. a delivery search lists but detail does not know). */
  errors: string[];
}

/** What a batch write did. */
export interface BatchResult {
  /** False when this run page was already committed (another worker, or before a crash). */
  committed: boolean;
  written: number;
  unchanged: number;
  quarantined: number;
  changes: OrderChange[];
}

/**
 * Writes one batch in ONE transaction: the orders (multi-row upsert, unchanged rows skipped, never
 * an older state over a newer one), their timeline rows, quarantine rows (the rest of the batch
 * applies), resolution of quarantine rows that now parse, the read-model rows of new orders and of
 * orders whose state changed, the run page and counters, and one `order-changed` outbox message per
 * consumer queue carrying the changed orders.
 */
export async function writeBatch(pool: pg.Pool, input: BatchInput): Promise<BatchResult> {
  return inTransaction(pool, async (client) => {
    if (input.run?.page != null && !(await claimPage(client, input.run.id, input.run.page, input.seen))) {
      return { committed: false, written: 0, unchanged: 0, quarantined: 0, changes: [] };
    }
    const items = dedupeDeliveries(input.deliveries);
    const written = await upsertOrders(client, items);
    await writeTimelines(client, items, written);
    await writeQuarantine(client, input, items);
    const changes = items.flatMap(({ delivery }) => {
      const row = written.get(delivery.id);
      return row ? [toOrderChange(delivery, row)] : [];
    });
    await writeOrderFacts(client, changes);
    await writeOrderChanged(client, input.source, changes);
    const result = { committed: true, written: written.size, unchanged: items.length - written.size, quarantined: input.quarantined.length, changes };
    if (input.run) await bumpRun(client, input, result);
    return result;
  });
}

async function claimPage(client: pg.PoolClient, runId: string, page: number, deliveries: number): Promise<boolean> {
  const res = await client.query(
    'insert into sync.run_pages (run_id, page, deliveries) values ($1, $2, $3) on conflict do nothing',
    [runId, page, deliveries],
  );
  return res.rowCount === 1;
}

async function upsertOrders(client: pg.PoolClient, items: { delivery: Delivery; raw: unknown }[]): Promise<Map<string, WrittenRow>> {
  const out = new Map<string, WrittenRow>();
  if (items.length === 0) return out;
  const rows = items.map(({ delivery, raw }) => orderRowJson(delivery, raw).json);
  // A Buffer is encoded to UTF-8 once here; a string parameter is measured and then encoded again by pg.
  const json = Buffer.from(`[${rows.join(',')}]`);
  const res = await client.query<Omit<WrittenRow, 'version'> & { version: string }>(ORDER_UPSERT_SQL, [json, items.map(({ delivery }) => delivery.id)]);
  for (const row of res.rows) out.set(row.id, { ...row, version: Number(row.version) });
  return out;
}

async function writeTimelines(client: pg.PoolClient, items: { delivery: Delivery }[], written: Map<string, WrittenRow>): Promise<void> {
  const changed = items.filter(({ delivery }) => written.has(delivery.id));
  const steps = timelineColumns(changed.map(({ delivery }) => delivery));
  if (steps.order_id.length > 0) await client.query(TIMELINE_UPSERT_SQL, [steps.order_id, steps.seq, steps.code, steps.value, steps.at, steps.done]);
  const updated = changed.filter(({ delivery }) => written.get(delivery.id)?.inserted === false);
  if (updated.length > 0) {
    await client.query(TIMELINE_TRIM_SQL, [JSON.stringify(updated.map(({ delivery }) => ({ id: delivery.id, n: delivery.timeline.length })))]);
  }
}

async function writeQuarantine(client: pg.PoolClient, input: BatchInput, items: { delivery: Delivery }[]): Promise<void> {
  if (input.quarantined.length > 0) {
    const rows = input.quarantined.map((q) => ({ source_key: q.sourceKey, source: q.source, reason: q.reason, raw: q.raw ?? null }));
    await client.query(QUARANTINE_UPSERT_SQL, [JSON.stringify(rows), input.run?.id ?? null]);
  }
  const keys = items.flatMap(({ delivery }) => [delivery.tracking_number, `id:${delivery.id}`]);
  if (keys.length > 0) await client.query(QUARANTINE_RESOLVE_SQL, [keys]);
}

/** The read-model rows of the page's new orders, and `pending_review` for its state changes (`ORDER_FACTS_SQL`). */
async function writeOrderFacts(client: pg.PoolClient, changes: OrderChange[]): Promise<void> {
  const touched = changes.filter((c) => c.change !== 'updated');
  if (touched.length === 0) return;
  await client.query(ORDER_FACTS_SQL, [touched.map((c) => c.order_id), touched.map((c) => c.change === 'state_changed')]);
}

/**
 * One outbox message per consumer queue (chunked to the batch maximum) with the entries its route
 * accepts (none: no message); the message id is the batch id.
 */
export async function writeOrderChanged(client: pg.PoolClient, source: BatchSource | 'webhook', changes: OrderChange[]): Promise<void> {
  if (changes.length === 0) return;
  const rows: { id: string; queue: string; job_name: string; payload: unknown }[] = [];
  for (const part of chunk(changes, ORDER_CHANGED_MAX_BATCH)) {
    // Validated once per chunk; each consumer gets its own message (its own inbox key).
    const parsed = OrderChangedBatchSchema.parse({ batch_id: 'pending', source, orders: part });
    for (const route of orderChangedRoutes) {
      const orders = parsed.orders.filter(route.accepts);
      if (orders.length === 0) continue;
      const id = randomUUID();
      rows.push({ id, queue: route.queue.name, job_name: 'order-changed', payload: { ...parsed, orders, batch_id: id } });
    }
  }
  await client.query(
    `insert into sync.outbox (id, queue, job_name, payload)
     select x.id, x.queue, x.job_name, x.payload from json_to_recordset($1::json) as x(id uuid, queue text, job_name text, payload jsonb)`,
    [JSON.stringify(rows)],
  );
}

async function bumpRun(client: pg.PoolClient, input: BatchInput, result: BatchResult): Promise<void> {
  const run = input.run;
  if (!run) return;
  await client.query(
    `update sync.runs set
       pages_done = pages_done + $2, deliveries_seen = deliveries_seen + $3, deliveries_written = deliveries_written + $4,
       deliveries_unchanged = deliveries_unchanged + $5, deliveries_quarantined = deliveries_quarantined + $6,
       detail_calls = detail_calls + $7, errors_count = errors_count + $8, last_error = coalesce($9, last_error),
       active_ms = active_ms + $10
     where id = $1`,
    [
      run.id,
      run.page == null ? 0 : 1,
      input.seen,
      result.written,
      result.unchanged,
      result.quarantined,
      input.detailCalls,
      input.errors.length,
      input.errors.at(-1) ?? null,
      Math.round(run.activeMs),
    ],
  );
}
