import type { HierOrder, StoredLink, SubLock } from '../domain/types.js';
import type { SqlTx } from './sql.js';

/** An active link as loaded, with the customer it was made for. */
export type LoadedLink = StoredLink & { phone: string };

/** Everything the engine needs about a set of customers (phones). */
export interface CustomersState {
  orders: HierOrder[];
  links: LoadedLink[];
  locks: SubLock[];
}

/** Which customers to load: a list of phones, or the phones in (after, last] (a detection chunk). */
export type CustomerSelection = { phones: readonly string[] } | { after: string; last: string };

// Times as epoch ms and money as float8 (exact to 2^53): numbers for the engine, no Date parsing.
const ORDER_COLUMNS = `o.order_id, o.tracking_number, o.phone, o.service_type, o.state_code,
  (extract(epoch from o.state_at) * 1000)::float8 as state_at,
  (extract(epoch from o.created_at) * 1000)::float8 as created_at,
  o.cod_piastres::float8 as cod_piastres, o.product_name`;

const LINK_COLUMNS = `l.id::text as id, l.main_order_id, l.sub_order_id, l.phone, l.relationship_type, l.relationship_level,
  l.business_rule, l.confidence::float8 as confidence, l.confidence_reasons, l.linked_by, l.locked`;

function where(column: string, selection: CustomerSelection): { clause: string; params: unknown[] } {
  if ('phones' in selection) return { clause: `${column} = any($1::text[])`, params: [selection.phones] };
  return { clause: `${column} > $1 and ${column} <= $2`, params: [selection.after, selection.last] };
}

/** Orders, active links and locks of the selected customers, in three set-based queries. */
export async function loadCustomers(tx: SqlTx, selection: CustomerSelection): Promise<CustomersState> {
  const byOrder = where('o.phone', selection);
  const byLink = where('l.phone', selection);
  const orders = await tx.query<HierOrder>(`select ${ORDER_COLUMNS} from hierarchy.orders o where ${byOrder.clause}`, byOrder.params);
  const links = await tx.query<LoadedLink>(`select ${LINK_COLUMNS} from hierarchy.links l where l.active and ${byLink.clause}`, byLink.params);
  const locks = await tx.query<SubLock>(
    `select k.order_id, k.kind from hierarchy.locks k join hierarchy.orders o on o.order_id = k.order_id where ${byOrder.clause}`,
    byOrder.params,
  );
  return { orders, links, locks };
}

/** One order by `_id` or tracking number (null when unknown). */
export async function findOrder(tx: Pick<SqlTx, 'query'>, ref: string): Promise<HierOrder | null> {
  const rows = await tx.query<HierOrder>(
    `select ${ORDER_COLUMNS} from hierarchy.orders o where o.order_id = $1 or o.tracking_number = $1 order by (o.order_id = $1) desc limit 1`,
    [ref],
  );
  return rows[0] ?? null;
}

/** The orders of one customer. */
export async function ordersOfPhone(tx: Pick<SqlTx, 'query'>, phone: string): Promise<HierOrder[]> {
  return tx.query<HierOrder>(`select ${ORDER_COLUMNS} from hierarchy.orders o where o.phone = $1`, [phone]);
}

/** The active links of one customer. */
export async function activeLinksOfPhone(tx: Pick<SqlTx, 'query'>, phone: string): Promise<LoadedLink[]> {
  return tx.query<LoadedLink>(`select ${LINK_COLUMNS} from hierarchy.links l where l.active and l.phone = $1`, [phone]);
}
