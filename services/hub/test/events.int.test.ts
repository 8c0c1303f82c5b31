import { randomUUID } from 'node:crypto';
import type { ReturnStatusSchema } from '@hvar/contracts';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal, returnCreated, snapshot, startHubStack, type HubStack } from './harness.js';

let stack: HubStack;
beforeAll(async () => {
  stack = await startHubStack();
});
afterAll(async () => {
  await stack?.close();
});

const workflowOf = async (tn: string) =>
  (await stack.database.pool.query<Record<string, unknown>>('select * from hub.workflows where return_tracking_number = $1', [tn])).rows;
const transitions = async (tn: string) =>
  (await stack.database.pool.query<{ t: string }>(
    `select coalesce(t.from_status, '∅') || '→' || t.to_status as t from hub.transitions t join hub.workflows w using (workflow_id) where w.return_tracking_number = $1 order by t.id`, [tn])).rows.map((r) => r.t);
const statusEvent = (ev: ReturnType<typeof returnCreated>, status: z.infer<typeof ReturnStatusSchema>, over: Record<string, unknown> = {}) => ({
  event_id: `rs-${randomUUID()}`, action_id: ev.action_id, return_id: ev.return_id, tracking_number: ev.tracking_number, status, bosta_state_code: null, at: new Date().toISOString(), ...over,
});
const cancelled = (actionId: string, reason = 'customer changed mind') => ({ event_id: `cc-${randomUUID()}`, action_id: actionId, reason, at: new Date().toISOString() });
const scan = (tn: string) => stack.run('scan', { return_tracking_number: tn, hub_name: 'Cairo Hub', hub_agent: 'Ahmed Ali', requested_by: 'user-1' });

describe('return-created', () => {
  it('creates one pending workflow per tracking number, once per event id and once per tracking number', async () => {
    const ev = returnCreated({ action_type: 'replace_part' });
    await stack.ok('return-created', ev);
    await stack.ok('return-created', ev);
    await stack.ok('return-created', { ...ev, event_id: `rc-${randomUUID()}` });
    const rows = await workflowOf(ev.tracking_number);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action_id: ev.action_id, case_number: ev.case_number, action_type: 'replace_part', confirmation_type: 'exchange_verification', return_id: ev.return_id,
      status: 'pending', return_status: 'created', customer_phone: ev.customer_phone, product_name: 'Blender X200', created_by: 'system:returns',
    });
    expect(await transitions(ev.tracking_number)).toEqual(['∅→pending']);
    const { rows: inbox } = await stack.database.pool.query(`select count(*)::int as n from hub.inbox where handler = 'return-created' and message_id like $1`, [`%${ev.event_id}`]);
    expect(inbox[0]).toEqual({ n: 1 });
  });

  it('a tracking number another case holds is ignored; a workflow registered by hand gets the return id', async () => {
    const ev = returnCreated();
    await stack.ok('return-created', ev);
    const before = await workflowOf(ev.tracking_number);
    await stack.ok('return-created', { ...returnCreated({ tracking_number: ev.tracking_number }) });
    expect(await workflowOf(ev.tracking_number)).toEqual(before);

    const manual = returnCreated();
    await stack.ok('create-workflow', {
      action_id: manual.action_id, case_number: manual.case_number, action_type: 'maintenance', return_tracking_number: manual.tracking_number,
      customer_phone: manual.customer_phone, reason: 'noisy', requested_by: 'user-1',
    });
    await stack.ok('return-created', manual);
    const [row] = await workflowOf(manual.tracking_number);
    expect(row).toMatchObject({ return_id: manual.return_id, return_status: 'created', created_by: 'user-1', status: 'pending' });
  });

  it('refuses an invalid payload (invalid_data) and writes nothing', async () => {
    const before = await snapshot(stack.database);
    const ev = returnCreated();
    for (const bad of [{ ...ev, tracking_number: 'ABC' }, { ...ev, customer_phone: '0100' }, { ...ev, action_type: 'teleport' }, { ...ev, event_id: '' }]) {
      refusal(await stack.runRaw('return-created', bad), 'invalid_data');
    }
    expect(await snapshot(stack.database)).toEqual(before);
  });
});

describe('return-status-changed', () => {
  it("shows the pickup's status; a late status changes nothing; the scan's delivered_to_hub is not overwritten", async () => {
    const ev = returnCreated();
    await stack.ok('return-created', ev);
    await stack.ok('return-status-changed', statusEvent(ev, 'in_transit', { bosta_state_code: 24 }));
    expect((await workflowOf(ev.tracking_number))[0]?.return_status).toBe('in_transit');
    await stack.ok('return-status-changed', statusEvent(ev, 'picked_up'));
    expect((await workflowOf(ev.tracking_number))[0]?.return_status).toBe('in_transit');
    const { rows } = await stack.database.pool.query('select status, bosta_state_code from hub.pickups where return_id = $1', [ev.return_id]);
    expect(rows).toEqual([{ status: 'in_transit', bosta_state_code: 24 }]);
    await scan(ev.tracking_number);
    await stack.ok('return-status-changed', statusEvent(ev, 'in_transit'));
    expect((await workflowOf(ev.tracking_number))[0]?.return_status).toBe('delivered_to_hub');
  });

  it('a status that arrives before return-created is kept and shown when the workflow is created', async () => {
    const ev = returnCreated();
    await stack.ok('return-status-changed', statusEvent(ev, 'picked_up'));
    expect(await workflowOf(ev.tracking_number)).toEqual([]);
    await stack.ok('return-created', ev);
    expect((await workflowOf(ev.tracking_number))[0]).toMatchObject({ status: 'pending', return_status: 'picked_up' });
  });

  it('the same event id twice is applied once', async () => {
    const ev = returnCreated();
    await stack.ok('return-created', ev);
    const failed = statusEvent(ev, 'failed');
    await stack.ok('return-status-changed', failed);
    const before = await snapshot(stack.database);
    await stack.ok('return-status-changed', failed);
    expect(await snapshot(stack.database)).toEqual(before);
  });
});

describe('case-cancelled', () => {
  it('cancels open workflows (pending, or awaiting review) with the reason; decided ones stay; once per event id', async () => {
    const pending = returnCreated();
    const reviewing = returnCreated({ action_type: 'return_refund' });
    const done = returnCreated();
    for (const ev of [pending, reviewing, done]) await stack.ok('return-created', ev);
    for (const ev of [reviewing, done]) await scan(ev.tracking_number);
    const inspect = (tn: string, recommended_action: 'refund' | 'maintenance') =>
      stack.ok('inspect', { return_tracking_number: tn, product_condition: 'good', quality_score: 7, recommended_action, requested_by: 'user-1' });
    await inspect(reviewing.tracking_number, 'refund');
    await inspect(done.tracking_number, 'maintenance');

    const event = cancelled(pending.action_id);
    await stack.ok('case-cancelled', event);
    await stack.ok('case-cancelled', event);
    expect((await workflowOf(pending.tracking_number))[0]).toMatchObject({ status: 'cancelled', cancelled_reason: 'customer changed mind' });
    expect(await transitions(pending.tracking_number)).toEqual(['∅→pending', 'pending→cancelled']);

    await stack.ok('case-cancelled', cancelled(reviewing.action_id, 'duplicate'));
    expect((await workflowOf(reviewing.tracking_number))[0]).toMatchObject({ status: 'cancelled', review_pending: false, cancelled_reason: 'duplicate' });

    const before = await snapshot(stack.database);
    await stack.ok('case-cancelled', cancelled(done.action_id));
    const after = (await snapshot(stack.database)) as { counts: Record<string, number>; workflows: unknown };
    expect(after.workflows).toEqual((before as { workflows: unknown }).workflows);
    expect((await workflowOf(done.tracking_number))[0]).toMatchObject({ status: 'confirmed', cancelled_reason: null });
  });

  it('a cancellation before the return is known: the workflow starts cancelled and its scan is refused with the reason', async () => {
    const ev = returnCreated();
    await stack.ok('case-cancelled', cancelled(ev.action_id, 'customer bought a new one'));
    await stack.ok('return-created', ev);
    expect((await workflowOf(ev.tracking_number))[0]).toMatchObject({ status: 'cancelled', cancelled_reason: 'customer bought a new one' });
    expect(await transitions(ev.tracking_number)).toEqual(['∅→pending', 'pending→cancelled']);
    const error = refusal(await scan(ev.tracking_number), 'conflict');
    expect(error.options.code).toBe('case_cancelled');
    expect(error.message).toContain('customer bought a new one');
  });

  it('refuses an invalid payload (invalid_data) and writes nothing', async () => {
    const before = await snapshot(stack.database);
    refusal(await stack.runRaw('case-cancelled', { event_id: 'x', action_id: 'not-a-uuid', reason: 'r', at: new Date().toISOString() }), 'invalid_data');
    refusal(await stack.runRaw('case-cancelled', { event_id: 'x', action_id: randomUUID(), reason: 'r', at: 'yesterday' }), 'invalid_data');
    expect(await snapshot(stack.database)).toEqual(before);
  });
});
