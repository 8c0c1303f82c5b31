import { FamilyActionsSchema, ServiceActionPageSchema, ServiceActionSchema, ServiceAnalyticsSchema, ServiceDashboardSchema } from '@hvar/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classified, phone, trackingOf } from '../../service-action/test/harness.js';
import { startTestGateway, type TestGateway } from './harness.js';
import { startServiceAction, type ServiceActionService } from './service-action.fixture.js';

// The real service-action service (read API and worker) in-process; the gateway finds it through the registry.
let gw: TestGateway;
let sa: ServiceActionService;
let agent: string;
let viewer: string;
let technician: string;
let hubAgent: string;

beforeAll(async () => {
  gw = await startTestGateway();
  sa = await startServiceAction(gw.redis, gw.config.REDIS_URL, gw.prefix);
  await sa.send([classified({ id: 'ORDER123', cod: 1_500, product: 'Blender X200' }), classified({ id: 'OTHER9', phone: phone(2) })]);
  [agent, viewer, technician, hubAgent] = await Promise.all([gw.keyFor('agent'), gw.keyFor('viewer'), gw.keyFor('technician'), gw.keyFor('hub_agent')]);
});
afterAll(async () => {
  await sa?.stop();
  await gw?.close();
});

async function call(method: string, path: string, key: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await gw.request(method, path, { key, body, headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const count = async () => Number((await sa.database.pool.query<{ n: number }>('select count(*)::int as n from service_action.actions')).rows[0]?.n);
// Customer 1's phone as the seed writes it (no +, country code first).
const seedPhone = phone(1).slice(1);

describe('service actions through the gateway', () => {
  it("the seed's create call works as written, and the same Idempotency-Key twice opens one case", async () => {
    const body = { customer_phone: seedPhone, action_type: 'maintenance', service_reason: 'Product not working properly', main_order_id: 'ORDER123', link_to_hierarchy: true };
    const before = await count();
    const first = await call('POST', '/api/v1/service-actions', agent, body, { 'idempotency-key': 'create-order123-0001' });
    expect(first.status).toBe(201);
    const action = ServiceActionSchema.parse(first.body);
    expect(action).toMatchObject({ customer_phone: phone(1), main_order_id: 'ORDER123', action_status: 'requested', product_name: 'Blender X200' });
    const again = await call('POST', '/api/v1/service-actions', agent, body, { 'idempotency-key': 'create-order123-0001' });
    expect(again.status).toBe(201);
    expect(again.body.action_id).toBe(action.action_id);
    expect(await count()).toBe(before + 1);
    const read = await call('GET', `/api/v1/service-actions/${action.case_number}`, viewer);
    expect(ServiceActionSchema.parse(read.body).transitions?.map((t) => t.to_status)).toEqual(['requested']);
  });

  it('bad input answers 400 naming the field; refusals map to 404/409/422; nothing is written', async () => {
    const before = await count();
    const bad: [Record<string, unknown>, string][] = [
      [{ customer_phone: '0100', action_type: 'maintenance', service_reason: 'x' }, 'body.customer_phone'],
      [{ customer_phone: seedPhone, action_type: 'teleport', service_reason: 'x' }, 'body.action_type'],
      [{ customer_phone: seedPhone, action_type: 'maintenance' }, 'body.service_reason'],
      [{ customer_phone: seedPhone, action_type: 'maintenance', service_reason: 'x', surprise: 1 }, 'body'],
    ];
    for (const [body, field] of bad) {
      const res = await call('POST', '/api/v1/service-actions', agent, body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.errors)).toContain(field);
    }
    const other = await call('POST', '/api/v1/service-actions', agent, { customer_phone: seedPhone, action_type: 'maintenance', service_reason: 'x', main_order_id: 'OTHER9' });
    expect(other.status).toBe(422);
    expect((await call('POST', '/api/v1/service-actions', agent, { customer_phone: seedPhone, action_type: 'maintenance', service_reason: 'x', main_order_id: 'NOPE' })).status).toBe(404);
    expect(await count()).toBe(before);
    expect((await call('GET', '/api/v1/service-actions/SA-2026-999999', viewer)).status).toBe(404);
    expect((await call('GET', '/api/v1/service-actions/not-an-id', viewer)).status).toBe(400);
    expect((await call('POST', '/api/v1/service-actions/SA-2026-999999/refund', agent, { amount: 10 })).status).toBe(404);
    expect((await call('POST', '/api/v1/service-actions/SA-2026-999999/refund', agent, { amount: -10 })).status).toBe(400);
    expect((await call('GET', '/api/v1/service-actions?status=flying', viewer)).status).toBe(400);
    expect((await call('GET', '/api/v1/service-actions?customer_phone=123', viewer)).status).toBe(400);
  });

  it('every command route refuses bad input with 400 naming the field, and unknown ids with 404', async () => {
    const created = ServiceActionSchema.parse((await call('POST', '/api/v1/service-actions', agent, { customer_phone: seedPhone, action_type: 'service', service_reason: 'install' })).body);
    const snapshot = async () => (await sa.database.pool.query<Record<string, unknown>>('select status, updated_at, estimated_cost_piastres from service_action.actions where action_id = $1', [created.action_id])).rows;
    const before = await snapshot();
    const id = created.action_id;
    const bad: [string, string, unknown, string][] = [
      ['PUT', `/api/v1/service-actions/${id}`, {}, 'body'],
      ['PUT', `/api/v1/service-actions/${id}`, { estimated_cost: -1 }, 'body.estimated_cost'],
      ['PUT', `/api/v1/service-actions/${id}`, { action_status: 'completed' }, 'body'],
      ['POST', `/api/v1/service-actions/${id}/link-order`, {}, 'body.order_id'],
      ['POST', `/api/v1/service-actions/${id}/retry-return`, { reason: '' }, 'body.reason'],
      ['POST', `/api/v1/service-actions/${id}/execute`, { technician: 'x', wings: 2 }, 'body'],
      ['POST', `/api/v1/service-actions/${id}/replace-part`, { technician: 'x', parts: [{ sku: 'A', name: 'B', qty: 0, unit_cost: 1 }] }, 'body.parts.0.qty'],
      ['DELETE', `/api/v1/service-actions/${id}`, { reason: '   ' }, 'body.reason'],
    ];
    for (const [method, path, body, field] of bad) {
      const res = await call(method, path, agent, body);
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(JSON.stringify(res.body.errors)).toContain(field);
    }
    const ghost = '00000000-0000-4000-8000-000000000000';
    expect((await call('PUT', `/api/v1/service-actions/${ghost}`, agent, { service_notes: 'x' })).status).toBe(404);
    expect((await call('POST', `/api/v1/service-actions/${ghost}/link-order`, agent, { order_id: 'ORDER123' })).status).toBe(404);
    expect((await call('POST', `/api/v1/service-actions/${id}/link-order`, agent, { order_id: 'NOPE' })).status).toBe(404);
    expect((await call('GET', '/api/v1/service-actions/hierarchy/bad%20id', viewer)).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('cancel with DELETE before the product is received; after it, 409 with the allowed statuses', async () => {
    const created = ServiceActionSchema.parse((await call('POST', '/api/v1/service-actions', agent, { customer_phone: seedPhone, action_type: 'replace_part', service_reason: 'missing part' })).body);
    expect((await call('DELETE', `/api/v1/service-actions/${created.action_id}`, agent, {})).status).toBe(400);
    const received = ServiceActionSchema.parse((await call('POST', '/api/v1/service-actions', agent, { customer_phone: seedPhone, action_type: 'maintenance', service_reason: 'noisy' })).body);
    await sa.event('return-received', { action_id: received.action_id, workflow_id: 'w1', return_tracking_number: '55500001', hub_name: 'Cairo Hub', hub_agent: 'Ahmed' });
    const late = await call('DELETE', `/api/v1/service-actions/${received.action_id}`, agent, { reason: 'customer changed mind' });
    expect(late.status).toBe(409);
    expect(late.body.detail).toContain('allowed from return_received: hub_confirmed');
    const cancelled = await call('DELETE', `/api/v1/service-actions/${created.action_id}`, agent, { reason: 'customer changed mind' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.action_status).toBe('cancelled');
  });

  it('a technician executes the seed’s maintenance call; a viewer may not', async () => {
    const created = ServiceActionSchema.parse((await call('POST', '/api/v1/service-actions', agent, { customer_phone: seedPhone, action_type: 'maintenance', service_reason: 'motor', main_order_id: trackingOf('ORDER123') })).body);
    await sa.event('return-received', { action_id: created.action_id, workflow_id: 'w2', return_tracking_number: '55500002', hub_name: 'Cairo Hub', hub_agent: 'Ahmed' });
    await sa.event('inspection-completed', { action_id: created.action_id, workflow_id: 'w2', hub_agent: 'Ahmed', product_condition: 'good', quality_score: 6, recommended_action: 'maintenance', review_required: false });
    const body = { technician: 'Mohammed Hassan', maintenance_notes: 'Replaced motor bearings, cleaned internal parts' };
    expect((await call('POST', `/api/v1/service-actions/${created.action_id}/maintenance`, viewer, body)).status).toBe(403);
    expect((await call('POST', `/api/v1/service-actions/${created.action_id}/refund`, technician, { amount: 5 })).status).toBe(409);
    const done = await call('POST', `/api/v1/service-actions/${created.action_id}/maintenance`, technician, body);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ action_status: 'in_progress', assigned_technician: 'Mohammed Hassan' });
    const history = ServiceActionSchema.parse((await call('GET', `/api/v1/service-actions/${created.action_id}`, hubAgent)).body);
    expect(history.transitions?.at(-1)).toMatchObject({ to_status: 'in_progress', reason: 'maintenance by Mohammed Hassan: Replaced motor bearings, cleaned internal parts' });
  });

  it('lists with filters, the family of an order, analytics and the dashboard', async () => {
    const page = ServiceActionPageSchema.parse((await call('GET', `/api/v1/service-actions?customer_phone=0${phone(1).slice(3)}&action_type=maintenance&limit=1`, viewer)).body);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]?.action_type).toBe('maintenance');
    expect(page.next_cursor).not.toBeNull();
    const next = ServiceActionPageSchema.parse((await call('GET', `/api/v1/service-actions?customer_phone=${phone(1)}&action_type=maintenance&limit=50&cursor=${page.next_cursor}`, viewer)).body);
    expect(next.items.map((a) => a.action_id)).not.toContain(page.items[0]?.action_id);
    const cancelled = ServiceActionPageSchema.parse((await call('GET', '/api/v1/service-actions?status=cancelled', viewer)).body);
    expect(cancelled.items.every((a) => a.action_status === 'cancelled')).toBe(true);
    expect(cancelled.items.length).toBeGreaterThan(0);
    const family = FamilyActionsSchema.parse((await call('GET', '/api/v1/service-actions/hierarchy/ORDER123', viewer)).body);
    expect(family.root_order_id).toBe('ORDER123');
    expect(family.items.length).toBeGreaterThanOrEqual(2);
    expect((await call('GET', '/api/v1/service-actions/hierarchy/NOPE', viewer)).status).toBe(404);
    const analytics = ServiceAnalyticsSchema.parse((await call('GET', '/api/v1/analytics/service', viewer)).body);
    expect(analytics.total).toBe(await count());
    expect(analytics.by_link.with_order).toBeGreaterThanOrEqual(2);
    const dashboard = ServiceDashboardSchema.parse((await call('GET', '/api/v1/service-actions/dashboard', viewer)).body);
    expect(dashboard.open).toBeGreaterThan(0);
  });
});
