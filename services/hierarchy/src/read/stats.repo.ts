import { SUB_SERVICE_TYPES, type HierarchyAnalyticsView, type HierarchyProcessingStatus, type RelationshipType } from '@hvar/contracts';
import { isoSql } from '../db/links.read.js';
import type { SqlTx } from '../db/sql.js';

type Query = Pick<SqlTx, 'query'>;

/** Counts by hierarchy status (linked = an active link as sub; main = an unlinked main; the rest unlinked). */
export async function statusCounts(tx: Query): Promise<Pick<HierarchyProcessingStatus, 'orders' | 'by_status' | 'active_links'>> {
  const [row] = await tx.query<{ total: number; mains: number; linked: number; linked_mains: number }>(
    `select (select count(*) from hierarchy.orders)::int as total,
            (select count(*) from hierarchy.orders where service_type = 'main')::int as mains,
            (select count(*) from hierarchy.links where active)::int as linked,
            (select count(*) from hierarchy.links l join hierarchy.orders o on o.order_id = l.sub_order_id
              where l.active and o.service_type = 'main')::int as linked_mains`,
  );
  const total = row?.total ?? 0;
  const linked = row?.linked ?? 0;
  const main = (row?.mains ?? 0) - (row?.linked_mains ?? 0);
  return { orders: total, active_links: linked, by_status: { main, linked, unlinked: total - linked - main } };
}

/** The newest evaluation and when the last classified batch was applied. */
export async function lastActivity(tx: Query): Promise<{ last_evaluation: HierarchyProcessingStatus['last_evaluation']; last_applied_at: string | null }> {
  const evaluations = await tx.query<NonNullable<HierarchyProcessingStatus['last_evaluation']>>(
    `select revision::float8 as revision, cause, customers, facts, ${isoSql('at')} as at from hierarchy.evaluations order by revision desc limit 1`,
  );
  // Every applied batch writes an evaluation: the newest incremental one (backwards on the primary key).
  const applied = await tx.query<{ at: string | null }>(
    `select ${isoSql('at')} as at from hierarchy.evaluations where cause = 'incremental' order by revision desc limit 1`,
  );
  return { last_evaluation: evaluations[0] ?? null, last_applied_at: applied[0]?.at ?? null };
}

/**
 * Hierarchy analytics in SQL over every order and active link (the same definitions as the
 * domain's `analyticsOf`, without loading the order book into memory).
 */
export async function analytics(tx: Query): Promise<HierarchyAnalyticsView> {
  const [subs] = await tx.query<{ subs: number; linked: number }>(
    `select count(*)::int as subs, count(l.sub_order_id)::int as linked
       from hierarchy.orders o left join hierarchy.links l on l.sub_order_id = o.order_id and l.active
      where o.service_type = any($1::text[])`,
    [SUB_SERVICE_TYPES],
  );
  const [links] = await tx.query<{ n: number; auto: number; avg: number | null; customers: number; mains: number }>(
    `select count(*)::int as n, count(*) filter (where linked_by = 'auto_sync')::int as auto,
            round(avg(confidence), 4)::float8 as avg, count(distinct phone)::int as customers, count(distinct main_order_id)::int as mains
       from hierarchy.links where active`,
  );
  const byType = await tx.query<{ t: RelationshipType; n: number }>(
    'select relationship_type as t, count(*)::int as n from hierarchy.links where active group by 1',
  );
  const [max] = await tx.query<{ m: number }>(
    'select coalesce(max(n), 0)::int as m from (select count(*) as n from hierarchy.links where active group by main_order_id) s',
  );
  const by_relationship_type: Record<RelationshipType, number> = { maintenance: 0, service: 0, return: 0, refund: 0, other: 0 };
  for (const row of byType) by_relationship_type[row.t] = row.n;
  const n = links?.n ?? 0;
  const mains = links?.mains ?? 0;
  return {
    subs: subs?.subs ?? 0,
    linked_subs: subs?.linked ?? 0,
    coverage: ratio(subs?.linked ?? 0, subs?.subs ?? 0),
    by_relationship_type,
    average_confidence: n === 0 ? null : (links?.avg ?? null),
    auto_links: links?.auto ?? 0,
    manual_links: n - (links?.auto ?? 0),
    customers_with_hierarchy: links?.customers ?? 0,
    mains_with_subs: mains,
    avg_subs_per_main: ratio(n, mains),
    max_subs_per_main: max?.m ?? 0,
  };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}
