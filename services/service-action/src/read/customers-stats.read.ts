import type { CustomersAnalytics, CustomerSegment, CustomerStats } from '@hvar/contracts';
import type { Query } from '../customers/customer.view.js';
import { churnLevel, churnRisk } from '../domain/customer-analytics.js';

type BySegment = Record<CustomerSegment, number>;

/** Counts per segment (every segment present, 0 when empty). */
async function segmentCounts(db: Query): Promise<BySegment> {
  const rows = await db.query<{ segment: CustomerSegment; n: number }>('select segment, count(*)::int as n from service_action.customers group by segment');
  const out: BySegment = { new: 0, regular: 0, vip: 0, problematic: 0 };
  for (const r of rows) out[r.segment] = r.n;
  return out;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * `GET /customers/stats`: customers, per segment, erased, order and value totals. `avg_order_value`
 * is the mean of the customers' average order values (customers with delivered value only).
 */
export async function customerStats(db: Query): Promise<CustomerStats> {
  const [row] = await db.query<{
    total: number; with_orders: number; erased: number; orders: string; value: string; aov: string | null; rr: string | null; sat: string | null; maint: number;
  }>(
    `select count(*)::int as total, (count(*) filter (where total_orders > 0))::int as with_orders, (count(*) filter (where erased))::int as erased,
       coalesce(sum(total_orders), 0)::text as orders, coalesce(sum(total_value_piastres), 0)::text as value,
       avg(avg_order_value_piastres) filter (where avg_order_value_piastres > 0)::text as aov,
       avg(return_rate) filter (where total_orders > 0)::text as rr, avg(satisfaction_score)::text as sat,
       (count(*) filter (where maintenance_orders > 0))::int as maint
     from service_action.customers`,
  );
  const r = row ?? { total: 0, with_orders: 0, erased: 0, orders: '0', value: '0', aov: null, rr: null, sat: null, maint: 0 };
  return {
    total_customers: r.total, with_orders: r.with_orders, erased: r.erased, by_segment: await segmentCounts(db),
    total_orders: Number(r.orders), total_value: Number(r.value) / 100, avg_order_value: r.aov === null ? 0 : round(Number(r.aov) / 100, 2),
    avg_return_rate: r.rr === null ? 0 : round(Number(r.rr), 4), avg_satisfaction: r.sat === null ? null : round(Number(r.sat), 2),
    with_maintenance_orders: r.maint,
  };
}

/** Lifetime value ranges (EGP; max exclusive). */
const LTV_BUCKETS: { bucket: string; min: number; max: number | null }[] = [
  { bucket: '0-1k', min: 0, max: 1_000 },
  { bucket: '1k-5k', min: 1_000, max: 5_000 },
  { bucket: '5k-10k', min: 5_000, max: 10_000 },
  { bucket: '10k-50k', min: 10_000, max: 50_000 },
  { bucket: '50k+', min: 50_000, max: null },
];

/** Customers per lifetime value range, in one scan. */
async function ltvDistribution(db: Query): Promise<CustomersAnalytics['ltv_distribution']> {
  const cols = LTV_BUCKETS.map((b, i) =>
    `(count(*) filter (where total_value_piastres >= ${b.min * 100}${b.max === null ? '' : ` and total_value_piastres < ${b.max * 100}`}))::int as b${i}`);
  const [row] = await db.query<Record<string, number>>(`select ${cols.join(', ')} from service_action.customers`);
  return LTV_BUCKETS.map((b, i) => ({ ...b, customers: row?.[`b${i}`] ?? 0 }));
}

/**
 * Customers per churn level: the same churn rule as a single customer's analytics, fed with each
 * customer's median inter-order interval computed in SQL (window `lag`, `percentile_cont(0.5)`).
 */
async function churnBuckets(db: Query, now: Date): Promise<CustomersAnalytics['churn_risk']> {
  const rows = await db.query<{ total_orders: number; last_order_at: string | null; median: string | null }>(
    `with gaps as (
       select phone, extract(epoch from created_at - lag(created_at) over (partition by phone order by created_at)) / 86400 as gap
       from service_action.orders),
     med as (select phone, round(percentile_cont(0.5) within group (order by gap)::numeric, 2)::text as median from gaps where gap is not null group by phone)
     select c.total_orders, to_json(c.last_order_at)#>>'{}' as last_order_at, med.median
     from service_action.customers c left join med using (phone)`,
  );
  const out = { low: 0, medium: 0, high: 0, unknown: 0 };
  for (const r of rows) {
    const risk = churnRisk({ totalOrders: r.total_orders, lastOrderAt: r.last_order_at ? new Date(r.last_order_at) : null, medianIntervalDays: r.median === null ? null : Number(r.median) }, now);
    out[churnLevel(risk) ?? 'unknown'] += 1;
  }
  return out;
}

/** `GET /customers/analytics`: segment and lifetime value distributions, averages, churn levels, top customers. */
export async function customersAnalytics(db: Query, now: Date): Promise<CustomersAnalytics> {
  const [avg] = await db.query<{ n: number; ltv: string | null; rr: string | null }>(
    `select count(*)::int as n, avg(total_value_piastres)::text as ltv, avg(return_rate) filter (where total_orders > 0)::text as rr from service_action.customers`);
  const top = await db.query<{ phone: string; full_name: string | null; segment: CustomerSegment; value: string; total_orders: number }>(
    `select phone, full_name, segment, total_value_piastres::text as value, total_orders from service_action.customers
     order by total_value_piastres desc, phone desc limit 10`);
  return {
    customers: avg?.n ?? 0,
    segment_distribution: await segmentCounts(db),
    ltv_distribution: await ltvDistribution(db),
    avg_lifetime_value: avg?.ltv ? round(Number(avg.ltv) / 100, 2) : 0,
    avg_return_rate: avg?.rr ? round(Number(avg.rr), 4) : 0,
    churn_risk: await churnBuckets(db, now),
    top_customers: top.map((t) => ({ phone: t.phone, full_name: t.full_name, customer_segment: t.segment, total_value: Number(t.value) / 100, total_orders: t.total_orders })),
  };
}
