import type { HubAnalytics, HubPerformance } from '@hvar/contracts';
import type { SqlTx } from '@hvar/platform';

type Db = Pick<SqlTx, 'query'>;

interface PerformanceRow extends HubPerformance {
  set: 'overall' | 'confirmation_type' | 'hub_name' | 'hub_agent';
  key: string | null;
}

/** The performance of every group in one pass (grouping sets): overall, per confirmation type, per hub, per agent. */
async function performance(db: Db): Promise<PerformanceRow[]> {
  return db.query<PerformanceRow>(
    `select case when grouping(w.confirmation_type) = 0 then 'confirmation_type' when grouping(w.hub_name) = 0 then 'hub_name'
                 when grouping(w.hub_agent) = 0 then 'hub_agent' else 'overall' end as set,
            coalesce(w.confirmation_type, w.hub_name, w.hub_agent) as key,
            count(*)::int as workflows,
            count(w.scanned_at)::int as scanned,
            count(w.inspection_id)::int as inspected,
            (count(*) filter (where w.status = 'confirmed'))::int as confirmed,
            (count(*) filter (where w.status = 'rejected'))::int as rejected,
            round(avg(i.quality_score), 2)::float8 as average_quality_score,
            round((count(*) filter (where w.inspection_id is not null and w.review_required))::numeric / nullif(count(w.inspection_id), 0), 4)::float8 as review_rate,
            round((avg(extract(epoch from w.confirmed_at - w.scanned_at) / 60) filter (where w.status = 'confirmed' and w.scanned_at is not null))::numeric, 2)::float8
              as average_scan_to_confirm_minutes
       from hub.workflows w left join hub.inspections i on i.inspection_id = w.inspection_id
      group by grouping sets ((), (w.confirmation_type), (w.hub_name), (w.hub_agent))`,
  );
}

const EMPTY: HubPerformance = { workflows: 0, scanned: 0, inspected: 0, confirmed: 0, rejected: 0, average_quality_score: null, review_rate: null, average_scan_to_confirm_minutes: null };
const strip = ({ set: _set, key: _key, ...perf }: PerformanceRow): HubPerformance => perf;

/** Hub analytics (domain.md §8): by confirmation type and status, quality, review rate and reasons, scan-to-confirm time, per hub and per agent. */
export async function hubAnalytics(db: Db): Promise<HubAnalytics> {
  const perf = await performance(db);
  const statuses = await db.query<{ confirmation_type: HubAnalytics['by_confirmation_type_and_status'][number]['confirmation_type']; status: HubAnalytics['by_confirmation_type_and_status'][number]['status']; count: number }>(
    `select confirmation_type, status, count(*)::int as count from hub.workflows group by confirmation_type, status order by confirmation_type, status`,
  );
  const [decisions] = await db.query<{ pending: number; approved: number; rejected: number; requires_changes: number }>(
    `select (select count(*) from hub.workflows where review_pending)::int as pending,
            (count(*) filter (where decision = 'approved'))::int as approved,
            (count(*) filter (where decision = 'rejected'))::int as rejected,
            (count(*) filter (where decision = 'requires_changes'))::int as requires_changes
       from hub.reviews`,
  );
  const reasons = await db.query<{ code: string; count: number }>(
    `select split_part(r.reason, ':', 1) as code, count(distinct w.workflow_id)::int as count
       from hub.workflows w cross join lateral jsonb_array_elements_text(w.review_reasons) as r(reason)
      where w.review_required group by 1 order by 1`,
  );
  const by_status: Record<string, number> = {};
  for (const s of statuses) by_status[s.status] = (by_status[s.status] ?? 0) + s.count;
  const groups = (set: PerformanceRow['set']) => perf.filter((r) => r.set === set && r.key !== null).sort((a, b) => b.workflows - a.workflows || String(a.key).localeCompare(String(b.key)));
  const overall = perf.find((r) => r.set === 'overall');
  return {
    total: overall?.workflows ?? 0,
    by_status,
    by_confirmation_type: groups('confirmation_type').map((r) => ({ confirmation_type: r.key as HubAnalytics['by_confirmation_type'][number]['confirmation_type'], ...strip(r) })),
    by_confirmation_type_and_status: statuses,
    overall: overall ? strip(overall) : EMPTY,
    reviews: { ...(decisions ?? { pending: 0, approved: 0, rejected: 0, requires_changes: 0 }), by_reason: Object.fromEntries(reasons.map((r) => [r.code, r.count])) },
    by_hub: groups('hub_name').map((r) => ({ hub_name: r.key ?? '', ...strip(r) })),
    by_agent: groups('hub_agent').map((r) => ({ hub_agent: r.key ?? '', ...strip(r) })),
  };
}
