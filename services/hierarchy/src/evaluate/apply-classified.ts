import { ConcurrentWriteError } from '@hvar/platform';
import type { OrderClassification, OrderClassifiedBatch } from '@hvar/contracts';
import { lockPhones } from '../db/phone-locks.js';
import { currentPhones, upsertProjection } from '../db/projection.write.js';
import { type SqlTx } from '../db/sql.js';
import type { HierarchySettings } from '../domain/types.js';
import { evaluateCustomers, type EvaluationResult } from './evaluate-customers.js';

/** What applying one `order-classified` batch did (the inbox keeps it as the message's result). */
export interface BatchOutcome extends EvaluationResult {
  /** Orders whose projection row was written (newer revision). */
  applied: number;
  /** Orders that changed customer (phone). */
  moved: number;
}

/**
 * Applies one classified batch inside the caller's transaction: locks every customer it touches
 * (the batch's phones and the orders' current phones, re-checked once the locks are held), upserts
 * the projection (newer revisions only), then re-evaluates the touched customers, the old customer
 * of a moved order included. A concurrent writer that slipped in between makes it run again.
 */
export async function applyClassifiedBatch(tx: SqlTx, batch: OrderClassifiedBatch, settings: HierarchySettings): Promise<BatchOutcome> {
  const orders = newestPerOrder(batch.orders);
  const ids = orders.map((o) => o.order_id);
  const stored = await lockTouchedCustomers(tx, orders, ids);
  const written = await upsertProjection(tx, orders);
  const incomingPhone = new Map(orders.map((o) => [o.order_id, o.receiver_phone]));
  const moved = new Set<string>();
  for (const row of written) {
    const before = stored.get(row.order_id);
    // Inserted by a concurrent batch after our read: its customer was not locked here.
    if (!row.inserted && before === undefined) throw new ConcurrentWriteError(`order ${row.order_id} appeared concurrently`);
    if (before !== undefined && before !== incomingPhone.get(row.order_id)) moved.add(row.order_id);
  }
  const phones = new Set<string>([...orders.map((o) => o.receiver_phone), ...stored.values()]);
  const result = await evaluateCustomers(tx, { phones: [...phones] }, { cause: 'incremental', settings, alwaysEmit: new Set(ids), moved });
  return { ...result, applied: written.length, moved: moved.size };
}

/** One entry per order (the newest revision when a batch repeats an order). */
function newestPerOrder(orders: readonly OrderClassification[]): OrderClassification[] {
  const byId = new Map<string, OrderClassification>();
  for (const order of orders) {
    const seen = byId.get(order.order_id);
    if (!seen || seen.revision < order.revision) byId.set(order.order_id, order);
  }
  return [...byId.values()];
}

/**
 * Locks the batch's phones and its orders' current phones, then reads the current phones again:
 * one that moved before our locks were held is locked too, until nothing is missing. Returns the
 * current phone of every order already projected.
 */
async function lockTouchedCustomers(tx: SqlTx, orders: readonly OrderClassification[], ids: readonly string[]): Promise<Map<string, string>> {
  const locked = new Set<string>();
  let stored = await currentPhones(tx, ids);
  let missing = [...new Set([...orders.map((o) => o.receiver_phone), ...stored.values()])];
  while (missing.length > 0) {
    await lockPhones(tx, missing);
    for (const phone of missing) locked.add(phone);
    stored = await currentPhones(tx, ids);
    missing = [...new Set(stored.values())].filter((p) => !locked.has(p));
  }
  return stored;
}
