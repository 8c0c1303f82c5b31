import { randomUUID } from 'node:crypto';
import { hubQueue, returnsQueue, type JobPayload, type ServiceAction, type serviceActionQueue } from '@hvar/contracts';
import { AppError, writeOutbox, type SqlTx } from '@hvar/platform';
import { outbox } from '../db/schema.js';
import type { ServiceActionDeps } from '../deps.js';
import { isCancellable } from '../domain/transitions.js';
import { emitServiceFacts } from '../facts/emit-facts.js';
import { requestReturn, returnRequestOf } from './create.js';
import { resolveOrderLink } from './orders.js';
import { addLedger, lockAction, moveAction, transitionRefused, viewAfter, type ActionRow } from './store.js';

type Payload<N extends 'update-action' | 'cancel-action' | 'link-order' | 'retry-return'> = JobPayload<typeof serviceActionQueue, N>;

const piastres = (egp: number) => Math.round(egp * 100);

/** Facts of the orders an action names (the sync read model shows an order's service status). */
function orderIdsOf(row: Pick<ActionRow, 'main_order_id' | 'sub_order_id' | 'source_order_id'>): string[] {
  return [row.main_order_id, row.sub_order_id, row.source_order_id].filter((o): o is string => Boolean(o));
}

/** Editable fields only; a final action (completed, cancelled, rejected) is not edited (409). */
export async function updateAction(tx: SqlTx, cmd: Payload<'update-action'>): Promise<ServiceAction> {
  const row = await lockAction(tx, cmd.action_id);
  if (['completed', 'cancelled', 'rejected'].includes(row.status)) {
    throw new AppError('conflict', `action ${row.case_number} is ${row.status}; it can no longer be edited`, { code: 'action_closed', details: { status: row.status } });
  }
  const c = cmd.changes;
  const sets: string[] = [];
  const params: unknown[] = [row.action_id];
  const set = (column: string, value: unknown, cast = '') => {
    params.push(value);
    sets.push(`${column} = $${params.length}${cast}`);
  };
  if (c.action_subtype !== undefined) set('action_subtype', c.action_subtype);
  if (c.service_notes !== undefined) set('service_notes', c.service_notes);
  if (c.product_name !== undefined) set('product_name', c.product_name);
  if (c.product_sku !== undefined) set('product_sku', c.product_sku);
  if (c.product_description !== undefined) set('product_description', c.product_description);
  if (c.assigned_technician !== undefined) set('assigned_technician', c.assigned_technician);
  if (c.warranty_applies !== undefined) set('warranty_applies', c.warranty_applies);
  if (c.estimated_cost !== undefined) set('estimated_cost_piastres', piastres(c.estimated_cost));
  if (c.customer_contribution !== undefined) set('customer_contribution_piastres', piastres(c.customer_contribution));
  if (c.pickup_address !== undefined) {
    if (!['requested', 'return_failed'].includes(row.status)) {
      throw new AppError('conflict', `the pickup address can change only before the pickup exists (status is ${row.status})`, { code: 'pickup_already_ordered' });
    }
    set('pickup_address', JSON.stringify(c.pickup_address), '::jsonb');
  }
  await tx.query(`update service_action.actions set ${sets.join(', ')}, updated_at = now() where action_id = $1`, params);
  const ledger = [];
  if (c.estimated_cost !== undefined) ledger.push({ entry: 'estimated', amount_piastres: piastres(c.estimated_cost), note: 'changed by an agent', replace: true });
  if (c.customer_contribution !== undefined) ledger.push({ entry: 'customer_contribution', amount_piastres: piastres(c.customer_contribution), replace: true });
  await addLedger(tx, row.action_id, ledger, cmd.requested_by);
  return viewAfter(tx, row.action_id);
}

/** Cancels before the product is received; later → 409 listing what is allowed. */
export async function cancelAction(tx: SqlTx, cmd: Payload<'cancel-action'>, deps: ServiceActionDeps): Promise<ServiceAction> {
  const row = await lockAction(tx, cmd.action_id);
  if (!isCancellable(row.status)) throw transitionRefused(row, 'cancelled', `action ${row.case_number} cannot be cancelled once the product is received`);
  await moveAction(tx, row, ['cancelled'], cmd.requested_by, cmd.reason);
  await tx.query('update service_action.actions set cancelled_reason = $2, needs_attention = null where action_id = $1', [row.action_id, cmd.reason]);
  if (row.return_attempt > 0) {
    // The pickup is terminated at Bosta when it still can be; the hub refuses the parcel if it arrives anyway.
    const at = deps.now().toISOString();
    await writeOutbox(tx.db, outbox, { contract: returnsQueue, name: 'cancel-return', payload: { action_id: row.action_id, reason: cmd.reason, requested_at: at } });
    await writeOutbox(tx.db, outbox, { contract: hubQueue, name: 'case-cancelled', payload: { event_id: randomUUID(), action_id: row.action_id, reason: cmd.reason, at } });
  }
  await emitServiceFacts(tx, { orderIds: orderIdsOf(row) });
  return viewAfter(tx, row.action_id);
}

/** Links an action (of a customer without an order, or to another sale) to a main order of its customer. */
export async function linkActionOrder(tx: SqlTx, cmd: Payload<'link-order'>): Promise<ServiceAction> {
  const row = await lockAction(tx, cmd.action_id);
  if (['completed', 'cancelled', 'rejected'].includes(row.status)) {
    throw new AppError('conflict', `action ${row.case_number} is ${row.status}; it can no longer be linked`, { code: 'action_closed', details: { status: row.status } });
  }
  const link = await resolveOrderLink(tx, cmd.order_id, row.phone, row.action_type, true);
  await tx.query(
    `update service_action.actions set main_order_id = $2, main_tracking_number = $3,
       sub_order_id = coalesce($4, sub_order_id), sub_tracking_number = case when $4::text is null then sub_tracking_number else $5 end,
       product_name = coalesce(product_name, $6), updated_at = now()
     where action_id = $1`,
    [row.action_id, link.main.order_id, link.main.tracking_number, link.sub?.order_id ?? null, link.sub?.tracking_number ?? null, link.main.product_name],
  );
  await tx.query(
    `insert into service_action.transitions (action_id, from_status, to_status, actor, reason) values ($1, $2, $2, $3, $4)`,
    [row.action_id, row.status, cmd.requested_by, `linked to order ${link.main.tracking_number}`],
  );
  await emitServiceFacts(tx, { orderIds: [...orderIdsOf(row), link.main.order_id, ...(link.sub ? [link.sub.order_id] : [])] });
  return viewAfter(tx, row.action_id);
}

/**
 * Requests the pickup again: after `return_failed` (back to `requested`), or while still `requested`
 * after Bosta refused the pickup (needs attention). The address may be corrected at the same time.
 */
export async function retryReturn(tx: SqlTx, cmd: Payload<'retry-return'>, deps: ServiceActionDeps): Promise<ServiceAction> {
  const row = await lockAction(tx, cmd.action_id);
  if (row.on_site) throw new AppError('conflict', `action ${row.case_number} is on site; it has no return pickup`, { code: 'on_site' });
  const waitingAfterRefusal = row.status === 'requested' && row.needs_attention !== null;
  if (row.status !== 'return_failed' && !waitingAfterRefusal) {
    throw new AppError('conflict', `the pickup can be requested again only after it failed or was refused (status is ${row.status})`, {
      code: 'retry_not_needed', details: { status: row.status, needs_attention: row.needs_attention },
    });
  }
  if (row.status === 'return_failed') await moveAction(tx, row, ['requested'], cmd.requested_by, cmd.reason);
  const attempt = row.return_attempt + 1;
  await tx.query(
    `update service_action.actions set return_attempt = $2, needs_attention = null, return_status = null, return_id = null, return_tracking_number = null,
       pickup_address = coalesce($3::jsonb, pickup_address), updated_at = now() where action_id = $1`,
    [row.action_id, attempt, cmd.pickup_address ? JSON.stringify(cmd.pickup_address) : null],
  );
  const view = await viewAfter(tx, row.action_id);
  await requestReturn(tx, returnRequestOf({ ...row, pickup_address: view.pickup_address }, view.customer_name), attempt, deps.now());
  await emitServiceFacts(tx, { orderIds: orderIdsOf(row) });
  return viewAfter(tx, row.action_id);
}
