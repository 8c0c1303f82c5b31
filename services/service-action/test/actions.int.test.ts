import { randomUUID } from 'node:crypto';
import { ServiceActionSchema, type HierarchyFact, type ServiceAction } from '@hvar/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classified, phone, refusal, resetTables, snapshot, startServiceActionStack, trackingOf, type ServiceActionStack } from './harness.js';

let stack: ServiceActionStack;

beforeAll(async () => {
  stack = await startServiceActionStack();
});
afterAll(async () => {
  await stack.close();
});
beforeEach(async () => {
  await resetTables(stack.database);
});

const agent = 'user-agent-1';
const address = { city: 'Cairo', zone: 'Nasr City', district: null, first_line: '5 Makram Ebeid St' };

function fact(orderId: string, mainId: string | null, revision = 1): HierarchyFact {
  return {
    order_id: orderId, tracking_number: trackingOf(orderId), hierarchy_status: mainId ? 'linked' : 'main', main_order_id: mainId,
    main_tracking_number: mainId ? trackingOf(mainId) : null, relationship_type: mainId ? 'maintenance' : null, relationship_level: mainId ? 1 : null,
    confidence: mainId ? 0.95 : null, linked_by: mainId ? 'auto_sync' : null, state_at: new Date().toISOString(), revision,
  };
}

async function hierarchy(facts: HierarchyFact[]): Promise<void> {
  const outcome = await stack.run('hierarchy-changed', { batch_id: randomUUID(), cause: 'incremental', orders: facts });
  if (!outcome.ok) throw outcome.error;
}

async function create(over: Record<string, unknown> = {}, jobId?: string): Promise<ServiceAction> {
  const result = await stack.ok('create-action', { customer_phone: phone(1), action_type: 'maintenance', service_reason: 'Product not working', requested_by: agent, ...over }, jobId);
  return ServiceActionSchema.parse(result);
}

async function event(name: 'return-status-changed' | 'outbound-status-changed' | 'return-received' | 'inspection-completed' | 'review-decided', payload: Record<string, unknown>): Promise<void> {
  const outcome = await stack.runRaw(name, { event_id: randomUUID(), at: new Date().toISOString(), ...payload });
  if (!outcome.ok) throw outcome.error;
}

async function action(id: string): Promise<ServiceAction & { transitions: NonNullable<ServiceAction['transitions']> }> {
  const { rows } = await stack.database.pool.query<{ status: string }>('select status from service_action.actions where action_id = $1', [id]);
  if (!rows[0]) throw new Error('no such action');
  const { actionView, findAction } = await import('../src/actions/store.js');
  const { poolQuery } = await import('@hvar/platform');
  const db = poolQuery(stack.database.pool);
  const row = await findAction(db, id);
  if (!row) throw new Error('no such action');
  return (await actionView(db, row, true)) as ServiceAction & { transitions: NonNullable<ServiceAction['transitions']> };
}

/** Walks an action through pickup, scan and inspection (no review). */
async function toHubConfirmed(a: ServiceAction, review = false): Promise<void> {
  await event('return-status-changed', { action_id: a.action_id, return_id: 'r1', tracking_number: '55500001', status: 'created', bosta_state_code: 10 });
  await event('return-status-changed', { action_id: a.action_id, return_id: 'r1', tracking_number: '55500001', status: 'picked_up', bosta_state_code: 23 });
  await event('return-received', { action_id: a.action_id, workflow_id: 'w1', return_tracking_number: '55500001', hub_name: 'Cairo Hub', hub_agent: 'Ahmed Ali' });
  await event('inspection-completed', {
    action_id: a.action_id, workflow_id: 'w1', hub_agent: 'Ahmed Ali', product_condition: review ? 'damaged' : 'good', quality_score: review ? 2 : 6,
    recommended_action: 'maintenance', review_required: review, review_reasons: review ? ['quality score 2 ≤ 3'] : [],
  });
}

describe('create-action', () => {
  it('opens a case for an unknown phone: the customer is created, the pickup requested, the estimate from configuration', async () => {
    const a = await create({ pickup_address: address, customer_name: 'Mona Adel' });
    expect(a).toMatchObject({ action_status: 'requested', customer_phone: phone(1), main_order_id: null, auto_detected: false, return_tracking_number: null });
    expect(a.case_number).toMatch(/^SA-\d{4}-000001$/);
    expect(a.costs.estimated_cost).toBe(100);
    expect(a.transitions).toEqual([expect.objectContaining({ from_status: null, to_status: 'requested', actor: agent, reason: 'Product not working' })]);
    const { rows } = await stack.database.pool.query('select phone, service_actions from service_action.customers');
    expect(rows).toEqual([{ phone: phone(1), service_actions: 1 }]);
    const returns = await stack.outboxOf('returns', 'return-requested');
    expect(returns).toHaveLength(1);
    expect(returns[0]?.payload).toMatchObject({ action_id: a.action_id, attempt: 1, customer_phone: phone(1), pickup_address: address, action_type: 'maintenance' });
  });

  it('links a known customer’s main order and takes the sub order from the hierarchy; the product comes from the main', async () => {
    await stack.send([classified({ id: 'ORDER123', cod: 1_500, product: 'Blender X200' }), classified({ id: 'MAINT1', type: 'maintenance', day: 20, state: 41, cod: 100 })]);
    await hierarchy([fact('ORDER123', null), fact('MAINT1', 'ORDER123')]);
    const a = await create({ main_order_id: 'ORDER123' });
    expect(a).toMatchObject({ main_order_id: 'ORDER123', main_tracking_number: trackingOf('ORDER123'), sub_order_id: 'MAINT1', product_name: 'Blender X200' });
    // Named by tracking number, the sub itself: its main becomes the case's main.
    const b = await create({ main_order_id: trackingOf('MAINT1') }, randomUUID());
    expect(b).toMatchObject({ main_order_id: 'ORDER123', sub_order_id: 'MAINT1' });
  });

  it('refuses a main order of another customer (422) and an unknown one (404), writing nothing', async () => {
    await stack.send([classified({ id: 'OTHER', phone: phone(2) })]);
    const before = await snapshot(stack.database);
    const other = refusal(await stack.run('create-action', { customer_phone: phone(1), action_type: 'maintenance', service_reason: 'x', main_order_id: 'OTHER', requested_by: agent }), 'unprocessable');
    expect(other.options.code).toBe('order_of_other_customer');
    const unknown = refusal(await stack.run('create-action', { customer_phone: phone(1), action_type: 'maintenance', service_reason: 'x', main_order_id: 'NOPE', requested_by: agent }), 'not_found');
    expect(unknown.message).toContain('NOPE');
    expect(await snapshot(stack.database)).toEqual(before);
  });

  it('the same command twice with one job id (Idempotency-Key) opens one case and answers it twice', async () => {
    const key = `idem-${randomUUID()}`;
    const first = await create({}, key);
    const again = await create({}, key);
    expect(again.action_id).toBe(first.action_id);
    const { rows } = await stack.database.pool.query('select count(*)::int as n from service_action.actions');
    expect(rows[0]).toEqual({ n: 1 });
  });

  it('refuses bad input with the field named and nothing written', async () => {
    const before = await snapshot(stack.database);
    const good = { customer_phone: phone(1), action_type: 'maintenance', service_reason: 'broken', requested_by: agent };
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ ...good, service_reason: undefined }, /service_reason/],
      [{ ...good, service_reason: '   ' }, /service_reason/],
      [{ ...good, customer_phone: '0100' }, /customer_phone/],
      [{ ...good, action_type: 'teleport' }, /action_type/],
      [{ ...good, pickup_address: { city: '', first_line: 'x' } }, /pickup_address/],
      [{ ...good, customer_email: 'not-mail' }, /customer_email/],
    ];
    for (const [payload, field] of bad) {
      const error = refusal(await stack.runRaw('create-action', payload), 'invalid_data');
      expect(JSON.stringify(error.toJSON())).toMatch(field);
    }
    expect(await snapshot(stack.database)).toEqual(before);
  });
});

describe('transitions', () => {
  it('cancels before the product is received; after it, 409 listing the allowed statuses and nothing changed', async () => {
    const a = await create();
    const cancelled = ServiceActionSchema.parse(await stack.ok('cancel-action', { action_id: a.action_id, reason: 'customer changed mind', requested_by: agent }));
    expect(cancelled).toMatchObject({ action_status: 'cancelled', cancelled_reason: 'customer changed mind', allowed_transitions: [] });
    // Its pickup is cancelled at Bosta and the hub told to refuse the parcel.
    expect((await stack.outboxOf('returns', 'cancel-return')).map((m) => m.payload)).toEqual([expect.objectContaining({ action_id: a.action_id, reason: 'customer changed mind' })]);
    expect((await stack.outboxOf('hub', 'case-cancelled')).map((m) => m.payload)).toEqual([expect.objectContaining({ action_id: a.action_id })]);

    const b = await create({}, randomUUID());
    await event('return-status-changed', { action_id: b.action_id, return_id: 'r1', tracking_number: '55500001', status: 'created', bosta_state_code: 10 });
    await event('return-received', { action_id: b.action_id, workflow_id: 'w1', return_tracking_number: '55500001', hub_name: 'Cairo Hub', hub_agent: 'Ahmed' });
    const before = await snapshot(stack.database);
    const error = refusal(await stack.run('cancel-action', { action_id: b.action_id, reason: 'too late', requested_by: agent }), 'conflict');
    expect(error.options.details).toMatchObject({ status: 'return_received', requested: 'cancelled', allowed: ['hub_confirmed'] });
    expect(error.message).toContain('allowed from return_received: hub_confirmed');
    expect(await snapshot(stack.database)).toEqual(before);
  });

  it('two concurrent commands on one action: exactly one wins, the other is a 409', async () => {
    const a = await create();
    const outcomes = await Promise.all([
      stack.run('cancel-action', { action_id: a.action_id, reason: 'one', requested_by: 'agent-a' }),
      stack.run('cancel-action', { action_id: a.action_id, reason: 'two', requested_by: 'agent-b' }),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(refusal(outcomes.find((o) => !o.ok) ?? outcomes[0], 'conflict').options.code).toBe('illegal_transition');
    const { rows } = await stack.database.pool.query(`select count(*)::int as n from service_action.transitions where to_status = 'cancelled'`);
    expect(rows[0]).toEqual({ n: 1 });
  });

  it('unknown action ids answer 404', async () => {
    const id = randomUUID();
    for (const [name, payload] of [
      ['cancel-action', { action_id: id, reason: 'x', requested_by: agent }],
      ['update-action', { action_id: id, changes: { service_notes: 'x' }, requested_by: agent }],
      ['execute-action', { action_id: id, kind: 'execute', technician: 't', requested_by: agent }],
      ['link-order', { action_id: id, order_id: 'X', requested_by: agent }],
    ] as const) {
      expect(refusal(await stack.run(name, payload as never), 'not_found').options.code).toBe('action_not_found');
    }
  });
});

describe('the maintenance cycle (acceptance story 1) through the contract events', () => {
  it('pickup, scan, inspection without review, repair, outbound delivery: completed and verified, with the cost ledger', async () => {
    await stack.send([classified({ id: 'ORDER123', cod: 1_500 })]);
    const a = await create({ main_order_id: 'ORDER123', pickup_address: address });
    await toHubConfirmed(a);
    expect((await action(a.action_id)).action_status).toBe('hub_confirmed');
    const executed = ServiceActionSchema.parse(await stack.ok('execute-action', { action_id: a.action_id, kind: 'maintenance', technician: 'Mohammed Hassan', notes: 'Replaced motor bearings', requested_by: 'tech-1' }));
    expect(executed).toMatchObject({ action_status: 'in_progress', assigned_technician: 'Mohammed Hassan' });
    const outbound = await stack.outboxOf('returns', 'outbound-requested');
    expect(outbound.map((o) => o.payload)).toEqual([expect.objectContaining({ action_id: a.action_id, kind: 'repaired', type_code: 10, address })]);
    await event('outbound-status-changed', { action_id: a.action_id, outbound_id: 'o1', tracking_number: '66600001', type_code: 10, status: 'created', bosta_state_code: 10, courier_fee: 30 });
    expect((await action(a.action_id)).action_status).toBe('outbound_shipped');
    await event('outbound-status-changed', { action_id: a.action_id, outbound_id: 'o1', tracking_number: '66600001', type_code: 10, status: 'delivered', bosta_state_code: 45 });
    const done = await action(a.action_id);
    expect(done).toMatchObject({ action_status: 'completed', closure_verified: true, return_tracking_number: '55500001', outbound_tracking_number: '66600001' });
    expect(done.costs).toEqual({
      estimated_cost: 100, actual_cost: 50, parts_cost: 0, labour_cost: 50, return_courier_fee: 25, outbound_courier_fee: 30,
      customer_contribution: 0, refund_amount: 0, refund_processed: false,
    });
    expect(done.transitions.map((t) => t.to_status)).toEqual([
      'requested', 'return_ordered', 'return_in_transit', 'return_received', 'hub_confirmed', 'in_progress', 'outbound_shipped', 'completed',
    ]);
  });

  it('a repeated or late event changes nothing', async () => {
    const a = await create();
    await toHubConfirmed(a);
    const before = await snapshot(stack.database);
    await event('return-status-changed', { action_id: a.action_id, return_id: 'r1', tracking_number: '55500001', status: 'picked_up', bosta_state_code: 23 });
    await event('return-received', { action_id: a.action_id, workflow_id: 'w1', return_tracking_number: '55500001', hub_name: 'Cairo Hub', hub_agent: 'Ahmed Ali' });
    const after = (await snapshot(stack.database)) as { counts: Record<string, number> };
    expect({ ...after, counts: { ...after.counts, inbox: 0 } }).toEqual({ ...(before as object), counts: { ...(before as { counts: Record<string, number> }).counts, inbox: 0 } });
  });
});

describe('review and replacement (acceptance story 2)', () => {
  it('a customer without an order: review required, execution refused until approved, then a new unit ships and the delivery closes it', async () => {
    const a = await create({ action_type: 'replace_full', pickup_address: address, phone: undefined });
    expect(a.costs.estimated_cost).toBe(500);
    await toHubConfirmed(a, true);
    expect((await action(a.action_id)).action_status).toBe('pending_review');
    const before = await snapshot(stack.database);
    expect(refusal(await stack.run('execute-action', { action_id: a.action_id, kind: 'replace_full', new_product_sku: 'BL-200', requested_by: agent }), 'conflict').options.code).toBe('review_pending');
    expect(await snapshot(stack.database)).toEqual(before);
    await event('review-decided', { action_id: a.action_id, workflow_id: 'w1', team_leader: 'Sara', decision: 'approved', notes: 'defective unit' });
    const approved = await action(a.action_id);
    expect(approved).toMatchObject({ action_status: 'hub_confirmed', review_decision: 'approved' });
    await stack.ok('execute-action', { action_id: a.action_id, kind: 'execute', new_product_sku: 'BL-200', new_product_name: 'Blender 200', requested_by: agent });
    const outbound = await stack.outboxOf('returns', 'outbound-requested');
    expect(outbound[0]?.payload).toMatchObject({ kind: 'replacement', type_code: 10, product_sku: 'BL-200', product_name: 'Blender 200' });
    await event('outbound-status-changed', { action_id: a.action_id, outbound_id: 'o1', tracking_number: '66600002', type_code: 10, status: 'delivered', bosta_state_code: 45 });
    expect(await action(a.action_id)).toMatchObject({ action_status: 'completed', closure_verified: true });
  });

  it('a rejected review ends the case; requires_changes sends it back to inspection', async () => {
    const a = await create();
    await toHubConfirmed(a, true);
    await event('review-decided', { action_id: a.action_id, workflow_id: 'w1', team_leader: 'Sara', decision: 'requires_changes' });
    expect((await action(a.action_id)).action_status).toBe('return_received');
    const b = await create({}, randomUUID());
    await toHubConfirmed(b, true);
    await event('review-decided', { action_id: b.action_id, workflow_id: 'w1', team_leader: 'Sara', decision: 'rejected' });
    expect(await action(b.action_id)).toMatchObject({ action_status: 'rejected', allowed_transitions: [] });
  });
});

describe('refund (acceptance story 3) and execution guards', () => {
  it('a refund above the original COD is refused unless a team leader approved more', async () => {
    await stack.send([classified({ id: 'ORDER456', cod: 1_500 })]);
    const a = await create({ action_type: 'return_refund', main_order_id: 'ORDER456' });
    await toHubConfirmed(a, true);
    await event('review-decided', { action_id: a.action_id, workflow_id: 'w1', team_leader: 'Sara', decision: 'approved' });
    const before = await snapshot(stack.database);
    const above = refusal(await stack.run('execute-action', { action_id: a.action_id, kind: 'refund', amount: 1_500.01, requested_by: agent }), 'unprocessable');
    expect(above.options.code).toBe('refund_above_cod');
    expect(above.message).toContain('1500.00');
    expect(await snapshot(stack.database)).toEqual(before);
    const done = ServiceActionSchema.parse(await stack.ok('execute-action', { action_id: a.action_id, kind: 'refund', amount: 1_500, requested_by: agent }));
    expect(done).toMatchObject({ action_status: 'completed', closure_verified: true });
    expect(done.costs).toMatchObject({ refund_amount: 1_500, refund_processed: true });
  });

  it('an approved limit allows a refund above the COD up to that limit', async () => {
    await stack.send([classified({ id: 'ORDER456', cod: 1_500 })]);
    const a = await create({ action_type: 'return_refund', main_order_id: 'ORDER456' });
    await toHubConfirmed(a, true);
    await event('review-decided', { action_id: a.action_id, workflow_id: 'w1', team_leader: 'Sara', decision: 'approved', approved_refund_limit: 1_600 });
    expect(refusal(await stack.run('execute-action', { action_id: a.action_id, kind: 'refund', amount: 1_600.5, requested_by: agent }), 'unprocessable').options.code).toBe('refund_above_cod');
    expect(await stack.ok('execute-action', { action_id: a.action_id, kind: 'refund', amount: 1_600, requested_by: agent })).toMatchObject({ action_status: 'completed' });
  });

  it('execution before hub confirmation, through the wrong route, or without its fields is refused and writes nothing', async () => {
    const a = await create({ action_type: 'replace_part' });
    const before = await snapshot(stack.database);
    expect(refusal(await stack.run('execute-action', { action_id: a.action_id, kind: 'replace_part', technician: 't', parts: [{ sku: 'P1', name: 'Motor', qty: 1, unit_cost: 80 }], requested_by: agent }), 'conflict').options.code).toBe('hub_not_confirmed');
    await toHubConfirmed(a);
    const mid = await snapshot(stack.database);
    expect(refusal(await stack.run('execute-action', { action_id: a.action_id, kind: 'maintenance', technician: 't', requested_by: agent }), 'conflict').options.code).toBe('wrong_execution');
    const missing = refusal(await stack.run('execute-action', { action_id: a.action_id, kind: 'replace_part', requested_by: agent }), 'invalid_data');
    expect(missing.options.errors?.map((e) => e.path)).toEqual(['body.technician', 'body.parts']);
    expect(refusal(await stack.runRaw('execute-action', { action_id: a.action_id, kind: 'refund', amount: -5, requested_by: agent }), 'invalid_data').message).toMatch(/amount/);
    expect(await snapshot(stack.database)).toEqual(mid);
    expect(before).not.toEqual(mid);
    const done = ServiceActionSchema.parse(await stack.ok('execute-action', { action_id: a.action_id, kind: 'replace_part', technician: 'Hassan', parts: [{ sku: 'P1', name: 'Motor', qty: 2, unit_cost: 80.25 }], requested_by: agent }));
    expect(done.costs).toMatchObject({ parts_cost: 160.5, labour_cost: 50, actual_cost: 210.5 });
    expect(done.parts_used).toEqual([{ sku: 'P1', name: 'Motor', qty: 2, unit_cost: 80.25 }]);
  });

  it('an on-site maintenance needs no pickup and completes when the technician is done', async () => {
    const a = await create({ on_site: true });
    expect(await stack.outboxOf('returns')).toHaveLength(0);
    const done = ServiceActionSchema.parse(await stack.ok('execute-action', { action_id: a.action_id, kind: 'execute', technician: 'Hassan', requested_by: agent }));
    expect(done).toMatchObject({ action_status: 'completed', closure_verified: true });
  });
});

describe('pickup failures', () => {
  it('a refused pickup needs attention and is retried with the fixed address; a failed one goes to return_failed and back to requested', async () => {
    const a = await create();
    await event('return-status-changed', { action_id: a.action_id, return_id: 'r1', tracking_number: null, status: 'rejected', bosta_state_code: null, error: { code: '3009', message: 'city, zoneId, or districtId is required' } });
    const refused = await action(a.action_id);
    expect(refused.action_status).toBe('requested');
    expect(refused.needs_attention).toContain('city, zoneId, or districtId is required');
    const retried = ServiceActionSchema.parse(await stack.ok('retry-return', { action_id: a.action_id, pickup_address: address, reason: 'address fixed', requested_by: agent }));
    expect(retried).toMatchObject({ needs_attention: null, pickup_address: address });
    const requests = await stack.outboxOf('returns', 'return-requested');
    expect(requests.map((r) => r.payload.attempt)).toEqual([1, 2]);
    await event('return-status-changed', { action_id: a.action_id, return_id: 'r2', tracking_number: '55500009', status: 'created', bosta_state_code: 10 });
    await event('return-status-changed', { action_id: a.action_id, return_id: 'r2', tracking_number: '55500009', status: 'cancelled', bosta_state_code: 48 });
    expect(await action(a.action_id)).toMatchObject({ action_status: 'return_failed', allowed_transitions: ['requested', 'cancelled'] });
    await stack.ok('retry-return', { action_id: a.action_id, reason: 'customer available now', requested_by: agent }, randomUUID());
    expect(await action(a.action_id)).toMatchObject({ action_status: 'requested', needs_attention: null });
    expect((await stack.outboxOf('returns', 'return-requested')).map((r) => r.payload.attempt)).toEqual([1, 2, 3]);
  });

  it('retrying a pickup that did not fail is a 409', async () => {
    const a = await create();
    expect(refusal(await stack.run('retry-return', { action_id: a.action_id, reason: 'x', requested_by: agent }), 'conflict').options.code).toBe('retry_not_needed');
  });
});

describe('automatic detection', () => {
  it('a returned delivery opens one return_refund action, completed with its source; duplicated and reordered batches open nothing more', async () => {
    const returned = classified({ id: 'R1', state: 46, cod: 900, revision: 2 });
    await stack.send([returned]);
    await stack.send([returned]);
    await stack.send([{ ...returned, revision: 3 }]);
    await stack.send([{ ...classified({ id: 'R1', state: 41, cod: 900 }), revision: 1 }]);
    const { rows } = await stack.database.pool.query('select action_type, status, auto_detected, closure_verified, source_order_id from service_action.actions');
    expect(rows).toEqual([{ action_type: 'return_refund', status: 'completed', auto_detected: true, closure_verified: true, source_order_id: 'R1' }]);
  });

  it('a maintenance order opens a maintenance action that completes when the order is delivered; concurrent duplicates open one', async () => {
    const open = classified({ id: 'M1', type: 'maintenance', state: 41, cod: 100 });
    await Promise.all([stack.send([open]), stack.send([{ ...open, revision: 2 }]), stack.send([{ ...open, revision: 3 }])]);
    const first = await stack.database.pool.query(`select action_id, action_type, status from service_action.actions`);
    expect(first.rows).toEqual([expect.objectContaining({ action_type: 'maintenance', status: 'requested' })]);
    await stack.send([classified({ id: 'M1', type: 'maintenance', state: 45, cod: 100, revision: 4 })]);
    const id = (first.rows[0] as { action_id: string }).action_id;
    const done = await action(id);
    expect(done).toMatchObject({ action_status: 'completed', closure_verified: true, auto_detected: true, source_order_id: 'M1' });
    expect(done.transitions.map((t) => [t.from_status, t.to_status, t.actor])).toEqual([[null, 'requested', 'system:auto-detect'], ['requested', 'completed', 'system:auto-detect']]);
  });

  it('an automatic action whose source order is terminated is cancelled', async () => {
    await stack.send([classified({ id: 'S1', type: 'service', state: 41, cod: 0 })]);
    await stack.send([classified({ id: 'S1', type: 'service', state: 48, cod: 0, revision: 2 })]);
    const { rows } = await stack.database.pool.query('select status, cancelled_reason from service_action.actions');
    expect(rows).toEqual([{ status: 'cancelled', cancelled_reason: 'source order ended in Bosta state 48' }]);
  });

  it("a case's own Bosta legs open no automatic action: the repaired product delivered (service, 45), the pickup returned to the business (46)", async () => {
    const a = await create();
    const leg = (letter: 'P' | 'O', spec: Parameters<typeof classified>[0]) => ({ ...classified(spec), unique_business_reference: `${a.case_number}-${letter}1` });
    await stack.send([leg('O', { id: 'OUT1', type: 'service', state: 45, cod: 0 }), leg('P', { id: 'PICK1', type: 'return_pickup', state: 46 })]);
    // The same deliveries without a case reference are the customer's own service order and returned delivery.
    await stack.send([classified({ id: 'S2', type: 'service', state: 45, cod: 0 }), { ...classified({ id: 'R2', state: 46 }), unique_business_reference: 'SA-2099-999999-P1' }]);
    const { rows } = await stack.database.pool.query('select auto_detected, source_order_id from service_action.actions order by auto_detected, source_order_id');
    expect(rows).toEqual([
      { auto_detected: false, source_order_id: null },
      { auto_detected: true, source_order_id: 'R2' },
      { auto_detected: true, source_order_id: 'S2' },
    ]);
  });

  it('main orders and operational orders open nothing', async () => {
    await stack.send([classified({ id: 'A1' }), classified({ id: 'A2', type: 'operational', state: 41 }), classified({ id: 'A3', type: 'return_pickup', state: 24 })]);
    const { rows } = await stack.database.pool.query('select count(*)::int as n from service_action.actions');
    expect(rows[0]).toEqual({ n: 0 });
  });
});

describe('hierarchy facts', () => {
  it('the case’s linked return pickup becomes its sub order; a sub’s main fills an action without one', async () => {
    await stack.send([classified({ id: 'MAIN', cod: 2_000 }), classified({ id: 'AUTO', type: 'maintenance', day: 5, state: 41 })]);
    const a = await create({ main_order_id: 'MAIN' });
    await event('return-status-changed', { action_id: a.action_id, return_id: 'r1', tracking_number: trackingOf('PICKUP'), status: 'created', bosta_state_code: 10 });
    await hierarchy([fact('PICKUP', 'MAIN'), fact('AUTO', 'MAIN')]);
    expect(await action(a.action_id)).toMatchObject({ sub_order_id: 'PICKUP', main_order_id: 'MAIN' });
    const { rows } = await stack.database.pool.query(`select main_order_id from service_action.actions where source_order_id = 'AUTO'`);
    expect(rows).toEqual([{ main_order_id: 'MAIN' }]);
    // An older fact changes nothing.
    await hierarchy([{ ...fact('AUTO', null), revision: 0 }]);
    const again = await stack.database.pool.query(`select main_order_id from service_action.order_mains where order_id = 'AUTO'`);
    expect(again.rows).toEqual([{ main_order_id: 'MAIN' }]);
  });
});

describe('update and link-order', () => {
  it('updates editable fields (estimate and contribution in the ledger) and links a case to a main order of its customer', async () => {
    await stack.send([classified({ id: 'LATER', cod: 700, product: 'Heater' })]);
    const a = await create();
    const updated = ServiceActionSchema.parse(await stack.ok('update-action', { action_id: a.action_id, changes: { estimated_cost: 120.5, customer_contribution: 20, service_notes: 'call first' }, requested_by: agent }));
    expect(updated.service_notes).toBe('call first');
    expect(updated.costs).toMatchObject({ estimated_cost: 120.5, customer_contribution: 20 });
    const linked = ServiceActionSchema.parse(await stack.ok('link-order', { action_id: a.action_id, order_id: trackingOf('LATER'), requested_by: agent }));
    expect(linked).toMatchObject({ main_order_id: 'LATER', product_name: 'Heater' });
    await stack.send([classified({ id: 'NOTHERS', phone: phone(3) })]);
    const before = await snapshot(stack.database);
    expect(refusal(await stack.run('link-order', { action_id: a.action_id, order_id: 'NOTHERS', requested_by: agent }), 'unprocessable').options.code).toBe('order_of_other_customer');
    expect(refusal(await stack.runRaw('update-action', { action_id: a.action_id, changes: {}, requested_by: agent }), 'invalid_data').message).toMatch(/nothing to change/);
    expect(refusal(await stack.runRaw('update-action', { action_id: a.action_id, changes: { estimated_cost: -1 }, requested_by: agent }), 'invalid_data').message).toMatch(/estimated_cost/);
    expect(await snapshot(stack.database)).toEqual(before);
  });
});
