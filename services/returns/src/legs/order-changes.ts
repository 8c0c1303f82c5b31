import type { OrderChange, OrderChangedBatch } from '@hvar/contracts';
import type { SqlTx } from '@hvar/platform';
import type { ReturnsDeps } from '../deps.js';
import { applyStates, type Applied, type StateEntry } from '../domain/apply-states.js';
import { once } from '../handlers/once.js';
import { eventsOf, writeMessages, type OutboxMessage } from './events.js';
import { addHistory, LEG_COLUMNS, queryLegs, type HistoryEntry, type LegRow } from './store.js';

/** What a batch did. */
export interface OrderChangesOutcome {
  matched: number;
  changed: number;
}

const toEntry = (o: OrderChange): StateEntry => ({
  order_id: o.order_id, tracking_number: o.tracking_number, state_code: o.state_code, state_at: new Date(o.state_at), sync_version: o.sync_version,
});

/**
 * `order-changed`: most orders of a batch are not ours. One indexed query (tracking number, or the
 * reference of a leg whose create answer was lost) finds ours; a batch with none ends there, without
 * a transaction. Otherwise, once per batch id: the legs are locked and their states applied forward
 * only, with history, and one event per status change.
 */
export async function applyOrderChanges(deps: ReturnsDeps, batch: OrderChangedBatch): Promise<OrderChangesOutcome> {
  const tns = [...new Set(batch.orders.map((o) => o.tracking_number))];
  const ubrs = [...new Set(batch.orders.flatMap((o) => (o.unique_business_reference ? [o.unique_business_reference] : [])))];
  const ours = await deps.database.pool.query<{ return_id: string }>(
    'select return_id from returns.legs where tracking_number = any($1::text[]) or unique_business_reference = any($2::text[])',
    [tns, ubrs],
  );
  if (ours.rows.length === 0) return { matched: 0, changed: 0 };
  return once(deps, 'order-changed', batch.batch_id, (tx) => applyToLegs(tx, batch, ours.rows.map((r) => r.return_id)));
}

/** The entries of a leg: its tracking number's, or (not yet known) its reference's. */
function entriesOf(leg: LegRow, byTn: Map<string, OrderChange[]>, byUbr: Map<string, OrderChange[]>): StateEntry[] {
  const list = leg.tracking_number !== null ? byTn.get(leg.tracking_number) : byUbr.get(leg.unique_business_reference);
  return (list ?? []).map(toEntry);
}

function group(orders: readonly OrderChange[], keyOf: (o: OrderChange) => string | null): Map<string, OrderChange[]> {
  const map = new Map<string, OrderChange[]>();
  for (const o of orders) {
    const k = keyOf(o);
    if (k !== null) map.set(k, [...(map.get(k) ?? []), o]);
  }
  return map;
}

async function applyToLegs(tx: SqlTx, batch: OrderChangedBatch, ids: string[]): Promise<OrderChangesOutcome> {
  const legs = await queryLegs(tx, `select ${LEG_COLUMNS} from returns.legs l where l.return_id = any($1::uuid[]) order by l.return_id for update`, [ids]);
  const byTn = group(batch.orders, (o) => o.tracking_number);
  const byUbr = group(batch.orders, (o) => o.unique_business_reference);
  const updates: { return_id: string; applied: Applied }[] = [];
  for (const leg of legs) {
    const applied = applyStates(leg, entriesOf(leg, byTn, byUbr));
    if (applied) updates.push({ return_id: leg.return_id, applied });
  }
  if (updates.length === 0) return { matched: legs.length, changed: 0 };
  const after = await writeStates(tx, updates);
  const history: HistoryEntry[] = [];
  const events: OutboxMessage[] = [];
  for (const { return_id, applied } of updates) {
    const leg = after.get(return_id);
    if (!leg) continue;
    let announceTracking = applied.trackingGained;
    for (const step of applied.steps) {
      history.push({ return_id, status: step.status, bosta_state_code: step.bosta_state_code, at: step.at, note: null });
      if (!step.changed) continue;
      events.push(...eventsOf({ leg: { ...leg, bosta_state_code: step.bosta_state_code }, status: step.status, at: step.at, error: null, trackingGained: announceTracking }));
      announceTracking = false;
    }
  }
  await addHistory(tx, history);
  await writeMessages(tx, events);
  return { matched: legs.length, changed: updates.reduce((n, u) => n + u.applied.steps.filter((s) => s.changed).length, 0) };
}

/** One statement for every updated leg; answers the legs as they are now. */
async function writeStates(tx: SqlTx, updates: readonly { return_id: string; applied: Applied }[]): Promise<Map<string, LegRow>> {
  const rows = await queryLegs(tx, 
    `update returns.legs l set status = u.status, tracking_number = u.tracking_number, bosta_delivery_id = u.bosta_delivery_id,
            bosta_state_code = u.bosta_state_code, state_at = u.state_at, sync_version = u.sync_version, updated_at = now()
       from json_to_recordset($1::json) as u(return_id uuid, status text, tracking_number text, bosta_delivery_id text, bosta_state_code int, state_at timestamptz, sync_version bigint)
      where l.return_id = u.return_id
      returning ${LEG_COLUMNS}`,
    [JSON.stringify(updates.map(({ return_id, applied: { state } }) => ({
      return_id, status: state.status, tracking_number: state.tracking_number, bosta_delivery_id: state.bosta_delivery_id,
      bosta_state_code: state.bosta_state_code, state_at: state.state_at?.toISOString() ?? null, sync_version: state.sync_version,
    })))],
  );
  return new Map(rows.map((r) => [r.return_id, r]));
}
