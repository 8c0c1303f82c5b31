import type { Customer, CustomerSegment } from '@hvar/contracts';
import type { SqlTx } from '@hvar/platform';

/** Read access (a transaction or the pool). */
export type Query = Pick<SqlTx, 'query'>;

/** A timestamp column as ISO 8601 text (the same from a drizzle transaction and the pool). */
export const isoCol = (expr: string, as: string) => `to_json(${expr})#>>'{}' as ${as}`;

/** Columns of `service_action.customers c` that `toCustomer` reads. */
export const CUSTOMER_COLUMNS = `c.phone, c.first_name, c.last_name, c.full_name, c.email, c.primary_city, c.primary_zone,
  c.primary_district, c.primary_address, c.total_orders, c.total_value_piastres::text as total_value_piastres,
  c.avg_order_value_piastres::text as avg_order_value_piastres, ${isoCol('c.first_order_at', 'first_order_at')},
  ${isoCol('c.last_order_at', 'last_order_at')}, c.delivered_main_orders, c.returned_orders, c.maintenance_orders,
  c.return_rate::text as return_rate, c.satisfaction_score::text as satisfaction_score, c.segment, c.segment_reason,
  (select count(*)::int from service_action.actions a where a.phone = c.phone) as service_actions, c.erased, c.created_by,
  ${isoCol('c.created_at', 'created_at')}, ${isoCol('c.updated_at', 'updated_at')}`;

/** A customer row as `CUSTOMER_COLUMNS` reads it. */
export interface CustomerRow {
  phone: string;
  first_name: string | null;
  last_name: string | null;
  full_name: string | null;
  email: string | null;
  primary_city: string | null;
  primary_zone: string | null;
  primary_district: string | null;
  primary_address: string | null;
  total_orders: number;
  total_value_piastres: string;
  avg_order_value_piastres: string;
  first_order_at: string | null;
  last_order_at: string | null;
  delivered_main_orders: number;
  returned_orders: number;
  maintenance_orders: number;
  return_rate: string;
  satisfaction_score: string | null;
  segment: string;
  segment_reason: string;
  service_actions: number;
  erased: boolean;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** ISO text from PostgreSQL → the API's `...Z` form. */
export const iso = (value: string): string => new Date(value).toISOString();
const isoOrNull = (value: string | null): string | null => (value === null ? null : iso(value));

/** A stored customer → the API shape (EGP from piastres, shares as numbers). */
export function toCustomer(r: CustomerRow): Customer {
  return {
    phone: r.phone, first_name: r.first_name, last_name: r.last_name, full_name: r.full_name, email: r.email,
    primary_city: r.primary_city, primary_zone: r.primary_zone, primary_district: r.primary_district, primary_address: r.primary_address,
    total_orders: r.total_orders, total_value: Number(r.total_value_piastres) / 100, avg_order_value: Number(r.avg_order_value_piastres) / 100,
    first_order_date: isoOrNull(r.first_order_at), last_order_date: isoOrNull(r.last_order_at),
    delivered_main_orders: r.delivered_main_orders, returned_orders: r.returned_orders, maintenance_orders: r.maintenance_orders,
    return_rate: Number(r.return_rate), satisfaction_score: r.satisfaction_score === null ? null : Number(r.satisfaction_score),
    customer_segment: r.segment as CustomerSegment, segment_reason: r.segment_reason, service_actions: r.service_actions,
    erased: r.erased, created_by: r.created_by, created_at: iso(r.created_at), updated_at: iso(r.updated_at),
  };
}

/** The customer of `phone`, or null. */
export async function findCustomer(q: Query, phone: string): Promise<Customer | null> {
  const [row] = await q.query<CustomerRow>(`select ${CUSTOMER_COLUMNS} from service_action.customers c where c.phone = $1`, [phone]);
  return row ? toCustomer(row) : null;
}
