import { describe, expect, it } from 'vitest';
import { isRefusal, planExecution, type ExecutableAction, type ExecutionPlan, type ExecutionRefusal } from './execution.js';

const confirmed = (over: Partial<ExecutableAction> = {}): ExecutableAction => ({
  case_number: 'SA-2026-000001', action_type: 'maintenance', status: 'hub_confirmed', on_site: false, review_required: false, review_decision: null,
  approved_refund_limit_piastres: null, estimated_cost_piastres: 10_000, ...over,
});
const LABOUR = 5_000;

function plan(value: ExecutionPlan | ExecutionRefusal): ExecutionPlan {
  if (isRefusal(value)) throw new Error(`refused: ${value.message}`);
  return value;
}
function refused(value: ExecutionPlan | ExecutionRefusal): ExecutionRefusal {
  if (!isRefusal(value)) throw new Error('expected a refusal');
  return value;
}

describe('guards', () => {
  it('needs the hub confirmation (or on-site work)', () => {
    for (const status of ['requested', 'return_ordered', 'return_in_transit', 'return_received', 'return_failed'] as const) {
      expect(refused(planExecution(confirmed({ status }), { kind: 'execute', technician: 't' }, LABOUR, null))).toMatchObject({ type: 'conflict', code: 'hub_not_confirmed' });
    }
    expect(plan(planExecution(confirmed({ status: 'requested', on_site: true }), { kind: 'execute', technician: 't' }, LABOUR, null)).steps).toEqual(['in_progress', 'completed']);
  });

  it('needs the approval when a review was required', () => {
    expect(refused(planExecution(confirmed({ status: 'pending_review', review_required: true }), { kind: 'execute', technician: 't' }, LABOUR, null)).code).toBe('review_pending');
    expect(refused(planExecution(confirmed({ review_required: true }), { kind: 'execute', technician: 't' }, LABOUR, null)).code).toBe('review_pending');
    expect(plan(planExecution(confirmed({ review_required: true, review_decision: 'approved' }), { kind: 'execute', technician: 't' }, LABOUR, null)).kind).toBe('maintenance');
  });

  it('refuses an action executed already or closed', () => {
    for (const status of ['in_progress', 'outbound_shipped', 'completed', 'cancelled', 'rejected'] as const) {
      expect(refused(planExecution(confirmed({ status }), { kind: 'execute', technician: 't' }, LABOUR, null)).code).toBe('not_executable');
    }
  });

  it('each route suits its action types; execute suits all', () => {
    expect(refused(planExecution(confirmed(), { kind: 'refund', amount: 1 }, LABOUR, 100)).message).toContain('use /maintenance or /execute');
    expect(plan(planExecution(confirmed({ action_type: 'service' }), { kind: 'maintenance', technician: 't' }, LABOUR, null)).kind).toBe('service');
    expect(refused(planExecution(confirmed({ action_type: 'replace_full' }), { kind: 'replace_part', technician: 't', parts: [] }, LABOUR, null)).code).toBe('wrong_execution');
  });

  it('names every missing field', () => {
    expect(refused(planExecution(confirmed({ action_type: 'replace_part' }), { kind: 'execute' }, LABOUR, null)).errors).toEqual([
      { path: 'body.technician', message: 'is required to replace a part' },
      { path: 'body.parts', message: 'needs at least one part (sku, name, qty, unit_cost)' },
    ]);
    expect(refused(planExecution(confirmed({ action_type: 'replace_full' }), { kind: 'execute' }, LABOUR, null)).errors?.[0]?.path).toBe('body.new_product_sku');
    expect(refused(planExecution(confirmed({ action_type: 'return_refund' }), { kind: 'refund', amount: 0 }, LABOUR, 100)).errors?.[0]?.path).toBe('body.amount');
  });
});

describe('costs and outcomes', () => {
  it('replace_part: parts plus default labour, the repaired product ships back (SEND)', () => {
    const p = plan(planExecution(confirmed({ action_type: 'replace_part' }), { kind: 'replace_part', technician: 'H', parts: [{ sku: 'A', name: 'Blade', qty: 3, unit_cost: 12.35 }] }, LABOUR, null));
    expect(p.ledger.map((l) => [l.entry, l.amount_piastres])).toEqual([['parts', 3_705], ['labour', 5_000]]);
    expect(p.outbound).toEqual({ kind: 'repaired', type_code: 10 });
    expect(p.steps).toEqual(['in_progress']);
  });

  it('maintenance charges the default labour unless given; service none', () => {
    expect(plan(planExecution(confirmed(), { kind: 'maintenance', technician: 'H' }, LABOUR, null)).ledger).toEqual([{ entry: 'labour', amount_piastres: 5_000, note: 'default labour' }]);
    expect(plan(planExecution(confirmed(), { kind: 'maintenance', technician: 'H', labour_cost: 70 }, LABOUR, null)).ledger[0]?.amount_piastres).toBe(7_000);
    expect(plan(planExecution(confirmed({ action_type: 'service' }), { kind: 'maintenance', technician: 'H' }, LABOUR, null)).ledger).toEqual([]);
  });

  it('replace_full ships a SEND after a collected return, an EXCHANGE when the old unit was not collected (on site)', () => {
    expect(plan(planExecution(confirmed({ action_type: 'replace_full' }), { kind: 'replace_full', new_product_sku: 'N1' }, LABOUR, null)).outbound).toEqual({ kind: 'replacement', type_code: 10 });
    expect(plan(planExecution(confirmed({ action_type: 'replace_full', status: 'requested', on_site: true }), { kind: 'replace_full', new_product_sku: 'N1' }, LABOUR, null)).outbound).toEqual({ kind: 'replacement', type_code: 30 });
  });

  it('refund: at most the original COD (boundary), more only up to an approved limit', () => {
    const refund = confirmed({ action_type: 'return_refund' });
    expect(plan(planExecution(refund, { kind: 'refund', amount: 1_500 }, LABOUR, 150_000)).refund).toEqual({ amount_piastres: 150_000, original_cod_piastres: 150_000, approved_limit_piastres: null });
    expect(refused(planExecution(refund, { kind: 'refund', amount: 1_500.01 }, LABOUR, 150_000))).toMatchObject({ type: 'unprocessable', code: 'refund_above_cod' });
    const approved = confirmed({ action_type: 'return_refund', review_required: true, review_decision: 'approved', approved_refund_limit_piastres: 200_000 });
    expect(plan(planExecution(approved, { kind: 'refund', amount: 2_000 }, LABOUR, 150_000)).steps).toEqual(['in_progress', 'completed']);
    expect(refused(planExecution(approved, { kind: 'refund', amount: 2_000.01 }, LABOUR, 150_000)).message).toContain('approved limit is 2000.00');
    expect(refused(planExecution(refund, { kind: 'refund', amount: 10 }, LABOUR, null)).message).toContain('no original order');
  });
});
