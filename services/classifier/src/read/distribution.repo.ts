import type { ClassificationDistribution, ServiceType } from '@hvar/contracts';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';

interface GroupRow extends Record<string, unknown> {
  business_category: string | null;
  service_type: ServiceType | null;
  order_level: number | null;
  rule_id: string | null;
  rule_set_version: number | null;
  count: number;
}

type Dim = 'business_category' | 'service_type' | 'order_level' | 'rule_id' | 'rule_set_version';

/** Classified orders counted by each classification field, in one scan (grouping sets). */
export async function distribution(db: NodePgDatabase): Promise<ClassificationDistribution> {
  const res = await db.execute<GroupRow>(sql`
    select business_category, service_type, order_level, rule_id, rule_set_version, count(*)::int as count
    from classifier.classifications
    group by grouping sets ((business_category), (service_type), (order_level), (rule_id), (rule_set_version), ())`);
  const active = await db.execute<{ version: number }>(sql`select version from classifier.rule_sets where active`);
  const dims: Dim[] = ['business_category', 'service_type', 'order_level', 'rule_id', 'rule_set_version'];
  // Every column is NOT NULL, so a null marks "not grouped by this column" in a grouping-sets row.
  const of = <K extends Dim>(dim: K) =>
    res.rows
      .filter((r) => r[dim] !== null && dims.every((d) => d === dim || r[d] === null))
      .map((r) => ({ value: r[dim] as NonNullable<GroupRow[K]>, count: r.count }))
      .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));
  const total = res.rows.find((r) => dims.every((d) => r[d] === null))?.count ?? 0;
  return {
    total,
    active_rule_set_version: active.rows[0]?.version ?? null,
    by_business_category: of('business_category'),
    by_service_type: of('service_type'),
    by_order_level: of('order_level'),
    by_rule_id: of('rule_id'),
    by_rule_set_version: of('rule_set_version'),
  };
}
