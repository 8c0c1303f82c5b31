import type { ActionType, JobPayload, hubQueue } from '@hvar/contracts';
import { lockKeys, type SqlTx } from '@hvar/platform';
import { randomUUID } from 'node:crypto';
import { confirmationTypeOf } from '../domain/confirmation.js';
import { RETURN_STATUS_RANK, isLaterReturnStatus } from '../domain/return-status.js';
import { findWorkflow } from './store.js';

type Ev<N extends 'return-created' | 'return-status-changed'> = JobPayload<typeof hubQueue, N>;

/** What an event did: the workflow it touched, or why it changed nothing. */
export interface EventOutcome {
  workflow_id: string | null;
  ignored?: string;
}

/** The facts a new workflow starts from. */
export interface NewWorkflow {
  action_id: string;
  case_number: string;
  action_type: ActionType;
  return_id: string | null;
  return_tracking_number: string;
  customer_phone: string;
  product_name: string | null;
  reason: string;
  hub_name: string | null;
  created_by: string;
}

/**
 * Inserts a workflow (the caller holds the case's `hub-action` lock): `pending`, or `cancelled` with
 * the reason when the case was cancelled before its return was known. The return status is the
 * pickup's, when its events came first.
 */
export async function insertWorkflow(tx: SqlTx, w: NewWorkflow, at: Date): Promise<string> {
  const id = randomUUID();
  const [cancel] = await tx.query<{ reason: string }>('select reason from hub.cancellations where action_id = $1', [w.action_id]);
  await tx.query(
    `insert into hub.workflows (workflow_id, action_id, case_number, action_type, confirmation_type, return_id, return_tracking_number, customer_phone,
       product_name, reason, status, cancelled_reason, hub_name, created_by, return_status, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
       (select status from hub.pickups where return_id = $6::text), $15, $15)`,
    [id, w.action_id, w.case_number, w.action_type, confirmationTypeOf(w.action_type), w.return_id, w.return_tracking_number, w.customer_phone,
      w.product_name, w.reason, cancel ? 'cancelled' : 'pending', cancel?.reason ?? null, w.hub_name, w.created_by, at],
  );
  await tx.query(
    `insert into hub.transitions (workflow_id, from_status, to_status, actor, reason, at)
     select $1, f, t, $4, $5, $6 from unnest($2::text[], $3::text[]) as s(f, t)`,
    [id, cancel ? [null, 'pending'] : [null], cancel ? ['pending', 'cancelled'] : ['pending'], w.created_by,
      cancel ? `expected at the hub; the case was cancelled already: ${cancel.reason}` : 'expected at the hub', at],
  );
  return id;
}

/** Records a pickup's status unless a later one is known; answers whether it was applied. */
async function recordPickup(tx: SqlTx, p: { return_id: string; action_id: string; tracking_number: string | null; status: string; bosta_state_code: number | null; at: string }): Promise<boolean> {
  const [current] = await tx.query<{ status: string }>('select status from hub.pickups where return_id = $1 for update', [p.return_id]);
  if (current && !isLaterReturnStatus(current.status, p.status)) return false;
  await tx.query(
    `insert into hub.pickups (return_id, action_id, tracking_number, status, bosta_state_code, at) values ($1, $2, $3, $4, $5, $6)
     on conflict (return_id) do update set status = excluded.status, bosta_state_code = excluded.bosta_state_code,
       tracking_number = coalesce(excluded.tracking_number, hub.pickups.tracking_number), at = excluded.at`,
    [p.return_id, p.action_id, p.tracking_number, p.status, p.bosta_state_code, p.at],
  );
  return true;
}

/** Copies a pickup's status to its workflow (found by return id, or by tracking number when registered by hand), unless the workflow knows a later one. */
async function followPickup(tx: SqlTx, returnId: string, trackingNumber: string | null, status: string, at: Date): Promise<string | null> {
  const rows = await tx.query<{ workflow_id: string }>(
    `update hub.workflows set return_id = coalesce(return_id, $1::text), return_status = $3::text, updated_at = $5
      where (return_id = $1::text or (return_id is null and return_tracking_number = $2::text))
        and coalesce(($4::jsonb ->> return_status)::int, -1) <= ($4::jsonb ->> $3::text)::int
      returning workflow_id`,
    [returnId, trackingNumber, status, JSON.stringify(RETURN_STATUS_RANK), at],
  );
  return rows[0]?.workflow_id ?? null;
}

/**
 * A return pickup exists at Bosta: the hub expects the parcel. One workflow per tracking number; a
 * workflow registered by hand for it gets the return id. A tracking number another case holds is
 * ignored (and logged).
 */
export async function applyReturnCreated(tx: SqlTx, ev: Ev<'return-created'>, at: Date): Promise<EventOutcome> {
  await lockKeys(tx, 'hub-action', [ev.action_id]);
  await recordPickup(tx, { return_id: ev.return_id, action_id: ev.action_id, tracking_number: ev.tracking_number, status: 'created', bosta_state_code: null, at: ev.at });
  const existing = await findWorkflow(tx, ev.tracking_number, true);
  if (existing && existing.action_id !== ev.action_id) return { workflow_id: existing.workflow_id, ignored: `tracking number ${ev.tracking_number} belongs to case ${existing.case_number}` };
  if (existing) {
    await followPickup(tx, ev.return_id, ev.tracking_number, 'created', at);
    return { workflow_id: existing.workflow_id };
  }
  const id = await insertWorkflow(tx, {
    action_id: ev.action_id, case_number: ev.case_number, action_type: ev.action_type, return_id: ev.return_id, return_tracking_number: ev.tracking_number,
    customer_phone: ev.customer_phone, product_name: ev.product_name, reason: ev.reason, hub_name: null, created_by: 'system:returns',
  }, at);
  return { workflow_id: id };
}

/** The pickup changed status: recorded (a late status changes nothing) and shown on its workflow. */
export async function applyReturnStatus(tx: SqlTx, ev: Ev<'return-status-changed'>, at: Date): Promise<EventOutcome> {
  await lockKeys(tx, 'hub-action', [ev.action_id]);
  const applied = await recordPickup(tx, { return_id: ev.return_id, action_id: ev.action_id, tracking_number: ev.tracking_number, status: ev.status, bosta_state_code: ev.bosta_state_code, at: ev.at });
  if (!applied) return { workflow_id: null, ignored: `${ev.status} is older than the pickup's known status` };
  const workflowId = await followPickup(tx, ev.return_id, ev.tracking_number, ev.status, at);
  return workflowId ? { workflow_id: workflowId } : { workflow_id: null, ignored: 'no workflow shows this pickup (yet, or it knows a later status)' };
}
