import { sql, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { orderFacts as f, orders as o } from '../db/schema.js';

/** States after which a delivery no longer moves (bosta-api.md §5). */
export const FINAL_STATES = [45, 46, 48, 49, 60, 100, 101, 104] as const;

type Raw = Record<string, unknown>;

const whereClause = (where: SQL | undefined): SQL => (where ? sql`where ${where}` : sql``);
/**
 * The filtered orders with their read model. A LEFT JOIN: PostgreSQL drops it when no read-model
 * filter is used (unique key, no column read), and a read-model filter (strict) makes it an inner join.
 */
const ordersFrom = sql`${o} left join ${f} on ${f.order_id} = ${o.id}`;
const slaExceeded = sql`coalesce(${o.order_sla_exceeded} or ${o.e2e_sla_exceeded}, false)`;

/** Totals over the filtered orders, one scan. */
export async function orderTotals(db: NodePgDatabase, where: SQL | undefined): Promise<Raw> {
  const final = sql.raw(FINAL_STATES.join(','));
  const res = await db.execute(sql`
    select count(*)::int as total_orders,
           coalesce(sum(${o.cod_piastres}), 0)::text as cod_total,
           avg(${o.cod_piastres})::float8 as cod_average,
           count(*) filter (where ${o.state_code} = 45)::int as delivered,
           count(*) filter (where ${o.state_code} = 46)::int as returned,
           count(*) filter (where ${o.state_code} not in (${final}))::int as in_progress,
           count(*) filter (where ${o.state_code} = 47)::int as exceptions,
           count(*) filter (where ${slaExceeded})::int as sla_exceeded,
           count(*) filter (where coalesce(btrim(${o.description}), '') <> '' or coalesce(btrim(${o.product_name}), '') <> '')::int as with_product_description,
           count(distinct ${o.receiver_phone})::int as customers,
           avg(${o.delivery_time_hours})::float8 as average_delivery_time_hours,
           coalesce(sum(${o.bosta_fees_piastres}), 0)::text as bosta_fees_total,
           min(${o.created_at}) as first_created_at,
           max(${o.created_at}) as last_created_at,
           max(${o.last_synced_at}) as last_synced
      from ${ordersFrom} ${whereClause(where)}`);
  return res.rows[0] ?? {};
}

/** The buckets of `OrderStats`. */
export interface OrderBuckets {
  byState: Raw[];
  byType: Raw[];
  byServiceType: Raw[];
  byCity: Raw[];
  byDay: Raw[];
}

/** Most cities in `by_city` (the rest is summed as one "other" row). */
const TOP_CITIES = 20;
/** Days of `by_day` (the trend), counted back from the newest creation date in the filter. */
const TREND_DAYS = 90;

/** Count and COD per state code, type code, service type, drop-off city and creation day (Africa/Cairo) over the filtered orders. */
export async function orderBuckets(db: NodePgDatabase, where: SQL | undefined): Promise<OrderBuckets> {
  const day = sql`(${o.created_at} at time zone 'Africa/Cairo')::date`;
  const final = sql.raw(FINAL_STATES.join(','));
  const [byState, byType, byServiceType, byCity, byDay] = await Promise.all([
    db.execute(sql`
      select ${o.state_code} as code, max(${o.state_value}) as value, count(*)::int as count, coalesce(sum(${o.cod_piastres}), 0)::text as cod_total
        from ${ordersFrom} ${whereClause(where)} group by ${o.state_code} order by count(*) desc, ${o.state_code}`),
    db.execute(sql`
      select ${o.type_code} as code, max(${o.type_value}) as value, count(*)::int as count, coalesce(sum(${o.cod_piastres}), 0)::text as cod_total
        from ${ordersFrom} ${whereClause(where)} group by ${o.type_code} order by count(*) desc, ${o.type_code}`),
    db.execute(sql`
      select coalesce(${f.service_type}, 'unclassified') as value, count(*)::int as count, coalesce(sum(${o.cod_piastres}), 0)::text as cod_total
        from ${ordersFrom} ${whereClause(where)} group by 1 order by count(*) desc, 1`),
    db.execute(sql`
      with c as (
        select coalesce(${o.dropoff_city}, 'unknown') as city, count(*)::int as count, coalesce(sum(${o.cod_piastres}), 0) as cod,
               count(*) filter (where ${o.state_code} = 46)::int as returned
          from ${ordersFrom} ${whereClause(where)} group by 1),
      ranked as (select *, row_number() over (order by count desc, city) as n from c)
      select case when n <= ${sql.raw(String(TOP_CITIES))} then city else 'other' end as value, sum(count)::int as count, sum(cod)::text as cod_total, sum(returned)::int as returned
        from ranked group by 1 order by min(n)`),
    db.execute(sql`
      with f as (select ${day} as day, ${o.cod_piastres} as cod, ${o.state_code} as state, coalesce(${f.business_category}, 'unclassified') as category
                   from ${ordersFrom} ${whereClause(where)}),
           d as (select * from f where day > (select max(day) from f) - ${sql.raw(String(TREND_DAYS))}),
           c as (select day, jsonb_object_agg(category, n) as categories from (select day, category, count(*)::int as n from d group by 1, 2) x group by day)
      select d.day::text as value, count(*)::int as count, coalesce(sum(cod), 0)::text as cod_total,
             count(*) filter (where state = 45)::int as delivered,
             count(*) filter (where state = 46)::int as returned,
             count(*) filter (where state not in (${final}))::int as in_progress,
             c.categories
        from d join c using (day) group by d.day, c.categories order by d.day`),
  ]);
  return { byState: byState.rows, byType: byType.rows, byServiceType: byServiceType.rows, byCity: byCity.rows, byDay: byDay.rows };
}

/** Per state: weight, money, SLA, attempts and timings over the filtered orders. */
export async function stateAnalysis(db: NodePgDatabase, where: SQL | undefined): Promise<Raw[]> {
  const res = await db.execute(sql`
    select ${o.state_code} as state_code,
           max(${o.state_value}) as state_value,
           max(${o.masked_state}) as masked_state,
           count(*)::int as count,
           coalesce(sum(${o.cod_piastres}), 0)::text as cod_total,
           avg(${o.cod_piastres})::float8 as cod_average,
           count(*) filter (where ${slaExceeded})::int as sla_exceeded,
           avg(${o.attempts_count})::float8 as average_attempts,
           avg(${o.delivery_time_hours})::float8 as average_delivery_time_hours,
           avg(extract(epoch from (now() - ${o.state_at})) / 3600)::float8 as average_hours_in_state,
           min(${o.state_at}) as oldest_state_at,
           max(${o.state_at}) as newest_state_at
      from ${ordersFrom} ${whereClause(where)}
     group by ${o.state_code}
     order by count(*) desc, ${o.state_code}`);
  return res.rows;
}
