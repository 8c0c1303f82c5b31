import { returnsQueue, type JobPayload, type ServiceAction, type serviceActionQueue } from '@hvar/contracts';
import { AppError, writeOutbox, type SqlTx } from '@hvar/platform';
import { outbox } from '../db/schema.js';
import type { ServiceActionDeps } from '../deps.js';
import { isRefusal, planExecution } from '../domain/execution.js';
import { emitServiceFacts } from '../facts/emit-facts.js';
import { customerAddress } from './create.js';
import { addLedger, lockAction, moveAction, viewAfter } from './store.js';

type ExecuteCommand = JobPayload<typeof serviceActionQueue, 'execute-action'>;

/**
 * Executes an action (repair, part, unit, refund) after the guards of `planExecution`: records the
 * execution (technician, parts, notes), its ledger entries and the refund, moves the status, and
 * requests the outbound delivery of the repaired product or the replacement. Refusals write nothing.
 */
export async function executeAction(tx: SqlTx, cmd: ExecuteCommand, deps: ServiceActionDeps): Promise<ServiceAction> {
  const row = await lockAction(tx, cmd.action_id);
  const originalCod = await originalCodOf(tx, row.main_order_id ?? row.source_order_id);
  const plan = planExecution(
    { ...row, estimated_cost_piastres: Number(row.estimated_cost_piastres), approved_refund_limit_piastres: row.approved_refund_limit_piastres === null ? null : Number(row.approved_refund_limit_piastres) },
    cmd,
    deps.actions.labourPiastres,
    originalCod,
  );
  if (isRefusal(plan)) throw new AppError(plan.type, plan.message, { code: plan.code, errors: plan.errors, details: { action_id: row.action_id, status: row.status } });
  await tx.query(
    `insert into service_action.executions (action_id, kind, technician, parts, notes, new_product_sku, created_by)
     values ($1, $2, $3, $4::jsonb, $5, $6, $7)`,
    [row.action_id, plan.kind, plan.technician, JSON.stringify(plan.parts), plan.notes, plan.new_product_sku, cmd.requested_by],
  );
  await addLedger(tx, row.action_id, plan.ledger, cmd.requested_by);
  if (plan.refund) {
    await tx.query(
      `insert into service_action.refunds (action_id, amount_piastres, original_cod_piastres, approved_limit_piastres, processed, created_by)
       values ($1, $2, $3, $4, true, $5)`,
      [row.action_id, plan.refund.amount_piastres, plan.refund.original_cod_piastres, plan.refund.approved_limit_piastres, cmd.requested_by],
    );
  }
  await tx.query(
    `update service_action.actions set assigned_technician = coalesce($2, assigned_technician), closure_verified = closure_verified or $3, updated_at = now()
     where action_id = $1`,
    [row.action_id, plan.technician, plan.closes],
  );
  const reason = `${plan.kind.replace('_', ' ')} by ${plan.technician ?? cmd.requested_by}${plan.notes ? `: ${plan.notes}` : ''}`;
  await moveAction(tx, row, plan.steps, cmd.requested_by, reason);
  if (plan.outbound) {
    const view = await viewAfter(tx, row.action_id);
    await writeOutbox(tx.db, outbox, {
      contract: returnsQueue,
      name: 'outbound-requested',
      payload: {
        action_id: row.action_id, case_number: row.case_number, kind: plan.outbound.kind, type_code: plan.outbound.type_code,
        customer_phone: row.phone, customer_name: view.customer_name, address: row.pickup_address ?? (await customerAddress(tx, row.phone)),
        product_name: plan.kind === 'replace_full' ? (cmd.new_product_name ?? row.product_name) : row.product_name,
        product_sku: plan.new_product_sku ?? row.product_sku, notes: plan.notes, requested_at: deps.now().toISOString(),
      },
    });
  }
  await emitServiceFacts(tx, { orderIds: [row.main_order_id, row.sub_order_id, row.source_order_id].filter((o): o is string => Boolean(o)) });
  return viewAfter(tx, row.action_id);
}

/** The COD of the order a refund pays back (null when the case has no order). */
async function originalCodOf(tx: SqlTx, orderId: string | null): Promise<number | null> {
  if (!orderId) return null;
  const [o] = await tx.query<{ cod: number }>('select cod_piastres::float8 as cod from service_action.orders where order_id = $1', [orderId]);
  return o ? Math.max(0, o.cod) : null;
}
