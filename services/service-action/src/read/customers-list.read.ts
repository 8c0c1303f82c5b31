import { isYes, type CustomerPage, type CustomersQuery } from '@hvar/contracts';
import { AppError } from '@hvar/platform';
import { CUSTOMER_COLUMNS, toCustomer, type CustomerRow, type Query } from '../customers/customer.view.js';

const DAY_MS = 86_400_000;

/**
 * Sort keys as SQL expressions, each backed by an index ending in `phone` (the tie-breaker). The last
 * order sorts customers without orders as the oldest (`-infinity`), so the key is never null and
 * the keyset comparison stays a single row comparison.
 */
const SORT_KEYS = {
  last_order_at: { expr: `coalesce(c.last_order_at, '-infinity'::timestamptz)`, type: 'timestamptz' },
  total_value: { expr: 'c.total_value_piastres', type: 'bigint' },
  total_orders: { expr: 'c.total_orders', type: 'int' },
  return_rate: { expr: 'c.return_rate', type: 'numeric' },
} as const;
type SortField = keyof typeof SORT_KEYS;

/** Where the next page starts: the sort it belongs to, the last row's key (as text) and phone. */
interface Cursor {
  s: string;
  k: string;
  p: string;
}

const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

function decode(raw: string, sort: string): Cursor {
  let c: Partial<Cursor> | null = null;
  try {
    c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Cursor> | null;
  } catch {
    // handled below
  }
  if (!c || typeof c.k !== 'string' || typeof c.p !== 'string' || c.s !== sort) {
    throw new AppError('invalid_data', 'Invalid query: query.cursor is not a cursor of this list (or the sort changed)', {
      errors: [{ path: 'query.cursor', message: 'not a cursor of this list' }],
    });
  }
  return c as Cursor;
}

/** The filters as SQL conditions on `customers c` (each one index-friendly) and their parameters. */
export function customerFilters(q: CustomersQuery, now: Date): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (q.segment) add((n) => `c.segment = ${n}`, q.segment);
  // A percent, divided in numeric (exact): 33.33 means 0.3333, the stored precision.
  if (q.return_rate_min !== undefined) add((n) => `c.return_rate >= (${n}::numeric / 100)`, String(q.return_rate_min));
  if (q.order_count_min !== undefined) add((n) => `c.total_orders >= ${n}::int`, q.order_count_min);
  if (q.last_order_days !== undefined) add((n) => `${SORT_KEYS.last_order_at.expr} >= ${n}::timestamptz`, new Date(now.getTime() - q.last_order_days * DAY_MS).toISOString());
  if (q.satisfaction_min !== undefined) add((n) => `c.satisfaction_score >= ${n}::numeric`, String(q.satisfaction_min));
  if (q.city) add((n) => `lower(c.primary_city) = lower(${n})`, q.city);
  if (q.zone) add((n) => `lower(c.primary_zone) = lower(${n})`, q.zone);
  const maintenance = isYes(q.has_maintenance_orders);
  if (maintenance !== undefined) where.push(maintenance ? 'c.maintenance_orders > 0' : 'c.maintenance_orders = 0');
  return { where, params };
}

/** `GET /customers`: filtered, sorted, keyset-paginated (one indexed query per page). */
export async function listCustomers(db: Query, q: CustomersQuery, now: Date): Promise<CustomerPage> {
  const desc = q.sort.startsWith('-');
  const key = SORT_KEYS[q.sort.replace(/^-/, '') as SortField];
  const { where, params } = customerFilters(q, now);
  if (q.cursor) {
    const c = decode(q.cursor, q.sort);
    params.push(c.k, c.p);
    where.push(`(${key.expr}, c.phone) ${desc ? '<' : '>'} ($${params.length - 1}::${key.type}, $${params.length})`);
  }
  params.push(q.limit + 1);
  const dir = desc ? 'desc' : 'asc';
  const rows = await db.query<CustomerRow & { sort_key: string }>(
    // The page is chosen first; the per-row columns (service action counts) are computed for it only.
    `select ${CUSTOMER_COLUMNS}, c.sort_key from (
       select c.*, (${key.expr})::text as sort_key from service_action.customers c
       ${where.length ? `where ${where.join(' and ')}` : ''}
       order by ${key.expr} ${dir}, c.phone ${dir} limit $${params.length}) c
     order by ${key.expr} ${dir}, c.phone ${dir}`,
    params,
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(toCustomer),
    next_cursor: rows.length > q.limit && last ? encode({ s: q.sort, k: last.sort_key, p: last.phone }) : null,
  };
}
