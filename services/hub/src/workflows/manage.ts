import type { HubWorkflow, JobPayload, hubQueue } from '@hvar/contracts';
import { AppError, lockKeys, type SqlTx } from '@hvar/platform';
import type { HubDeps } from '../deps.js';
import { onConfirm, onUpdate } from '../domain/transitions.js';
import { insertWorkflow } from './expect.js';
import { findWorkflow, lockById, refused, stateOf, workflowView } from './store.js';

type Cmd<N extends 'create-workflow' | 'update-workflow' | 'confirm-workflow'> = JobPayload<typeof hubQueue, N>;

/**
 * Registers a return the hub expects by hand (no `return-created` brought it). The same tracking
 * number again for the same case answers the existing workflow unchanged; for another case it is a
 * 409. A case cancelled already starts `cancelled`.
 */
export async function createWorkflow(tx: SqlTx, cmd: Cmd<'create-workflow'>, deps: HubDeps): Promise<HubWorkflow> {
  await lockKeys(tx, 'hub-action', [cmd.action_id]);
  const existing = await findWorkflow(tx, cmd.return_tracking_number, true);
  if (existing) {
    if (existing.action_id === cmd.action_id) return workflowView(tx, existing.workflow_id);
    throw new AppError('conflict', `Return ${cmd.return_tracking_number} is registered already, for case ${existing.case_number}.`, {
      code: 'tracking_number_taken',
    });
  }
  const workflowId = await insertWorkflow(tx, {
    action_id: cmd.action_id, case_number: cmd.case_number, action_type: cmd.action_type, return_id: null, return_tracking_number: cmd.return_tracking_number,
    customer_phone: cmd.customer_phone, product_name: cmd.product_name, reason: cmd.reason, hub_name: cmd.hub_name ?? null, created_by: cmd.requested_by,
  }, deps.now());
  return workflowView(tx, workflowId);
}

/** Assigns the hub or agent of a workflow before its scan (after it, the scan's record stands: 409). */
export async function updateWorkflow(tx: SqlTx, cmd: Cmd<'update-workflow'>, deps: HubDeps): Promise<HubWorkflow> {
  const row = await lockById(tx, cmd.workflow_id);
  const decision = onUpdate(stateOf(row));
  if (!decision.ok) throw refused(row, decision.refusal);
  await tx.query(
    `update hub.workflows set hub_name = coalesce($2, hub_name), hub_agent = coalesce($3, hub_agent), updated_at = $4 where workflow_id = $1`,
    [row.workflow_id, cmd.changes.hub_name ?? null, cmd.changes.hub_agent ?? null, deps.now()],
  );
  return workflowView(tx, row.workflow_id);
}

/**
 * Confirms by hand: an inspection without review, and an approval, confirm on their own, so a
 * confirmed workflow is answered as it is; any other says why it cannot be confirmed (409).
 */
export async function confirmWorkflow(tx: SqlTx, cmd: Cmd<'confirm-workflow'>): Promise<HubWorkflow> {
  const row = await lockById(tx, cmd.workflow_id);
  const decision = onConfirm(stateOf(row));
  if (!decision.ok) throw refused(row, decision.refusal);
  return workflowView(tx, row.workflow_id);
}
