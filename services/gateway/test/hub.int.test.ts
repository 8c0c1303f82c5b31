import { randomUUID } from 'node:crypto';
import { HubAnalyticsSchema, HubWorkflowPageSchema, HubWorkflowSchema, ServiceActionSchema, hubQueue, type ActionType, type QueueContract, type ServiceAction } from '@hvar/contracts';
import { createLogger, createProducer, startOutboxRelay, type OutboxRelay, type Producer } from '@hvar/platform';
import { waitFor } from '@hvar/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot as hubSnapshot } from '../../hub/test/harness.js';
import { outbox as serviceActionOutbox } from '../../service-action/src/db/schema.js';
import { classified, phone } from '../../service-action/test/harness.js';
import { HubScanAnswerSchema } from '../src/routes/hub/scan-context.js';
import { startTestGateway, type TestGateway } from './harness.js';
import { startHierarchy, type HierarchyService } from './hierarchy.fixture.js';
import { startHub, type HubService } from './hub.fixture.js';
import { startServiceAction, type ServiceActionService } from './service-action.fixture.js';

// The real service-action, hierarchy and hub services in-process; the gateway finds them through the registry.
// Returns are not running: their `return-created` events are sent to the hub's queue by the test.
let gw: TestGateway;
let sa: ServiceActionService;
let hierarchy: HierarchyService;
let hierarchyUp = false;
let hub: HubService;
let caseCancellations: OutboxRelay;
let hubProducer: Producer<typeof hubQueue>;
const keys: Record<'agent' | 'viewer' | 'hubAgent' | 'leader', string> = { agent: '', viewer: '', hubAgent: '', leader: '' };

beforeAll(async () => {
  gw = await startTestGateway();
  sa = await startServiceAction(gw.redis, gw.config.REDIS_URL, gw.prefix);
  hierarchy = await startHierarchy(gw.redis, gw.config.REDIS_URL, gw.prefix);
  hierarchyUp = true;
  hub = await startHub(gw.redis, gw.config.REDIS_URL, gw.prefix);
  // service-action's `case-cancelled` messages reach the hub's queue (its other messages have no consumer here).
  hubProducer = createProducer(hubQueue, { connection: gw.redis, prefix: gw.prefix });
  caseCancellations = startOutboxRelay({
    database: sa.database, table: serviceActionOutbox, producers: new Map([[hubQueue.name, hubProducer as unknown as Producer<QueueContract>]]),
    log: createLogger({ service: 'test', level: 'silent' }), pollMs: 100,
  });
  // ORDER123 (delivered, COD 1500) and a maintenance order in its family, for customer 1.
  const orders = [classified({ id: 'ORDER123', cod: 1_500, product: 'Blender X200' }), classified({ id: 'MAINT77', type: 'maintenance', day: 20 })];
  await sa.send(orders);
  await hierarchy.send(orders);
  [keys.agent, keys.viewer, keys.hubAgent, keys.leader] = await Promise.all([gw.keyFor('agent'), gw.keyFor('viewer'), gw.keyFor('hub_agent'), gw.keyFor('team_leader')]);
});
afterAll(async () => {
  await caseCancellations?.stop();
  await hubProducer?.close();
  await hub?.stop();
  if (hierarchyUp) await hierarchy.stop();
  await sa?.stop();
  await gw?.close();
});

async function call(method: string, path: string, key: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await gw.request(method, path, { key, body, headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

let trackingSeq = 0;
/** Opens a case through the gateway and has the hub expect its return (the returns service's event). */
async function openCase(body: { customer_phone: string; action_type: ActionType; main_order_id?: string; service_reason?: string }): Promise<{ action: ServiceAction; tracking: string }> {
  const created = await call('POST', '/api/v1/service-actions', keys.agent, { service_reason: 'Product not working properly', ...body });
  expect(created.status).toBe(201);
  const action = ServiceActionSchema.parse(created.body);
  const tracking = `5551${String(Date.now() % 1e6).padStart(6, '0')}${++trackingSeq}`;
  await hub.event('return-created', {
    event_id: `rc-${randomUUID()}`, return_id: randomUUID(), action_id: action.action_id, case_number: action.case_number, action_type: action.action_type,
    tracking_number: tracking, customer_phone: action.customer_phone, customer_name: action.customer_name, product_name: action.product_name, reason: action.service_reason,
    at: new Date().toISOString(),
  });
  return { action, tracking };
}
const actionStatus = async (id: string) => ServiceActionSchema.parse((await call('GET', `/api/v1/service-actions/${id}`, keys.viewer)).body).action_status;
const until = (id: string, status: string) => waitFor(async () => (await actionStatus(id)) === status, { message: `action ${id} ${status}` });

describe('hub through the gateway', () => {
  it("story 1: the seed's scan answers the composed screen (case, customer, family, maintenance ticket); the seed's inspection confirms", async () => {
    const { action, tracking } = await openCase({ customer_phone: phone(1).slice(1), action_type: 'maintenance', main_order_id: 'ORDER123' });
    expect((await call('POST', '/api/v1/service-actions/hub-scan', keys.viewer, { return_tracking_number: tracking, hub_name: 'Cairo Hub', hub_agent: 'Ahmed Ali' })).status).toBe(403);
    const res = await call('POST', '/api/v1/service-actions/hub-scan', keys.hubAgent, { return_tracking_number: tracking, hub_name: 'Cairo Hub', hub_agent: 'Ahmed Ali' });
    expect(res.status).toBe(200);
    const answer = HubScanAnswerSchema.parse(res.body);
    expect(answer.scan).toMatchObject({ repeated: false, workflow: { status: 'inspecting', hub_name: 'Cairo Hub', hub_agent: 'Ahmed Ali', confirmation_type: 'maintenance_verification' } });
    expect(answer.message).toContain('Received at Cairo Hub by Ahmed Ali: Maintenance request');
    const c = answer.context;
    expect(c).toMatchObject({ action_id: action.action_id, action_type: 'maintenance', service_reason: 'Product not working properly', return_type: { label: 'Maintenance request' } });
    expect(c.action?.case_number).toBe(action.case_number);
    expect(c.customer?.phone).toBe(phone(1));
    expect(c.customer?.total_orders).toBe(2);
    expect(c.order_hierarchy).toMatchObject({ main_order_id: 'ORDER123' });
    expect(c.order_family?.root.order_id).toBe('ORDER123');
    expect(c.order_family?.root.children.map((n) => n.order_id)).toEqual(['MAINT77']);
    expect(c.has_maintenance_ticket).toBe(true);
    expect(c.maintenance_tickets.actions.map((a) => a.action_id)).toContain(action.action_id);
    expect(c.maintenance_tickets.orders).toEqual([{ order_id: 'MAINT77', tracking_number: expect.any(String) as string, service_type: 'maintenance' }]);
    expect(c.notes).toEqual([]);
    await until(action.action_id, 'return_received');

    const inspected = await call('POST', '/api/v1/service-actions/hub-inspection', keys.hubAgent, {
      return_tracking_number: tracking, product_condition: 'good', quality_score: 7, inspection_notes: 'Minor wear, needs maintenance', recommended_action: 'maintenance',
    });
    expect(inspected.status).toBe(200);
    expect(HubWorkflowSchema.parse(inspected.body)).toMatchObject({ status: 'confirmed', review_required: false, inspection: { quality_score: 7 } });
    await until(action.action_id, 'hub_confirmed');
  });

  it('a second scan is a clear answer (repeated, nothing changed); the same Idempotency-Key answers the first scan; an unknown code is a clear 404', async () => {
    const { tracking } = await openCase({ customer_phone: phone(1), action_type: 'service' });
    const body = { return_tracking_number: tracking, hub_name: 'Cairo Hub', hub_agent: 'Ahmed Ali' };
    const first = HubScanAnswerSchema.parse((await call('POST', '/api/v1/service-actions/hub-scan', keys.hubAgent, body, { 'idempotency-key': `scan-${tracking}` })).body);
    const replay = HubScanAnswerSchema.parse((await call('POST', '/api/v1/service-actions/hub-scan', keys.hubAgent, body, { 'idempotency-key': `scan-${tracking}` })).body);
    expect(replay.scan).toEqual(first.scan);
    const before = await hubSnapshot(hub.database);
    const again = await call('POST', '/api/v1/service-actions/hub-scan', keys.hubAgent, { ...body, hub_name: 'Giza Hub' });
    expect(again.status).toBe(200);
    const repeat = HubScanAnswerSchema.parse(again.body);
    expect(repeat.scan.repeated).toBe(true);
    expect(repeat.scan.workflow).toEqual(first.scan.workflow);
    expect(repeat.message).toContain('Already scanned at Cairo Hub by Ahmed Ali');
    expect(repeat.message).toContain('nothing changed');
    const after = (await hubSnapshot(hub.database)) as { workflows: unknown; counts: { outbox: number } };
    expect(after.workflows).toEqual((before as { workflows: unknown }).workflows);
    expect(after.counts.outbox).toBe((before as { counts: { outbox: number } }).counts.outbox);

    const unknown = await call('POST', '/api/v1/service-actions/hub-scan', keys.hubAgent, { ...body, return_tracking_number: '4040404040' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'unknown_return' });
    expect(String(unknown.body.detail)).toContain('Unknown code 4040404040');
  });

  it('a scan for a cancelled case is refused with the reason (409 case_cancelled), nothing written', async () => {
    const { action, tracking } = await openCase({ customer_phone: phone(1), action_type: 'replace_part' });
    expect((await call('DELETE', `/api/v1/service-actions/${action.action_id}`, keys.agent, { reason: 'customer changed mind' })).status).toBe(200);
    await waitFor(async () => (await hub.database.pool.query('select 1 from hub.workflows where return_tracking_number = $1 and status = $2', [tracking, 'cancelled'])).rowCount === 1,
      { message: 'the hub heard of the cancellation' });
    const before = await hubSnapshot(hub.database);
    const res = await call('POST', '/api/v1/service-actions/hub-scan', keys.hubAgent, { return_tracking_number: tracking, hub_name: 'Cairo Hub', hub_agent: 'Ahmed Ali' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'case_cancelled' });
    expect(String(res.body.detail)).toContain('customer changed mind');
    expect(await hubSnapshot(hub.database)).toEqual(before);
  });

  it('story 2: no order, full replacement, score 2 → review required; only a team leader decides; approval confirms the case', async () => {
    const { action, tracking } = await openCase({ customer_phone: phone(3), action_type: 'replace_full', service_reason: 'stopped working' });
    const scan = HubScanAnswerSchema.parse((await call('POST', '/api/v1/service-actions/hub-scan', keys.leader, { return_tracking_number: tracking, hub_name: 'Alex Hub' })).body);
    expect(scan.scan.workflow.hub_agent).toBe('test team_leader');
    expect(scan.context).toMatchObject({ return_type: { label: 'Full replacement request', confirmation_type: 'exchange_verification' }, order_family: null, has_maintenance_ticket: false });
    expect(scan.context.notes).toEqual([{ part: 'order_family', note: 'The case has no order (a customer without an order).' }]);

    const bad = async (over: Record<string, unknown>) => call('POST', '/api/v1/service-actions/hub-inspection', keys.hubAgent, {
      return_tracking_number: tracking, product_condition: 'damaged', quality_score: 2, inspection_notes: 'defective', recommended_action: 'replace_full', ...over,
    });
    const before = await hubSnapshot(hub.database);
    for (const score of [0, 11]) {
      const res = await bad({ quality_score: score });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.errors)).toContain('body.quality_score');
    }
    expect((await bad({ wings: 2 })).status).toBe(400);
    expect(await hubSnapshot(hub.database)).toEqual(before);

    const inspected = HubWorkflowSchema.parse((await bad({})).body);
    expect(inspected).toMatchObject({ status: 'inspecting', review_required: true, review_reasons: ['low_quality_score: quality score 2 is at most 3'] });
    await until(action.action_id, 'pending_review');
    const decision = { return_tracking_number: tracking, decision: 'approved', notes: 'replace it' };
    expect((await call('POST', '/api/v1/service-actions/team-leader-review', keys.hubAgent, decision)).status).toBe(403);
    const approved = await call('POST', '/api/v1/service-actions/team-leader-review', keys.leader, decision);
    expect(approved.status).toBe(200);
    expect(HubWorkflowSchema.parse(approved.body)).toMatchObject({ status: 'confirmed', review: { decision: 'approved', team_leader: 'test team_leader' } });
    await until(action.action_id, 'hub_confirmed');
    const again = await call('POST', '/api/v1/service-actions/team-leader-review', keys.leader, decision);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'no_review_pending' });
  });

  it('workflows: create by hand, assign, list with filters, read by tracking number, confirm, analytics', async () => {
    const created = await call('POST', '/api/v1/hub/workflows', keys.agent, {
      action_id: randomUUID(), case_number: 'SA-2026-000999', action_type: 'return_refund', return_tracking_number: '77700001', customer_phone: '01001234567', reason: 'refund',
    });
    expect(created.status).toBe(201);
    const wf = HubWorkflowSchema.parse(created.body);
    expect(wf).toMatchObject({ status: 'pending', customer_phone: '+201001234567', confirmation_type: 'return_inspection' });
    const assigned = await call('PUT', `/api/v1/hub/workflows/${wf.workflow_id}`, keys.hubAgent, { hub_name: 'Giza Hub', hub_agent: 'Omar' });
    expect(assigned.body).toMatchObject({ hub_name: 'Giza Hub', hub_agent: 'Omar' });
    expect((await call('PUT', `/api/v1/hub/workflows/${wf.workflow_id}`, keys.hubAgent, {})).status).toBe(400);
    expect((await call('POST', `/api/v1/hub/workflows/${wf.workflow_id}/confirm`, keys.hubAgent)).body).toMatchObject({ code: 'not_scanned' });

    const page = HubWorkflowPageSchema.parse((await call('GET', '/api/v1/hub/workflows?hub_name=Giza%20Hub&status=pending', keys.viewer)).body);
    expect(page.items.map((w) => w.workflow_id)).toEqual([wf.workflow_id]);
    const reviewed = HubWorkflowPageSchema.parse((await call('GET', '/api/v1/hub/workflows?review_required=true', keys.viewer)).body);
    expect(reviewed.items.map((w) => w.action_type)).toEqual(['replace_full']);
    expect((await call('GET', '/api/v1/hub/workflows?status=flying', keys.viewer)).status).toBe(400);
    expect(HubWorkflowSchema.parse((await call('GET', '/api/v1/hub/workflows/77700001', keys.hubAgent)).body).workflow_id).toBe(wf.workflow_id);
    expect((await call('GET', '/api/v1/hub/workflows/99999999', keys.viewer)).status).toBe(404);

    const confirmed = (await call('GET', '/api/v1/hub/workflows?status=confirmed&limit=1', keys.viewer)).body;
    const one = HubWorkflowPageSchema.parse(confirmed).items[0];
    expect(one).toBeDefined();
    const confirm = await call('POST', `/api/v1/hub/workflows/${one?.workflow_id}/confirm`, keys.hubAgent);
    expect(confirm.status).toBe(200);
    expect(confirm.body).toEqual(one);

    const analytics = HubAnalyticsSchema.parse((await call('GET', '/api/v1/hub/analytics', keys.viewer)).body);
    expect(analytics.overall).toMatchObject({ confirmed: 2, inspected: 2 });
    expect(analytics.by_hub.map((h) => h.hub_name).sort()).toEqual(['Alex Hub', 'Cairo Hub', 'Giza Hub']);
  });

  it('a context part whose owner is down is null with a note; the scan still succeeds', async () => {
    const { tracking } = await openCase({ customer_phone: phone(1), action_type: 'maintenance', main_order_id: 'ORDER123' });
    await hierarchy.stop();
    hierarchyUp = false;
    const res = await call('POST', '/api/v1/service-actions/hub-scan', keys.hubAgent, { return_tracking_number: tracking, hub_name: 'Cairo Hub', hub_agent: 'Ahmed Ali' });
    expect(res.status).toBe(200);
    const answer = HubScanAnswerSchema.parse(res.body);
    expect(answer.scan.repeated).toBe(false);
    expect(answer.context.order_family).toBeNull();
    expect(answer.context.action?.main_order_id).toBe('ORDER123');
    expect(answer.context.notes).toEqual([{ part: 'order_family', note: expect.stringContaining('hierarchy service is not available') as string }]);
    expect(answer.context.has_maintenance_ticket).toBe(true);
  });
});
