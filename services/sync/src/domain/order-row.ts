import { createHash } from 'node:crypto';
import { DeliverySchema, type Delivery } from '@hvar/bosta';

/** Columns of `sync.orders` filled from a normalized delivery (every `Delivery` field but the timeline). */
export const DELIVERY_COLUMNS = Object.keys(DeliverySchema.shape).filter((k) => k !== 'timeline') as (keyof Omit<Delivery, 'timeline'>)[];

/** A delivery as one `sync.orders` row (column → value), ready for `json_populate_recordset`. */
export type OrderRow = Record<string, unknown> & { id: string; tracking_number: string; content_hash: string };

/** A timeline step as one `sync.timeline_events` row. */
export interface TimelineRow {
  order_id: string;
  seq: number;
  code: number | null;
  value: string;
  at: string | null;
  done: boolean;
  source: 'rest' | 'webhook';
}

const HASHED_COLUMNS = [...DELIVERY_COLUMNS.filter((c) => c !== 'shipment_fees_piastres'), 'timeline'] as (keyof Delivery)[];

/**
 * Hash of everything we map from a delivery except the detail-only shipment fees: a copy with the
 * same hash writes nothing. Fees are compared on their own, because a search copy (no fees) must
 * neither rewrite nor erase what a detail copy stored.
 */
export function contentHash(delivery: Delivery): string {
  // One string of the hashed fields' JSON in a fixed order (no object copy: a rest-spread of ~95
  // properties made this the hottest line of a search page).
  let text = '';
  for (const column of HASHED_COLUMNS) text += `${JSON.stringify(delivery[column]) ?? 'null'}\u0001`;
  return createHash('sha1').update(text).digest('base64url');
}

/** The order row of a delivery: its mapped columns, the raw Bosta object and the content hash. */
export function toOrderRow(delivery: Delivery, raw: unknown): OrderRow {
  const row: Record<string, unknown> = {};
  for (const column of DELIVERY_COLUMNS) row[column] = delivery[column];
  row.raw = raw;
  row.content_hash = contentHash(delivery);
  return row as OrderRow;
}

/** The REST timeline of a delivery as rows, `seq` being the step's position in Bosta's list. */
export function toTimelineRows(delivery: Delivery): TimelineRow[] {
  return delivery.timeline.map((step, seq) => ({
    order_id: delivery.id,
    seq,
    code: step.code,
    value: step.value,
    at: step.at,
    done: step.done,
    source: 'rest',
  }));
}

/**
 * One copy per delivery in a batch: a page can list a delivery twice while data moves under it, and
 * one upsert statement must not touch a row twice. The newer copy (by `updated_at`) wins.
 */
export function dedupeDeliveries<T extends { delivery: Delivery }>(items: readonly T[]): T[] {
  const byId = new Map<string, T>();
  const byTn = new Map<string, string>();
  for (const item of items) {
    const { id, tracking_number: tn } = item.delivery;
    const key = byTn.get(tn) ?? id;
    const seen = byId.get(key);
    if (!seen || Date.parse(item.delivery.updated_at) >= Date.parse(seen.delivery.updated_at)) byId.set(key, item);
    byTn.set(tn, key);
  }
  // Sorted by id: concurrent transactions then lock shared rows in the same order (no deadlock).
  return [...byId.values()].sort((a, b) => (a.delivery.id < b.delivery.id ? -1 : a.delivery.id > b.delivery.id ? 1 : 0));
}
