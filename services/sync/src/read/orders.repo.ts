import { AppError } from '@hvar/platform';
import type { OrderFilters, OrderSortField } from '@hvar/contracts';
import { and, asc, desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { customerFacts as c, orderFacts as f, orders as o, timelineEvents } from '../db/schema.js';
import { decodeCursor, encodeCursor, isIsoInstant } from './cursor.js';
import type { OrderRow } from './order.mapper.js';
import { orderWhere } from './order-filters.js';

// Every column but `raw` (about 3 KB a row that no API answer shows): list pages read 200 rows.
// The read model (`order_facts`, one row per order) comes with it; its key is the order's id. The
// customer's segment (`customer_facts`, one row per phone) too, when the service-action has one.
const { raw: _raw, ...orderColumns } = getTableColumns(o);
const { order_id: _orderId, ...factColumns } = getTableColumns(f);
const columns = { ...orderColumns, ...factColumns, customer_segment: c.segment };

/** Orders with their read model (every order has a facts row: the page and webhook writes insert it) and customer segment. */
const ordersWithFacts = (db: NodePgDatabase) =>
  db.select(columns).from(o).innerJoin(f, eq(f.order_id, o.id)).leftJoin(c, eq(c.phone, o.receiver_phone));

/** A sort column, how its values travel in a cursor, and its SQL type for comparing them back. */
interface SortSpec {
  /** The column, or the expression its keyset index is on (read-model columns: null as '' / -1). */
  col: AnyPgColumn | SQL;
  /**
   * The order id of the sort's table (`orders.id`, or `order_facts.order_id` for the read-model
   * sorts): the keyset index is on (col, that id), and the planner uses it only for that column.
   */
  id: AnyPgColumn;
  cast: string;
  value: (r: OrderRow) => string | number;
  /** Whether a cursor's value has this sort's type (a tampered one must be a 400, not a SQL error). */
  valid: (v: string | number) => boolean;
}

const isTime = (v: string | number): boolean => isIsoInstant(v);
const isInt = (v: string | number): boolean => typeof v === 'number' && Number.isSafeInteger(v);
const isInt32 = (v: string | number): boolean => isInt(v) && Math.abs(Number(v)) < 2 ** 31;
const isText = (v: string | number): boolean => typeof v === 'string';

const SORTS: Record<OrderSortField, SortSpec> = {
  created_at: { col: o.created_at, id: o.id, cast: 'timestamptz', value: (r) => r.created_at.toISOString(), valid: isTime },
  updated_at: { col: o.updated_at, id: o.id, cast: 'timestamptz', value: (r) => r.updated_at.toISOString(), valid: isTime },
  cod: { col: o.cod_piastres, id: o.id, cast: 'bigint', value: (r) => r.cod_piastres, valid: isInt },
  state: { col: o.state_code, id: o.id, cast: 'integer', value: (r) => r.state_code, valid: isInt32 },
  tracking_number: { col: o.tracking_number, id: o.id, cast: 'text', value: (r) => r.tracking_number, valid: isText },
  business_category: { col: sql`coalesce(${f.business_category}, '')`, id: f.order_id, cast: 'text', value: (r) => r.business_category ?? '', valid: isText },
  service_type: { col: sql`coalesce(${f.service_type}, '')`, id: f.order_id, cast: 'text', value: (r) => r.service_type ?? '', valid: isText },
  order_level: { col: sql`coalesce(${f.order_level}, -1)`, id: f.order_id, cast: 'integer', value: (r) => r.order_level ?? -1, valid: isInt32 },
  hierarchy_status: { col: f.hierarchy_status, id: f.order_id, cast: 'text', value: (r) => r.hierarchy_status, valid: isText },
};

/** One page request over orders. */
export interface OrderPageRequest {
  where: SQL | undefined;
  sort: { field: OrderSortField; desc: boolean };
  limit: number;
  cursor: string | undefined;
}

/**
 * Keyset pagination on (sort column, id): each page continues strictly after the previous page's
 * last row, so concurrent writes never duplicate rows across pages and the cost does not grow
 * with the page number (no OFFSET).
 */
export async function pageOrders(db: NodePgDatabase, req: OrderPageRequest): Promise<{ rows: OrderRow[]; next_cursor: string | null }> {
  const spec = SORTS[req.sort.field];
  const sortKey = `${req.sort.desc ? '-' : ''}${req.sort.field}`;
  const after = decodeCursor(req.cursor, sortKey);
  if (after && !spec.valid(after.value)) {
    throw new AppError('invalid_data', 'Invalid cursor: not a cursor from this API', { errors: [{ path: 'query.cursor', message: 'not a cursor from this API' }] });
  }
  const keyset = after
    ? req.sort.desc
      ? sql`(${spec.col}, ${spec.id}) < (${after.value}::${sql.raw(spec.cast)}, ${after.id})`
      : sql`(${spec.col}, ${spec.id}) > (${after.value}::${sql.raw(spec.cast)}, ${after.id})`
    : undefined;
  const dir = req.sort.desc ? desc : asc;
  const rows = await ordersWithFacts(db)
    .where(and(req.where, keyset))
    .orderBy(dir(spec.col), dir(spec.id))
    .limit(req.limit + 1);
  const items = rows.slice(0, req.limit);
  const last = items.at(-1);
  const next = rows.length > req.limit && last ? encodeCursor({ sort: sortKey, value: spec.value(last), id: last.id }) : null;
  return { rows: items, next_cursor: next };
}

/** Filters → WHERE (re-exported for the HTTP layer). */
export function whereOf(filters: OrderFilters): SQL | undefined {
  return orderWhere(filters);
}

/** One order by Bosta `_id`. */
export async function orderById(db: NodePgDatabase, id: string): Promise<OrderRow | undefined> {
  const [row] = await ordersWithFacts(db).where(eq(o.id, id)).limit(1);
  return row;
}

/** One order by tracking number. */
export async function orderByTracking(db: NodePgDatabase, trackingNumber: string): Promise<OrderRow | undefined> {
  const [row] = await ordersWithFacts(db).where(eq(o.tracking_number, trackingNumber)).limit(1);
  return row;
}

/** Condition: the order's receiver phone is this (normalized) phone (served by `orders_phone_idx`). */
export function phoneWhere(phone: string): SQL {
  return eq(o.receiver_phone, phone);
}

/** Timeline steps of an order, in the order they happened. */
export async function timelineOf(db: NodePgDatabase, orderId: string) {
  return db
    .select()
    .from(timelineEvents)
    .where(eq(timelineEvents.order_id, orderId))
    .orderBy(sql`${timelineEvents.at} asc nulls last`, asc(timelineEvents.source), asc(timelineEvents.seq));
}
