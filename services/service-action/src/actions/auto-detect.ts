import { randomUUID } from 'node:crypto';
import type { ActionType, OrderClassification } from '@hvar/contracts';
import type { SqlTx } from '@hvar/platform';
import type { ServiceActionDeps } from '../deps.js';
import { nextCaseNumbers, recordCreation, refreshActionCounts } from './store.js';

/** Bosta states that end a delivery without it being delivered or returned: an automatic action of it is cancelled. */
const ABANDONED_STATES = [48, 49];
const DELIVERED = 45;
const RETURNED = 46;
const ACTOR = 'system:auto-detect';

/**
 * The automatic action an order calls for (domain.md §6): a delivery returned to the business (state
 * 46) → `return_refund`; an order classified `maintenance` or `service` → that type. Null otherwise.
 */
export function autoActionType(order: Pick<OrderClassification, 'state_code' | 'service_type'>): ActionType | null {
  if (order.state_code === RETURNED) return 'return_refund';
  if (order.service_type === 'maintenance' || order.service_type === 'service') return order.service_type;
  return null;
}

/** The final state of an automatic action's source order: 45 for maintenance/service, 46 for return_refund. */
export function finalStateOf(type: ActionType): number {
  return type === 'return_refund' ? RETURNED : DELIVERED;
}

/**
 * Opens and follows automatic actions for orders just projected (newer revisions only), except for
 * deliveries that are legs of one of our cases. Opening is idempotent per source tracking number and
 * type (a partial unique index; duplicates and retries insert nothing). Then every automatic action
 * of these orders follows its source: completed and closure-verified when the source reached its
 * final state, cancelled when it was terminated or cancelled at Bosta. Returns the ids of the orders whose actions changed.
 */
export async function followOrders(tx: SqlTx, orders: readonly OrderClassification[], deps: ServiceActionDeps): Promise<string[]> {
  const candidates = orders.flatMap((o) => {
    const type = autoActionType(o);
    return type ? [{ order: o, type }] : [];
  });
  const touched = new Set<string>();
  if (candidates.length > 0) {
    // A case's own legs (reference `<case number>-P1`, `-O1`, see returns' legReference) are not the
    // customer's orders: the repaired unit delivered or the pickup returned to us opens nothing.
    const fresh = await tx.query<{ tracking_number: string; action_type: string }>(
      `select x.t as tracking_number, x.a as action_type from unnest($1::text[], $2::text[], $3::text[]) as x(t, a, ubr)
        where not exists (select 1 from service_action.actions s where s.auto_detected and s.source_tracking_number = x.t and s.action_type = x.a)
          and not exists (select 1 from service_action.actions c where c.case_number = substring(x.ubr from '^(SA-[0-9]{4}-[0-9]+)-[PO][0-9]+$'))`,
      [candidates.map((c) => c.order.tracking_number), candidates.map((c) => c.type), candidates.map((c) => c.order.unique_business_reference)],
    );
    const wanted = new Set(fresh.map((f) => `${f.tracking_number}:${f.action_type}`));
    const toOpen = candidates.filter((c) => wanted.has(`${c.order.tracking_number}:${c.type}`));
    if (toOpen.length > 0) {
      const numbers = await nextCaseNumbers(tx, toOpen.length, deps.now());
      const rows = toOpen.map((c, i) => ({
        action_id: randomUUID(), case_number: numbers[i], phone: c.order.receiver_phone, action_type: c.type, order_id: c.order.order_id,
        tracking_number: c.order.tracking_number, product_name: c.order.product_name,
        reason: c.type === 'return_refund' ? `delivery ${c.order.tracking_number} was returned (state 46)` : `order ${c.order.tracking_number} is classified ${c.order.service_type}`,
        estimated: deps.actions.estimatedCostPiastres[c.type],
      }));
      // Two transactions racing on the same source: the unique index keeps one; this one inserts nothing.
      const inserted = await tx.query<{ action_id: string; service_reason: string; phone: string }>(
        `insert into service_action.actions (action_id, case_number, phone, action_type, status, service_reason, main_order_id, main_tracking_number,
            sub_order_id, sub_tracking_number, source_order_id, source_tracking_number, auto_detected, product_name, estimated_cost_piastres, created_by)
         select x.action_id, x.case_number, x.phone, x.action_type, 'requested', x.reason, m.main_order_id, m.main_tracking_number,
                x.order_id, x.tracking_number, x.order_id, x.tracking_number, true, x.product_name, x.estimated, $2
           from json_to_recordset($1::json) as x(action_id uuid, case_number text, phone text, action_type text, order_id text, tracking_number text,
                product_name text, reason text, estimated bigint)
           left join service_action.order_mains m on m.order_id = x.order_id
         on conflict (source_tracking_number, action_type) where auto_detected do nothing
         returning action_id, service_reason, phone`,
        [JSON.stringify(rows), ACTOR],
      );
      await recordCreation(tx, inserted.map((r) => r.action_id), ACTOR, inserted.map((r) => r.service_reason));
      await tx.query(
        `insert into service_action.cost_ledger (action_id, entry, amount_piastres, note, created_by)
         select a.action_id, 'estimated', a.estimated_cost_piastres, 'default estimate for ' || a.action_type, $2
           from service_action.actions a where a.action_id = any($1::uuid[])`,
        [inserted.map((r) => r.action_id), ACTOR],
      );
      await refreshActionCounts(tx, inserted.map((r) => r.phone));
      for (const c of toOpen) touched.add(c.order.order_id);
    }
  }
  for (const id of await followSources(tx, orders)) touched.add(id);
  return [...touched];
}

/** Completes or cancels the automatic actions whose source order reached an end (set-based; each move recorded). */
async function followSources(tx: SqlTx, orders: readonly OrderClassification[]): Promise<string[]> {
  const ended = orders.filter((o) => o.state_code === DELIVERED || o.state_code === RETURNED || ABANDONED_STATES.includes(o.state_code));
  if (ended.length === 0) return [];
  const moved = await tx.query<{ action_id: string; from_status: string; to_status: string; reason: string; source_order_id: string }>(
    `with src as (select * from unnest($1::text[], $2::int[]) as x(order_id, state_code)),
     target as (
       select a.action_id, a.status as from_status, a.source_order_id,
              case when s.state_code = any($3::int[]) then 'cancelled' else 'completed' end as to_status,
              case when s.state_code = any($3::int[]) then 'source order ended in Bosta state ' || s.state_code
                   else 'source order reached its final state ' || s.state_code || ': closed, verified' end as reason
         from service_action.actions a join src s on s.order_id = a.source_order_id
        where a.auto_detected
          and ((a.status = 'requested' and ((s.state_code = 46 and a.action_type = 'return_refund') or (s.state_code = 45 and a.action_type in ('maintenance', 'service'))))
               or (s.state_code = any($3::int[]) and a.status in ('requested', 'return_ordered', 'return_in_transit', 'return_failed')))
          and a.status not in ('completed', 'cancelled', 'rejected')
        for update of a),
     upd as (
       update service_action.actions a set status = t.to_status, updated_at = now(),
              completed_at = case when t.to_status = 'completed' then now() else a.completed_at end,
              closure_verified = a.closure_verified or t.to_status = 'completed',
              cancelled_reason = case when t.to_status = 'cancelled' then t.reason else a.cancelled_reason end
         from target t where a.action_id = t.action_id
       returning a.action_id)
     select t.action_id, t.from_status, t.to_status, t.reason, t.source_order_id from target t join upd using (action_id)`,
    [ended.map((o) => o.order_id), ended.map((o) => o.state_code), ABANDONED_STATES],
  );
  if (moved.length === 0) return [];
  await tx.query(
    `insert into service_action.transitions (action_id, from_status, to_status, actor, reason)
     select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])`,
    [moved.map((m) => m.action_id), moved.map((m) => m.from_status), moved.map((m) => m.to_status), moved.map(() => ACTOR), moved.map((m) => m.reason)],
  );
  return [...new Set(moved.map((m) => m.source_order_id))];
}
