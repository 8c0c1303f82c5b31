import type { ActionStatus, JobPayload, serviceActionQueue } from '@hvar/contracts';
import type { SqlTx } from '@hvar/platform';
import type { ServiceActionDeps } from '../deps.js';
import { checkTransition, returnLegPath } from '../domain/transitions.js';
import { emitServiceFacts } from '../facts/emit-facts.js';
import { addLedger, contextOf, lockAction, moveAction, type ActionRow } from './store.js';

type Event<N extends 'return-status-changed' | 'outbound-status-changed' | 'return-received' | 'inspection-completed' | 'review-decided'> = JobPayload<typeof serviceActionQueue, N>;

/** What an event did: the status it left, or why it changed nothing. */
export interface EventOutcome {
  action_id: string;
  status: ActionStatus;
  ignored?: string;
}

const piastres = (egp: number) => Math.round(egp * 100);

/** Order of a pickup's statuses: an event ranked below the stored one is late and changes nothing. */
const RETURN_RANK: Record<string, number> = { pending: 0, rejected: 0, created: 1, picked_up: 2, in_transit: 3, delivered_to_hub: 4, failed: 5, cancelled: 5 };
/** Order of an outbound delivery's statuses. */
const OUTBOUND_RANK: Record<string, number> = { pending: 0, rejected: 0, created: 1, in_transit: 2, delivered: 3, failed: 3, cancelled: 3 };
const SYSTEM = { returns: 'system:returns', hub: 'system:hub' };

/** Moves along `steps` only as far as the table allows from the current status (events never fail on a late or repeated delivery). */
async function advance(tx: SqlTx, row: ActionRow, steps: readonly ActionStatus[], actor: string, reason: string): Promise<boolean> {
  if (steps.length === 0) return false;
  let from = row.status;
  const possible: ActionStatus[] = [];
  for (const to of steps) {
    if (!checkTransition(from, to, contextOf(row)).ok) break;
    possible.push(to);
    from = to;
  }
  if (possible.length !== steps.length) return false;
  await moveAction(tx, row, possible, actor, reason);
  return true;
}

async function facts(tx: SqlTx, row: ActionRow): Promise<void> {
  await emitServiceFacts(tx, { orderIds: [row.main_order_id, row.sub_order_id, row.source_order_id].filter((o): o is string => Boolean(o)) });
}

/**
 * The return pickup changed status (returns service). `created` → `return_ordered` (tracking number
 * and courier fee recorded); `picked_up`/`in_transit` → `return_in_transit`; `failed`/`cancelled` →
 * `return_failed` with the reason to act on; `rejected` (Bosta refused the pickup, e.g. a bad address)
 * leaves the action `requested` and marks it as needing attention. A late or repeated event, or one of
 * an earlier attempt, changes nothing.
 */
export async function applyReturnStatus(tx: SqlTx, ev: Event<'return-status-changed'>, deps: ServiceActionDeps): Promise<EventOutcome> {
  const row = await lockAction(tx, ev.action_id);
  if (row.return_id !== null && row.return_id !== ev.return_id) return { action_id: row.action_id, status: row.status, ignored: `event of another pickup (${ev.return_id})` };
  if (row.return_id === ev.return_id && (RETURN_RANK[ev.status] ?? 0) < (RETURN_RANK[row.return_status ?? 'pending'] ?? 0)) {
    return { action_id: row.action_id, status: row.status, ignored: `${ev.status} is older than the pickup's ${row.return_status}` };
  }
  await tx.query(
    `update service_action.actions set return_id = $2, return_status = $3, return_tracking_number = coalesce($4, return_tracking_number), updated_at = now() where action_id = $1`,
    [row.action_id, ev.return_id, ev.status, ev.tracking_number],
  );
  const reason = `return ${ev.tracking_number ?? ev.return_id} ${ev.status}${ev.bosta_state_code === null ? '' : ` (Bosta state ${ev.bosta_state_code})`}`;
  let moved = false;
  switch (ev.status) {
    case 'rejected': {
      const why = ev.error ? `${ev.error.message} (${ev.error.code})` : 'no reason given';
      await tx.query('update service_action.actions set needs_attention = $2 where action_id = $1', [row.action_id, `Bosta refused the return pickup: ${why}. Fix the address and retry.`]);
      moved = true;
      break;
    }
    case 'created':
      moved = await advance(tx, row, returnLegPath(row.status, 'return_ordered'), SYSTEM.returns, reason);
      await tx.query('update service_action.actions set needs_attention = null where action_id = $1', [row.action_id]);
      await addLedger(tx, row.action_id, [{ entry: 'return_courier_fee', amount_piastres: ev.courier_fee === null ? deps.actions.returnPickupFeePiastres : piastres(ev.courier_fee), note: reason, replace: true }], SYSTEM.returns);
      break;
    case 'picked_up':
    case 'in_transit':
      moved = await advance(tx, row, returnLegPath(row.status, 'return_in_transit'), SYSTEM.returns, reason);
      break;
    case 'failed':
    case 'cancelled': {
      moved = await advance(tx, row, [...returnLegPath(row.status, 'return_ordered'), 'return_failed'], SYSTEM.returns, reason);
      if (moved) {
        const why = ev.error ? `: ${ev.error.message}` : '';
        await tx.query('update service_action.actions set needs_attention = $2 where action_id = $1', [row.action_id, `The return pickup ${ev.status}${why}. Retry it or cancel the case.`]);
      }
      break;
    }
    default:
      break;
  }
  await facts(tx, row);
  return moved ? { action_id: row.action_id, status: row.status } : { action_id: row.action_id, status: row.status, ignored: `${ev.status} does not move a ${row.status} action` };
}

/**
 * The outbound delivery changed status. `created`/`in_transit` → `outbound_shipped`; `delivered` →
 * `completed`, closure verified; `failed`/`cancelled` → back to `in_progress` with the reason.
 */
export async function applyOutboundStatus(tx: SqlTx, ev: Event<'outbound-status-changed'>, deps: ServiceActionDeps): Promise<EventOutcome> {
  const row = await lockAction(tx, ev.action_id);
  if (row.outbound_id !== null && row.outbound_id !== ev.outbound_id && !['failed', 'cancelled', 'rejected'].includes(row.outbound_status ?? '')) {
    return { action_id: row.action_id, status: row.status, ignored: `event of another outbound delivery (${ev.outbound_id})` };
  }
  if (row.outbound_id === ev.outbound_id && (OUTBOUND_RANK[ev.status] ?? 0) < (OUTBOUND_RANK[row.outbound_status ?? 'pending'] ?? 0)) {
    return { action_id: row.action_id, status: row.status, ignored: `${ev.status} is older than the delivery's ${row.outbound_status}` };
  }
  await tx.query(
    `update service_action.actions set outbound_id = $2, outbound_status = $3, outbound_tracking_number = coalesce($4, outbound_tracking_number), updated_at = now() where action_id = $1`,
    [row.action_id, ev.outbound_id, ev.status, ev.tracking_number],
  );
  const reason = `outbound ${ev.tracking_number ?? ev.outbound_id} ${ev.status}${ev.bosta_state_code === null ? '' : ` (Bosta state ${ev.bosta_state_code})`}`;
  let moved = false;
  const toShipped: ActionStatus[] = row.status === 'in_progress' ? ['outbound_shipped'] : [];
  switch (ev.status) {
    case 'rejected':
      await tx.query('update service_action.actions set needs_attention = $2 where action_id = $1', [row.action_id, `Bosta refused the outbound delivery: ${ev.error?.message ?? 'no reason given'}`]);
      moved = true;
      break;
    case 'created':
    case 'in_transit':
      moved = await advance(tx, row, toShipped, SYSTEM.returns, reason);
      if (ev.status === 'created') {
        await addLedger(tx, row.action_id, [{ entry: 'outbound_courier_fee', amount_piastres: ev.courier_fee === null ? deps.actions.returnPickupFeePiastres : piastres(ev.courier_fee), note: reason, replace: true }], SYSTEM.returns);
      }
      break;
    case 'delivered':
      moved = await advance(tx, row, [...toShipped, 'completed'], SYSTEM.returns, `${reason}: closed, verified by the delivery`);
      if (moved) await tx.query('update service_action.actions set closure_verified = true, needs_attention = null where action_id = $1', [row.action_id]);
      break;
    case 'failed':
    case 'cancelled':
      moved = await advance(tx, row, row.status === 'outbound_shipped' ? ['in_progress'] : [], SYSTEM.returns, reason);
      await tx.query('update service_action.actions set needs_attention = $2 where action_id = $1', [row.action_id, `The outbound delivery ${ev.status}; ship it again.`]);
      moved = true;
      break;
    default:
      break;
  }
  await facts(tx, row);
  return moved ? { action_id: row.action_id, status: row.status } : { action_id: row.action_id, status: row.status, ignored: `${ev.status} does not move a ${row.status} action` };
}

/** The hub scanned the return: → `return_received` (earlier return steps whose events were lost are walked too). */
export async function applyReturnReceived(tx: SqlTx, ev: Event<'return-received'>): Promise<EventOutcome> {
  const row = await lockAction(tx, ev.action_id);
  const moved = await advance(tx, row, returnLegPath(row.status, 'return_received'), `${SYSTEM.hub}:${ev.hub_agent}`, `scanned at ${ev.hub_name} by ${ev.hub_agent}`);
  if (moved) await tx.query(`update service_action.actions set return_status = 'delivered_to_hub', return_tracking_number = coalesce(return_tracking_number, $2), updated_at = now() where action_id = $1`, [row.action_id, ev.return_tracking_number]);
  await facts(tx, row);
  return moved ? { action_id: row.action_id, status: row.status } : { action_id: row.action_id, status: row.status, ignored: `a ${row.status} action cannot be received` };
}

/** The inspection is done: → `hub_confirmed`, and → `pending_review` when the hub's review rule requires one. */
export async function applyInspection(tx: SqlTx, ev: Event<'inspection-completed'>): Promise<EventOutcome> {
  const row = await lockAction(tx, ev.action_id);
  const steps: ActionStatus[] = [...returnLegPath(row.status, 'return_received'), 'hub_confirmed', ...(ev.review_required ? (['pending_review'] as const) : [])];
  await tx.query(
    `update service_action.actions set review_required = $2, review_decision = null, hub_quality_score = $3, hub_recommended_action = $4, updated_at = now() where action_id = $1`,
    [row.action_id, ev.review_required, ev.quality_score, ev.recommended_action],
  );
  const reasons = ev.review_required ? `; review required: ${ev.review_reasons.join(', ') || 'by the review rule'}` : '';
  const moved = await advance(tx, { ...row, review_required: ev.review_required, review_decision: null }, steps, `${SYSTEM.hub}:${ev.hub_agent}`,
    `inspected: ${ev.product_condition}, score ${ev.quality_score}, recommends ${ev.recommended_action}${reasons}`);
  if (!moved) {
    // Nothing moved: the inspection facts must not stick either.
    await tx.query('update service_action.actions set review_required = $2, review_decision = $3, hub_quality_score = $4, hub_recommended_action = $5 where action_id = $1',
      [row.action_id, row.review_required, row.review_decision, row.hub_quality_score, row.hub_recommended_action]);
    return { action_id: row.action_id, status: row.status, ignored: `a ${row.status} action cannot take an inspection` };
  }
  const final = await lockAction(tx, row.action_id);
  await facts(tx, final);
  return { action_id: row.action_id, status: final.status };
}

/** A team leader decided: approved → `hub_confirmed` (execution may start), rejected → `rejected`, requires_changes → `return_received` (inspect again). */
export async function applyReview(tx: SqlTx, ev: Event<'review-decided'>): Promise<EventOutcome> {
  const row = await lockAction(tx, ev.action_id);
  if (row.status !== 'pending_review') return { action_id: row.action_id, status: row.status, ignored: `a ${row.status} action has no review to decide` };
  const to: ActionStatus = ev.decision === 'approved' ? 'hub_confirmed' : ev.decision === 'rejected' ? 'rejected' : 'return_received';
  await moveAction(tx, row, [to], `team_leader:${ev.team_leader}`, `review ${ev.decision}${ev.notes ? `: ${ev.notes}` : ''}`);
  await tx.query(
    `update service_action.actions set review_decision = $2, approved_refund_limit_piastres = $3, updated_at = now() where action_id = $1`,
    [row.action_id, ev.decision === 'requires_changes' ? null : ev.decision, ev.decision === 'approved' && ev.approved_refund_limit !== null ? piastres(ev.approved_refund_limit) : null],
  );
  await facts(tx, row);
  return { action_id: row.action_id, status: row.status };
}
