import type { HierarchyFact } from '@hvar/contracts';
import type { SqlTx } from '@hvar/platform';

/**
 * Applies `hierarchy-changed` facts: each order's main (newer revisions only), then the links of
 * actions they concern. A case's return pickup (or outbound delivery) that the hierarchy linked
 * becomes the case's sub order when it has none; an action naming a sub order whose main it did not
 * know yet gets that main. Returns the ids of orders whose actions changed.
 */
export async function applyHierarchyFacts(tx: SqlTx, facts: readonly HierarchyFact[]): Promise<string[]> {
  const latest = new Map<string, HierarchyFact>();
  for (const f of facts) {
    const seen = latest.get(f.order_id);
    if (!seen || f.revision >= seen.revision) latest.set(f.order_id, f);
  }
  const rows = [...latest.values()].map((f) => ({
    order_id: f.order_id, tracking_number: f.tracking_number, main_order_id: f.main_order_id, main_tracking_number: f.main_tracking_number,
    hierarchy_status: f.hierarchy_status, revision: f.revision,
  }));
  const applied = await tx.query<{ order_id: string }>(
    `insert into service_action.order_mains as m (order_id, tracking_number, main_order_id, main_tracking_number, hierarchy_status, revision)
     select * from json_to_recordset($1::json) as x(order_id text, tracking_number text, main_order_id text, main_tracking_number text, hierarchy_status text, revision bigint)
     on conflict (order_id) do update set tracking_number = excluded.tracking_number, main_order_id = excluded.main_order_id,
       main_tracking_number = excluded.main_tracking_number, hierarchy_status = excluded.hierarchy_status, revision = excluded.revision
     where excluded.revision > m.revision
     returning m.order_id`,
    [JSON.stringify(rows)],
  );
  if (applied.length === 0) return [];
  const linkedSubs = await tx.query<{ action_id: string; order_id: string }>(
    `update service_action.actions a set sub_order_id = m.order_id, sub_tracking_number = m.tracking_number,
            main_order_id = coalesce(a.main_order_id, m.main_order_id), main_tracking_number = coalesce(a.main_tracking_number, m.main_tracking_number), updated_at = now()
       from service_action.order_mains m
      where m.order_id = any($1::text[]) and m.main_order_id is not null and a.sub_order_id is null
        and (a.return_tracking_number = m.tracking_number or a.outbound_tracking_number = m.tracking_number)
        and (a.main_order_id is null or a.main_order_id = m.main_order_id)
     returning a.action_id, m.order_id`,
    [applied.map((a) => a.order_id)],
  );
  const mainsFilled = await tx.query<{ action_id: string; order_id: string }>(
    `update service_action.actions a set main_order_id = m.main_order_id, main_tracking_number = m.main_tracking_number, updated_at = now()
       from service_action.order_mains m
      where m.order_id = any($1::text[]) and m.main_order_id is not null and a.main_order_id is null
        and (a.sub_order_id = m.order_id or a.source_order_id = m.order_id)
     returning a.action_id, m.main_order_id as order_id`,
    [applied.map((a) => a.order_id)],
  );
  return [...new Set([...linkedSubs, ...mainsFilled].map((r) => r.order_id))];
}
