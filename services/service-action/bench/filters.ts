import { CustomersQuery } from '@hvar/contracts';
import type pg from 'pg';
import { listCustomers } from '../src/read/customers-list.read.js';
import type { Target } from './load.js';

const LIST = '/api/v1/customers';

/** The three filter examples of the issue, word for word. */
const SEED_EXAMPLES: Target[] = [
  { label: 'return_rate_min=20&order_count_min=5', path: `${LIST}?return_rate_min=20&order_count_min=5` },
  { label: 'segment=vip&last_order_days=30&satisfaction_min=0.8', path: `${LIST}?segment=vip&last_order_days=30&satisfaction_min=0.8` },
  { label: 'segment=problematic&has_maintenance_orders=true', path: `${LIST}?segment=problematic&has_maintenance_orders=true` },
];

/** The biggest city and a mid-sized zone of the built customers (real values, so the filters match rows). */
async function places(pool: pg.Pool): Promise<{ city: string; zone: string }> {
  const { rows } = await pool.query<{ city: string | null; zone: string | null }>(`select
      (select primary_city from service_action.customers where primary_city is not null group by 1 order by count(*) desc limit 1) as city,
      (select primary_zone from service_action.customers where primary_zone is not null group by 1 order by count(*) desc offset 10 limit 1) as zone`);
  const row = rows[0];
  if (!row?.city || !row.zone) throw new Error('the built customers have no city or zone');
  return { city: row.city, zone: row.zone };
}

/** The `next_cursor` of a first page, fetched through the gateway (the second-page targets use it). */
async function nextCursor(baseUrl: string, apiKey: string, path: string): Promise<string> {
  const res = await fetch(new URL(path, baseUrl), { headers: { authorization: `Bearer ${apiKey}` } });
  const body = (await res.json()) as { next_cursor?: string | null };
  if (res.status !== 200 || !body.next_cursor) throw new Error(`${path}: ${res.status}, no next page (${JSON.stringify(body).slice(0, 200)})`);
  return body.next_cursor;
}

/**
 * What an agent's customer list asks for: the plain first page, the three examples, city and
 * zone, the other segments, recent buyers, top customers by value, and second pages by cursor.
 */
export async function customerTargets(pool: pg.Pool, baseUrl: string, apiKey: string): Promise<Target[]> {
  const { city, zone } = await places(pool);
  const c = encodeURIComponent(city);
  const z = encodeURIComponent(zone);
  const firstPages = {
    plain: LIST,
    vip: `${LIST}?segment=vip`,
    city: `${LIST}?city=${c}`,
  };
  const targets: Target[] = [
    { label: 'first page (no filter)', path: firstPages.plain },
    ...SEED_EXAMPLES,
    { label: `city=${city}`, path: firstPages.city },
    { label: `zone=${zone}&segment=regular`, path: `${LIST}?zone=${z}&segment=regular` },
    { label: 'segment=new&last_order_days=7', path: `${LIST}?segment=new&last_order_days=7` },
    { label: 'segment=vip&sort=-total_value', path: `${LIST}?segment=vip&sort=-total_value` },
    { label: 'order_count_min=3&limit=20', path: `${LIST}?order_count_min=3&limit=20` },
  ];
  for (const [name, path] of Object.entries(firstPages)) {
    const cursor = await nextCursor(baseUrl, apiKey, path);
    targets.push({ label: `second page (${name})`, path: `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` });
  }
  return targets;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the exact SQL `listCustomers` runs for a target: it is called with a
 * query function that explains instead of fetching (and so gets no rows back).
 */
export async function explainTarget(pool: pg.Pool, target: Target, now: Date): Promise<string> {
  const query = CustomersQuery.parse(Object.fromEntries(new URL(target.path, 'http://x').searchParams));
  let plan = '';
  await listCustomers({
    query: async <Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> => {
      const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql}`, [...params]);
      plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      return [];
    },
  }, query, now);
  return plan;
}
