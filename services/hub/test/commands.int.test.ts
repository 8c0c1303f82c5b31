import { randomUUID } from 'node:crypto';
import { HubWorkflowSchema, InspectionCompletedSchema, ReturnReceivedSchema, ReviewDecidedSchema, ScanResultSchema, type ActionType, type HubWorkflow } from '@hvar/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal, returnCreated, snapshot, startHubStack, type HubStack } from './harness.js';

let stack: HubStack;
beforeAll(async () => {
  stack = await startHubStack();
});
afterAll(async () => {
  await stack?.close();
});

const agent = 'user-hub-1';
const leader = 'user-tl-1';

/** A workflow the hub expects (from a `return-created` event). */
async function expected(over: Parameters<typeof returnCreated>[0] = {}) {
  const ev = returnCreated(over);
  await stack.ok('return-created', ev);
  return ev;
}
const scan = (tn: string, jobId?: string, hub = 'Cairo Hub', hubAgent = 'Ahmed Ali') => stack.run('scan', { return_tracking_number: tn, hub_name: hub, hub_agent: hubAgent, requested_by: agent }, jobId);
const inspection = (tn: string, over: Record<string, unknown> = {}) => ({
  return_tracking_number: tn, product_condition: 'good' as const, quality_score: 7, inspection_notes: 'Minor wear, needs maintenance', recommended_action: 'maintenance' as const,
  requested_by: agent, ...over,
});
const inspect = async (tn: string, over: Record<string, unknown> = {}, jobId?: string): Promise<HubWorkflow> => HubWorkflowSchema.parse(await stack.ok('inspect', inspection(tn, over), jobId));
const review = async (tn: string, decision: 'approved' | 'rejected' | 'requires_changes', over: Record<string, unknown> = {}): Promise<HubWorkflow> =>
  HubWorkflowSchema.parse(await stack.ok('review', { return_tracking_number: tn, team_leader: 'Mona Team Lead', decision, requested_by: leader, ...over }));
const transitions = async (workflowId: string) =>
  (await stack.database.pool.query<{ from_status: string | null; to_status: string }>('select from_status, to_status from hub.transitions where workflow_id = $1 order by id', [workflowId])).rows
    .map((r) => `${r.from_status ?? '∅'}→${r.to_status}`);
const eventsFor = async (name: string, workflowId: string) => (await stack.outboxOf(name)).filter((m) => m.payload.workflow_id === workflowId).map((m) => m.payload);

describe('scan', () => {
  it('the first scan moves pending → scanning → inspecting, records hub, agent and time, and emits return-received once', async () => {
    const ev = await expected();
    const outcome = await scan(ev.tracking_number);
    if (!outcome.ok) throw outcome.error;
    const result = ScanResultSchema.parse(outcome.result);
    expect(result.repeated).toBe(false);
    expect(result.workflow).toMatchObject({
      action_id: ev.action_id, status: 'inspecting', hub_name: 'Cairo Hub', hub_agent: 'Ahmed Ali', return_status: 'delivered_to_hub', confirmation_type: 'maintenance_verification',
    });
    expect(result.workflow.scanned_at).not.toBeNull();
    expect(result.workflow.inspection_started_at).toBe(result.workflow.scanned_at);
    expect(await transitions(result.workflow.workflow_id)).toEqual(['∅→pending', 'pending→scanning', 'scanning→inspecting']);
    const [received, ...more] = await eventsFor('return-received', result.workflow.workflow_id);
    expect(more).toEqual([]);
    expect(ReturnReceivedSchema.parse(received)).toMatchObject({
      event_id: `return-received:${result.workflow.workflow_id}`, action_id: ev.action_id, return_tracking_number: ev.tracking_number, hub_name: 'Cairo Hub', hub_agent: 'Ahmed Ali',
    });
  });

  it('a second scan answers repeated: true with the workflow as it was; nothing changes but the scan log', async () => {
    const ev = await expected();
    const first = ScanResultSchema.parse(await stack.ok('scan', { return_tracking_number: ev.tracking_number, hub_name: 'Cairo Hub', hub_agent: 'Ahmed Ali', requested_by: agent }));
    const before = await snapshot(stack.database);
    const again = await scan(ev.tracking_number, undefined, 'Giza Hub', 'Omar');
    if (!again.ok) throw again.error;
    const result = ScanResultSchema.parse(again.result);
    expect(result.repeated).toBe(true);
    expect(result.workflow).toEqual(first.workflow);
    const after = (await snapshot(stack.database)) as { counts: Record<string, number>; workflows: unknown };
    const was = before as { counts: Record<string, number>; workflows: unknown };
    expect(after.workflows).toEqual(was.workflows);
    expect({ ...after.counts, scans: 0, inbox: 0 }).toEqual({ ...was.counts, scans: 0, inbox: 0 });
    expect(after.counts.scans).toBe((was.counts.scans ?? 0) + 1);
    const log = await stack.database.pool.query('select hub_name, hub_agent, repeated, status from hub.scans where workflow_id = $1 order by at', [first.workflow.workflow_id]);
    expect(log.rows).toEqual([
      { hub_name: 'Cairo Hub', hub_agent: 'Ahmed Ali', repeated: false, status: 'pending' },
      { hub_name: 'Giza Hub', hub_agent: 'Omar', repeated: true, status: 'inspecting' },
    ]);
    expect(await eventsFor('return-received', first.workflow.workflow_id)).toHaveLength(1);
  });

  it('the same job id (Idempotency-Key) runs once even when the job is added again: the first answer comes back', async () => {
    const ev = await expected();
    const key = `idem-${randomUUID()}`;
    const first = await scan(ev.tracking_number, key);
    await (await stack.queue.queue.getJob(key))?.remove();
    const again = await scan(ev.tracking_number, key);
    expect(again).toEqual(first);
    if (!again.ok) throw again.error;
    expect(ScanResultSchema.parse(again.result).repeated).toBe(false);
    const { rows } = await stack.database.pool.query('select count(*)::int as n from hub.scans s join hub.workflows w using (workflow_id) where w.return_tracking_number = $1', [ev.tracking_number]);
    expect(rows[0]).toEqual({ n: 1 });
  });

  it('an unknown code is a clear 404 (unknown_return) and writes nothing', async () => {
    const before = await snapshot(stack.database);
    const error = refusal(await scan('123456789012'), 'not_found');
    expect(error.options.code).toBe('unknown_return');
    expect(error.message).toContain('Unknown code 123456789012');
    expect(await snapshot(stack.database)).toEqual(before);
  });

  it('a cancelled case is refused (409 case_cancelled, with the reason) and nothing is written', async () => {
    const ev = await expected();
    await stack.ok('case-cancelled', { event_id: `cc-${randomUUID()}`, action_id: ev.action_id, reason: 'customer changed mind', at: new Date().toISOString() });
    const before = await snapshot(stack.database);
    const error = refusal(await scan(ev.tracking_number), 'conflict');
    expect(error.options.code).toBe('case_cancelled');
    expect(error.message).toContain('customer changed mind');
    expect(await snapshot(stack.database)).toEqual(before);
  });

  it('refuses bad input with the field named and nothing written', async () => {
    const before = await snapshot(stack.database);
    const good = { return_tracking_number: '55500001', hub_name: 'Cairo Hub', hub_agent: 'Ahmed Ali', requested_by: agent };
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ ...good, return_tracking_number: 'RETURN123' }, /return_tracking_number/],
      [{ ...good, hub_name: '  ' }, /hub_name/],
      [{ ...good, hub_agent: undefined }, /hub_agent/],
    ];
    for (const [payload, field] of bad) expect(JSON.stringify(refusal(await stack.runRaw('scan', payload), 'invalid_data').toJSON())).toMatch(field);
    expect(await snapshot(stack.database)).toEqual(before);
  });
});

describe('inspection', () => {
  it('no review needed (score 6, maintenance for a maintenance case): confirmed at once, inspection-completed emitted', async () => {
    const ev = await expected();
    await scan(ev.tracking_number);
    const wf = await inspect(ev.tracking_number, {
      quality_score: 6, missing_parts: ['remote'], visible_damage: 'scratch on lid', functionality_test: 'partially_working', recommended_priority: 'high',
      estimated_repair_cost: 120.5, estimated_repair_days: 3,
    });
    expect(wf).toMatchObject({ status: 'confirmed', review_required: false, review_reasons: [], review: null, hub_agent: 'Ahmed Ali' });
    expect(wf.inspection).toEqual({
      product_condition: 'good', missing_parts: ['remote'], visible_damage: 'scratch on lid', functionality_test: 'partially_working', quality_score: 6,
      inspection_notes: 'Minor wear, needs maintenance', recommended_action: 'maintenance', recommended_priority: 'high', estimated_repair_cost: 120.5, estimated_repair_days: 3,
    });
    expect(wf.confirmed_at).toBe(wf.inspection_completed_at);
    expect(await transitions(wf.workflow_id)).toEqual(['∅→pending', 'pending→scanning', 'scanning→inspecting', 'inspecting→confirmed']);
    const { rows } = await stack.database.pool.query('select estimated_repair_cost_piastres::int as estimated_repair_cost_piastres from hub.inspections where workflow_id = $1', [wf.workflow_id]);
    expect(rows).toEqual([{ estimated_repair_cost_piastres: 12050 }]);
    const [event] = await eventsFor('inspection-completed', wf.workflow_id);
    expect(InspectionCompletedSchema.parse(event)).toMatchObject({
      action_id: ev.action_id, hub_agent: 'Ahmed Ali', quality_score: 6, recommended_action: 'maintenance', review_required: false, review_reasons: [], estimated_repair_cost: 120.5,
      notes: 'Minor wear, needs maintenance',
    });
  });

  it('review needed (score 2 on a replace_full case): stays inspecting awaiting review, with the reasons in the workflow and the event', async () => {
    const ev = await expected({ action_type: 'replace_full' });
    await scan(ev.tracking_number);
    const wf = await inspect(ev.tracking_number, { quality_score: 2, product_condition: 'damaged', recommended_action: 'replace_full', inspection_notes: 'defective', hub_agent: 'Sara' });
    expect(wf).toMatchObject({ status: 'inspecting', review_required: true, confirmation_type: 'exchange_verification', hub_agent: 'Sara', confirmed_at: null });
    expect(wf.review_reasons).toEqual(['low_quality_score: quality score 2 is at most 3']);
    const [event] = await eventsFor('inspection-completed', wf.workflow_id);
    expect(event).toMatchObject({ review_required: true, review_reasons: wf.review_reasons, hub_agent: 'Sara' });
    const list = await stack.database.pool.query('select review_pending from hub.workflows where workflow_id = $1', [wf.workflow_id]);
    expect(list.rows).toEqual([{ review_pending: true }]);
  });

  it('quality score 0 or 11, and other bad fields, are refused (400) with nothing written', async () => {
    const ev = await expected();
    await scan(ev.tracking_number);
    const before = await snapshot(stack.database);
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ quality_score: 0 }, /quality_score is 1-10/],
      [{ quality_score: 11 }, /quality_score is 1-10/],
      [{ quality_score: 6.5 }, /quality_score/],
      [{ product_condition: 'shiny' }, /product_condition/],
      [{ recommended_action: 'burn' }, /recommended_action/],
      [{ functionality_test: 'maybe' }, /functionality_test/],
      [{ recommended_priority: 'asap' }, /recommended_priority/],
      [{ estimated_repair_cost: -5 }, /estimated_repair_cost/],
      [{ estimated_repair_cost: 1.234 }, /estimated_repair_cost/],
      [{ estimated_repair_days: 400 }, /estimated_repair_days/],
      [{ missing_parts: [''] }, /missing_parts/],
    ];
    for (const [over, field] of bad) {
      const error = refusal(await stack.runRaw('inspect', inspection(ev.tracking_number, over)), 'invalid_data');
      expect(JSON.stringify(error.toJSON()), JSON.stringify(over)).toMatch(field);
    }
    expect(await snapshot(stack.database)).toEqual(before);
  });

  it('refused before the scan, twice, for an unknown code or a cancelled case (409/404), with nothing written', async () => {
    const fresh = await expected();
    const done = await expected();
    await scan(done.tracking_number);
    await inspect(done.tracking_number);
    const waiting = await expected({ action_type: 'return_refund' });
    await scan(waiting.tracking_number);
    await inspect(waiting.tracking_number, { recommended_action: 'refund' });
    const gone = await expected();
    await scan(gone.tracking_number);
    await stack.ok('case-cancelled', { event_id: `cc-${randomUUID()}`, action_id: gone.action_id, reason: 'duplicate case', at: new Date().toISOString() });
    const before = await snapshot(stack.database);
    expect(refusal(await stack.run('inspect', inspection(fresh.tracking_number)), 'conflict').options.code).toBe('not_scanned');
    expect(refusal(await stack.run('inspect', inspection(done.tracking_number)), 'conflict').options.code).toBe('already_inspected');
    expect(refusal(await stack.run('inspect', inspection(waiting.tracking_number)), 'conflict').options.code).toBe('review_pending');
    expect(refusal(await stack.run('inspect', inspection(gone.tracking_number)), 'conflict').options.code).toBe('case_cancelled');
    expect(refusal(await stack.run('inspect', inspection('99990000')), 'not_found').options.code).toBe('unknown_return');
    expect(await snapshot(stack.database)).toEqual(before);
  });
});

describe('team-leader review', () => {
  it('approved → confirmed; review-decided carries the approved refund limit', async () => {
    const ev = await expected({ action_type: 'return_refund' });
    await scan(ev.tracking_number);
    const inspected = await inspect(ev.tracking_number, { quality_score: 8, recommended_action: 'refund' });
    expect(inspected.review_reasons).toEqual(['risky_action: a refund recommendation is always reviewed']);
    const wf = await review(ev.tracking_number, 'approved', { notes: 'ok to refund', approved_refund_limit: 1600.25 });
    expect(wf).toMatchObject({ status: 'confirmed', review: { team_leader: 'Mona Team Lead', decision: 'approved', notes: 'ok to refund', approved_refund_limit: 1600.25 } });
    expect(wf.confirmed_at).not.toBeNull();
    const [event] = await eventsFor('review-decided', wf.workflow_id);
    expect(ReviewDecidedSchema.parse(event)).toMatchObject({ action_id: ev.action_id, decision: 'approved', approved_refund_limit: 1600.25, team_leader: 'Mona Team Lead' });
    expect(await transitions(wf.workflow_id)).toEqual(['∅→pending', 'pending→scanning', 'scanning→inspecting', 'inspecting→confirmed']);
  });

  it('rejected → rejected (by workflow id)', async () => {
    const ev = await expected({ action_type: 'replace_part' });
    const scanned = await scan(ev.tracking_number);
    if (!scanned.ok) throw scanned.error;
    const id = ScanResultSchema.parse(scanned.result).workflow.workflow_id;
    await inspect(ev.tracking_number, { recommended_action: 'dispose' });
    const wf = await review('', 'rejected', { return_tracking_number: undefined, workflow_id: id, notes: 'not covered' });
    expect(wf).toMatchObject({ status: 'rejected', review: { decision: 'rejected', approved_refund_limit: null } });
  });

  it('requires_changes → back to inspecting; a new inspection is accepted and reviewed again', async () => {
    const ev = await expected();
    await scan(ev.tracking_number);
    await inspect(ev.tracking_number, { recommended_action: 'replace_part' });
    const back = await review(ev.tracking_number, 'requires_changes', { notes: 'check the motor again' });
    expect(back).toMatchObject({ status: 'inspecting', review_required: true, review: { decision: 'requires_changes' } });
    const second = await inspect(ev.tracking_number, { recommended_action: 'maintenance', quality_score: 5 });
    expect(second).toMatchObject({ status: 'confirmed', review_required: false, review: null, inspection: { quality_score: 5 } });
    const { rows } = await stack.database.pool.query('select count(*)::int as n from hub.inspections where workflow_id = $1', [second.workflow_id]);
    expect(rows[0]).toEqual({ n: 2 });
    expect((await eventsFor('inspection-completed', second.workflow_id)).map((e) => e.review_required)).toEqual([true, false]);
    expect((await eventsFor('review-decided', second.workflow_id)).map((e) => e.decision)).toEqual(['requires_changes']);
  });

  it('refused when no review is pending (409), for an unknown code (404), and for bad input (400), with nothing written', async () => {
    const noReview = await expected();
    await scan(noReview.tracking_number);
    await inspect(noReview.tracking_number);
    const pending = await expected({ action_type: 'return_refund' });
    await scan(pending.tracking_number);
    await inspect(pending.tracking_number, { recommended_action: 'refund' });
    const before = await snapshot(stack.database);
    const cmd = (over: Record<string, unknown>) => ({ return_tracking_number: pending.tracking_number, team_leader: 'Mona', decision: 'approved', requested_by: leader, ...over });
    expect(refusal(await stack.runRaw('review', cmd({ return_tracking_number: noReview.tracking_number })), 'conflict').options.code).toBe('no_review_pending');
    expect(refusal(await stack.runRaw('review', cmd({ return_tracking_number: '11112222' })), 'not_found').options.code).toBe('unknown_return');
    expect(refusal(await stack.runRaw('review', cmd({ return_tracking_number: undefined, workflow_id: randomUUID() })), 'not_found').options.code).toBe('unknown_workflow');
    expect(refusal(await stack.runRaw('review', cmd({ decision: 'maybe' })), 'invalid_data').message).toMatch(/decision/);
    expect(refusal(await stack.runRaw('review', cmd({ approved_refund_limit: -1 })), 'invalid_data').message).toMatch(/approved_refund_limit/);
    expect(refusal(await stack.runRaw('review', cmd({ decision: 'rejected', approved_refund_limit: 100 })), 'invalid_data').message).toMatch(/approved_refund_limit goes with an approval/);
    expect(refusal(await stack.runRaw('review', cmd({ return_tracking_number: undefined })), 'invalid_data').message).toMatch(/return_tracking_number/);
    expect(refusal(await stack.runRaw('review', cmd({ workflow_id: randomUUID() })), 'invalid_data').message).toMatch(/workflow_id/);
    expect(await snapshot(stack.database)).toEqual(before);
  });
});

describe('create, update and confirm workflows by hand', () => {
  const create = (over: { action_type?: ActionType } = {}) => ({
    action_id: randomUUID(), case_number: 'SA-2026-000777', action_type: 'replace_part' as ActionType, return_tracking_number: `8${Date.now() % 1e9}`, customer_phone: '+201001234567',
    reason: 'missing part', hub_name: 'Alex Hub', requested_by: agent, ...over,
  });

  it('create registers a pending workflow; the same tracking number for the same case answers it unchanged, for another case 409', async () => {
    const cmd = create();
    const wf = HubWorkflowSchema.parse(await stack.ok('create-workflow', cmd));
    expect(wf).toMatchObject({ status: 'pending', hub_name: 'Alex Hub', confirmation_type: 'exchange_verification', return_id: null, product_name: null });
    const again = HubWorkflowSchema.parse(await stack.ok('create-workflow', cmd));
    expect(again).toEqual(wf);
    const before = await snapshot(stack.database);
    const taken = refusal(await stack.run('create-workflow', { ...cmd, action_id: randomUUID() }), 'conflict');
    expect(taken.options.code).toBe('tracking_number_taken');
    expect(refusal(await stack.runRaw('create-workflow', { ...cmd, customer_phone: '0100' }), 'invalid_data').message).toMatch(/customer_phone/);
    expect(refusal(await stack.runRaw('create-workflow', { ...cmd, action_type: 'teleport' }), 'invalid_data').message).toMatch(/action_type/);
    expect(await snapshot(stack.database)).toEqual(before);
  });

  it('update assigns hub and agent before the scan; after it 409; unknown id 404; empty changes 400', async () => {
    const wf = HubWorkflowSchema.parse(await stack.ok('create-workflow', create()));
    const updated = HubWorkflowSchema.parse(await stack.ok('update-workflow', { workflow_id: wf.workflow_id, changes: { hub_agent: 'Omar' }, requested_by: agent }));
    expect(updated).toMatchObject({ hub_name: 'Alex Hub', hub_agent: 'Omar' });
    await scan(wf.return_tracking_number);
    const before = await snapshot(stack.database);
    expect(refusal(await stack.run('update-workflow', { workflow_id: wf.workflow_id, changes: { hub_name: 'Giza Hub' }, requested_by: agent }), 'conflict').options.code).toBe('already_scanned');
    expect(refusal(await stack.run('update-workflow', { workflow_id: randomUUID(), changes: { hub_name: 'Giza Hub' }, requested_by: agent }), 'not_found').options.code).toBe('unknown_workflow');
    expect(refusal(await stack.runRaw('update-workflow', { workflow_id: wf.workflow_id, changes: {}, requested_by: agent }), 'invalid_data').message).toMatch(/nothing to change/);
    expect(await snapshot(stack.database)).toEqual(before);
  });

  it('confirm: 409 when not inspected or a review is pending; idempotent once confirmed', async () => {
    const wf = HubWorkflowSchema.parse(await stack.ok('create-workflow', create({ action_type: 'maintenance' })));
    const confirm = () => stack.run('confirm-workflow', { workflow_id: wf.workflow_id, requested_by: agent });
    expect(refusal(await confirm(), 'conflict').options.code).toBe('not_scanned');
    await scan(wf.return_tracking_number);
    expect(refusal(await confirm(), 'conflict').options.code).toBe('not_inspected');
    await inspect(wf.return_tracking_number, { quality_score: 3 });
    const before = await snapshot(stack.database);
    expect(refusal(await confirm(), 'conflict').options.code).toBe('review_pending');
    expect(await snapshot(stack.database)).toEqual(before);
    const approved = await review(wf.return_tracking_number, 'approved');
    const confirmed = await confirm();
    if (!confirmed.ok) throw confirmed.error;
    expect(HubWorkflowSchema.parse(confirmed.result)).toEqual(approved);
    expect(approved.status).toBe('confirmed');
  });
});
