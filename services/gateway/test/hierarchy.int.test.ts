import {
  CustomerFamiliesSchema, DetectionRunSchema, FamilyTreeSchema, HierarchyAnalyticsSchema, HierarchyLinkSchema, HierarchyMainOfSchema,
  HierarchyProcessingStatusSchema, HierarchySubsSchema, type FamilyNode,
} from '@hvar/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classified, phone, trackingOf } from '../../hierarchy/test/harness.js';
import { startTestGateway, type TestGateway } from './harness.js';
import { startHierarchy, type HierarchyService } from './hierarchy.fixture.js';

// The real hierarchy (read API and worker) in-process; the gateway finds it through the registry.
let gw: TestGateway;
let hierarchy: HierarchyService;
let viewer: string;
let agent: string;

beforeAll(async () => {
  gw = await startTestGateway();
  hierarchy = await startHierarchy(gw.redis, gw.config.REDIS_URL, gw.prefix);
  // Customer 1: main m1 with subs s1 (maintenance) and s2 (service); r1 a refund far outside the window. Customer 2: main c2.
  await hierarchy.send([
    classified({ id: 'm1', day: 0 }),
    classified({ id: 's1', type: 'maintenance', day: 10, cod: 250_00 }),
    classified({ id: 's2', type: 'service', day: 20 }),
    classified({ id: 'r1', type: 'return', day: 900 }),
    classified({ id: 'c2', day: 5, phone: phone(2) }),
  ]);
  viewer = await gw.keyFor('viewer');
  agent = await gw.keyFor('agent');
});
afterAll(async () => {
  await hierarchy?.stop();
  await gw?.close();
});

async function get(path: string, key = viewer): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await gw.request('GET', path, { key });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const shape = (node: FamilyNode): unknown => ({ id: node.order_id, children: node.children.map(shape) });
// Customer 1's phone as a person would type it.
const localPhone = `0${phone(1).slice(3)}`;

describe('hierarchy reads through the hierarchy read API', () => {
  it('the family tree of an order, by _id or tracking number', async () => {
    const tree = FamilyTreeSchema.parse((await get('/api/v1/orders/hierarchy/s2')).body);
    expect(shape(tree.root)).toEqual({ id: 'm1', children: [{ id: 's1', children: [] }, { id: 's2', children: [] }] });
    const byTracking = FamilyTreeSchema.parse((await get(`/api/v1/orders/hierarchy/${trackingOf('s1')}`)).body);
    expect(byTracking.root.order_id).toBe('m1');
    expect(byTracking.root.children[0]?.link).toMatchObject({ relationship_type: 'maintenance', linked_by: 'auto_sync', sub_cod: 250 });
    const unknown = await get('/api/v1/orders/hierarchy/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toBe('https://hvar-cycle.dev/problems/not_found');
  });

  it('subs of a main and the main of a sub', async () => {
    const subs = HierarchySubsSchema.parse((await get('/api/v1/orders/m1/sub-orders')).body);
    expect(subs.subs.map((s) => s.order.order_id).sort()).toEqual(['s1', 's2']);
    expect(HierarchySubsSchema.parse((await get('/api/v1/orders/m1/sub-orders?all=true')).body).all).toBe(true);
    const main = HierarchyMainOfSchema.parse((await get(`/api/v1/orders/${trackingOf('s2')}/main-order`)).body);
    expect(main).toMatchObject({ main: { order_id: 'm1' }, sub: { order_id: 's2' }, link: { relationship_type: 'service' } });
    expect((await get('/api/v1/orders/m1/main-order')).status).toBe(404);
  });

  it("a customer's families, with the phone in any spelling", async () => {
    const res = await get(`/api/v1/orders/hierarchy/customer/${encodeURIComponent(localPhone)}`);
    expect(res.status).toBe(200);
    const families = CustomerFamiliesSchema.parse(res.body);
    expect(families).toMatchObject({ phone: phone(1), orders: 4 });
    expect(families.families.map((f) => f.order_id)).toEqual(['m1']);
    expect(families.unlinked.map((o) => o.order_id)).toEqual(['r1']);
    // A phone without orders is the hierarchy's 404, passed through and documented.
    expect((await get('/api/v1/orders/hierarchy/customer/01099999999')).status).toBe(404);
    const doc = (await (await gw.request('GET', '/openapi.json')).json()) as { paths: Record<string, { get?: { responses: Record<string, unknown> } }> };
    expect(Object.keys(doc.paths['/api/v1/orders/hierarchy/customer/{phone}']?.get?.responses ?? {})).toContain('404');
  });

  it('processing status and analytics (both analytics paths answer the same)', async () => {
    const status = HierarchyProcessingStatusSchema.parse((await get('/api/v1/orders/hierarchy/status')).body);
    expect(status).toMatchObject({ orders: 5, by_status: { main: 2, linked: 2, unlinked: 1 } });
    const analytics = HierarchyAnalyticsSchema.parse((await get('/api/v1/orders/hierarchy/analytics')).body);
    expect(analytics).toMatchObject({ subs: 3, linked_subs: 2, auto_links: 2, mains_with_subs: 1 });
    expect((await get('/api/v1/analytics/hierarchy')).body).toEqual(analytics);
  });
});

describe('hierarchy commands through the hierarchy worker', () => {
  it('links by hand (an API key links as api), shows it, and unlinks with a reason', async () => {
    const res = await gw.request('POST', '/api/v1/orders/hierarchy/link', { key: agent, body: { main_order_id: 'm1', sub_order_id: trackingOf('r1'), relationship_reason: 'customer called' } });
    expect(res.status).toBe(201);
    const link = HierarchyLinkSchema.parse(await res.json());
    expect(link).toMatchObject({ main_order_id: 'm1', sub_order_id: 'r1', relationship_type: 'refund', linked_by: 'api', locked: true, active: true, relationship_reason: 'customer called' });
    expect(HierarchyMainOfSchema.parse((await get('/api/v1/orders/r1/main-order')).body).main.order_id).toBe('m1');

    const unlink = await gw.request('PUT', '/api/v1/orders/hierarchy/r1/unlink', { key: agent, body: { reason: 'wrong order' } });
    expect(unlink.status).toBe(200);
    expect(HierarchyLinkSchema.parse(await unlink.json())).toMatchObject({ id: link.id, active: false, deactivation_reason: 'wrong order' });
    const again = await gw.request('PUT', '/api/v1/orders/hierarchy/r1/unlink', { key: agent, body: { reason: 'wrong order' } });
    expect(again.status).toBe(404);
  });

  it("the hierarchy's refusals come back with their status: another customer 422, an unknown order 404", async () => {
    const other = await gw.request('POST', '/api/v1/orders/hierarchy/link', { key: agent, body: { main_order_id: 'c2', sub_order_id: 's2', relationship_reason: 'r' } });
    expect(other.status).toBe(422);
    const unknown = await gw.request('POST', '/api/v1/orders/hierarchy/link', { key: agent, body: { main_order_id: 'm1', sub_order_id: 'nope', relationship_reason: 'r' } });
    expect(unknown.status).toBe(404);
    expect(HierarchyMainOfSchema.parse((await get('/api/v1/orders/s2/main-order')).body).main.order_id).toBe('m1');
  });

  it('a detection run for one customer, then its progress', async () => {
    const leader = await gw.keyFor('team_leader');
    const res = await gw.request('POST', '/api/v1/orders/hierarchy/detect', { key: leader, body: { phone: localPhone } });
    expect(res.status).toBe(201);
    const run = DetectionRunSchema.parse(await res.json());
    expect(run).toMatchObject({ scope: 'customer', phone: phone(1) });
    const read = await get(`/api/v1/orders/hierarchy/runs/${run.id}`);
    expect(read.status).toBe(200);
    expect(DetectionRunSchema.parse(read.body).id).toBe(run.id);
    expect((await get(`/api/v1/orders/hierarchy/runs/${crypto.randomUUID()}`)).status).toBe(404);
  });
});
