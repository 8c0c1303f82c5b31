import {
  CustomerDetailSchema, CustomerPageSchema, CustomerSchema, CustomersAnalyticsSchema, CustomerStatsSchema, InteractionListSchema, InteractionSchema,
  SegmentHistorySchema,
} from '@hvar/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classified, phone } from '../../service-action/test/harness.js';
import { startTestGateway, type TestGateway } from './harness.js';
import { startServiceAction, type ServiceActionService } from './service-action.fixture.js';

// The real service-action service (read API and worker) in-process; the gateway finds it through the registry.
let gw: TestGateway;
let sa: ServiceActionService;
let agent: string;
let viewer: string;
let technician: string;

beforeAll(async () => {
  gw = await startTestGateway();
  sa = await startServiceAction(gw.redis, gw.config.REDIS_URL, gw.prefix);
  // Customer 1: five orders, one returned (20%); customer 2: one order.
  await sa.send([
    ...[0, 10, 20, 30].map((day) => classified({ id: `c1-${day}`, day })),
    classified({ id: 'c1-ret', day: 40, state: 46 }),
    classified({ id: 'c2-1', day: 5, phone: phone(2), city: 'Giza' }),
  ]);
  [agent, viewer, technician] = await Promise.all([gw.keyFor('agent'), gw.keyFor('viewer'), gw.keyFor('technician')]);
});
afterAll(async () => {
  await sa?.stop();
  await gw?.close();
});

async function call(method: string, path: string, key: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await gw.request(method, path, { key, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
/** Rows of the customer tables: a refused request must leave them as they were. */
async function state(): Promise<unknown> {
  const { rows } = await sa.database.pool.query(
    `select (select json_agg(c order by phone) from service_action.customers c) as customers, (select json_agg(i order by interaction_id) from service_action.interactions i) as interactions`);
  return rows[0];
}
const errorPaths = (body: Record<string, unknown>) => (body.errors as { path: string }[] | undefined)?.map((e) => e.path) ?? [];
// Customer 1's phone as a person types it.
const local = `0${phone(1).slice(3)}`;

describe('customer reads through the gateway', () => {
  it('the seed list examples work as written (return_rate_min is a percent, satisfaction 0-1)', async () => {
    const seed = await call('GET', '/api/v1/customers?return_rate_min=20&order_count_min=5', viewer);
    expect(seed.status).toBe(200);
    expect(CustomerPageSchema.parse(seed.body).items.map((c) => c.phone)).toEqual([phone(1)]);
    expect((await call('GET', '/api/v1/customers?segment=vip&last_order_days=30&satisfaction_min=0.8', viewer)).status).toBe(200);
    expect((await call('GET', '/api/v1/customers?segment=problematic&has_maintenance_orders=true', viewer)).status).toBe(200);
    expect(CustomerPageSchema.parse((await call('GET', '/api/v1/customers?city=giza', agent)).body).items.map((c) => c.phone)).toEqual([phone(2)]);
  });

  it('bad list parameters are 400 at the gateway, naming the parameter', async () => {
    for (const [q, field] of [['return_rate_min=-5', 'query.return_rate_min'], ['satisfaction_min=80', 'query.satisfaction_min'], ['order_count_min=x', 'query.order_count_min'], ['colour=red', 'query']] as const) {
      const res = await call('GET', `/api/v1/customers?${q}`, viewer);
      expect(res.status, q).toBe(400);
      expect(errorPaths(res.body).some((p) => p.startsWith(field)), `${q}: ${JSON.stringify(res.body.errors)}`).toBe(true);
    }
  });

  it('one customer by any phone spelling; bad phone 400; unknown phone 404', async () => {
    const one = await call('GET', `/api/v1/customers/${encodeURIComponent(local)}`, viewer);
    expect(one.status).toBe(200);
    expect(CustomerDetailSchema.parse(one.body)).toMatchObject({ phone: phone(1), total_orders: 5, return_rate: 0.2 });
    const bad = await call('GET', '/api/v1/customers/12345', viewer);
    expect(bad.status).toBe(400);
    expect(errorPaths(bad.body)).toContain('params.phone');
    const unknown = await call('GET', `/api/v1/customers/${phone(99)}`, viewer);
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toBe('https://hvar-cycle.dev/problems/not_found');
    expect((await call('GET', `/api/v1/customers/${phone(99)}/interactions`, viewer)).status).toBe(404);
    expect((await call('GET', `/api/v1/customers/${phone(99)}/segments`, viewer)).status).toBe(404);
    expect((await call('GET', '/api/v1/customers/abc/segments', viewer)).status).toBe(400);
  });

  it('stats, analytics (both paths) and the segment history', async () => {
    expect(CustomerStatsSchema.parse((await call('GET', '/api/v1/customers/stats', viewer)).body)).toMatchObject({ total_customers: 2, total_orders: 6 });
    const analytics = CustomersAnalyticsSchema.parse((await call('GET', '/api/v1/customers/analytics', viewer)).body);
    expect(analytics.customers).toBe(2);
    expect((await call('GET', '/api/v1/analytics/customers', viewer)).body).toEqual(analytics);
    expect((await call('GET', '/api/v1/customers/stats?x=1', viewer)).status).toBe(400);
    const history = SegmentHistorySchema.parse((await call('GET', `/api/v1/customers/${local}/segments`, viewer)).body);
    expect(history.items.length).toBeGreaterThan(0);
  });

  it('roles: viewers read but do not write; technicians do neither', async () => {
    expect((await call('POST', '/api/v1/customers', viewer, { phone: phone(50) })).status).toBe(403);
    expect((await call('GET', '/api/v1/customers', technician)).status).toBe(403);
  });
});

describe('customer commands through the gateway', () => {
  it('create (any spelling), 409 when it exists; bad bodies are 400 and write nothing', async () => {
    const created = await call('POST', '/api/v1/customers', agent, { phone: '+20 100 000 0060', full_name: 'Nour Hassan', email: 'nour@example.com' });
    expect(created.status).toBe(201);
    expect(CustomerSchema.parse(created.body)).toMatchObject({ phone: phone(60), full_name: 'Nour Hassan', customer_segment: 'new', segment_reason: 'no orders yet' });
    const before = await state();
    expect((await call('POST', '/api/v1/customers', agent, { phone: `0${phone(60).slice(3)}` })).status).toBe(409);
    for (const [body, field] of [
      [{ phone: '0100' }, 'body.phone'],
      [{ phone: phone(61), email: 'nope' }, 'body.email'],
      [{ phone: phone(61), nickname: 'x' }, 'body'],
      [{ phone: phone(61), full_name: '' }, 'body.full_name'],
      [{}, 'body.phone'],
    ] as const) {
      const res = await call('POST', '/api/v1/customers', agent, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorPaths(res.body).some((p) => p.startsWith(field)), JSON.stringify(res.body)).toBe(true);
    }
    expect(await state()).toEqual(before);
  });

  it('update: 200, then 400 for no, unknown or out-of-range fields, 404 for an unknown phone', async () => {
    const res = await call('PUT', `/api/v1/customers/${local}`, agent, { full_name: 'Ahmed A. Ali', satisfaction_score: 0.9 });
    expect(res.status).toBe(200);
    expect(CustomerSchema.parse(res.body)).toMatchObject({ full_name: 'Ahmed A. Ali', satisfaction_score: 0.9 });
    const before = await state();
    for (const body of [{}, { nickname: 'x' }, { satisfaction_score: 1.1 }, { satisfaction_score: -1 }, { email: 'x' }]) {
      expect((await call('PUT', `/api/v1/customers/${local}`, agent, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await call('PUT', '/api/v1/customers/not-a-phone', agent, { full_name: 'X' })).status).toBe(400);
    expect((await call('PUT', `/api/v1/customers/${phone(98)}`, agent, { full_name: 'X' })).status).toBe(404);
    expect(await state()).toEqual(before);
  });

  it('interactions: create, list, close with satisfaction; bad ids and inputs refused', async () => {
    const created = await call('POST', `/api/v1/customers/${local}/interactions`, agent, { interaction_type: 'whatsapp', subject: 'Filter question', priority: 'low' });
    expect(created.status).toBe(201);
    const interaction = InteractionSchema.parse(created.body);
    const closed = await call('PUT', `/api/v1/customers/${local}/interactions/${interaction.interaction_id}`, agent, { status: 'closed', customer_satisfaction: 0.7 });
    expect(closed.status).toBe(200);
    expect(InteractionSchema.parse(closed.body)).toMatchObject({ status: 'closed', customer_satisfaction: 0.7 });
    expect(closed.body.resolved_at).not.toBeNull();
    const list = InteractionListSchema.parse((await call('GET', `/api/v1/customers/${local}/interactions`, viewer)).body);
    expect(list.items.map((i) => i.interaction_id)).toEqual([interaction.interaction_id]);
    const before = await state();
    const path = `/api/v1/customers/${local}/interactions`;
    expect((await call('POST', path, agent, { interaction_type: 'pigeon', subject: 'x' })).status).toBe(400);
    expect((await call('POST', path, agent, { interaction_type: 'call', subject: 'x', extra: true })).status).toBe(400);
    expect((await call('POST', `/api/v1/customers/${phone(97)}/interactions`, agent, { interaction_type: 'call', subject: 'x' })).status).toBe(404);
    expect((await call('PUT', `${path}/not-a-uuid`, agent, { status: 'closed' })).status).toBe(400);
    expect((await call('PUT', `${path}/00000000-0000-4000-8000-000000000000`, agent, { status: 'closed' })).status).toBe(404);
    expect((await call('PUT', `${path}/${interaction.interaction_id}`, agent, { customer_satisfaction: 5 })).status).toBe(400);
    expect((await call('PUT', `${path}/${interaction.interaction_id}`, agent, { status: 'open' })).status).toBe(409);
    expect(await state()).toEqual(before);
  });

  it('erase: needs a reason; anonymizes; a second erasure is 409', async () => {
    const p = `/api/v1/customers/${encodeURIComponent(`0${phone(2).slice(3)}`)}`;
    expect((await call('DELETE', p, agent, {})).status).toBe(400);
    expect((await call('DELETE', `/api/v1/customers/${phone(96)}`, agent, { reason: 'asked' })).status).toBe(404);
    const erased = await call('DELETE', p, agent, { reason: 'customer asked by phone' });
    expect(erased.status).toBe(200);
    expect(CustomerSchema.parse(erased.body)).toMatchObject({ erased: true, full_name: null, total_orders: 1 });
    expect((await call('DELETE', p, agent, { reason: 'again' })).status).toBe(409);
  });
});
