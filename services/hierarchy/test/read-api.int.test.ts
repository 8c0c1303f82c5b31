import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CustomerFamiliesSchema, DetectionRunPageSchema, DetectionRunSchema, FamilyTreeSchema, HierarchyAnalyticsSchema, HierarchyLinkHistorySchema,
  HierarchyMainOfSchema, HierarchyProcessingStatusSchema, HierarchySubsSchema, type FamilyNode,
} from '@hvar/contracts';
import { closeServer, createLogger, listen } from '@hvar/platform';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsOf } from '../src/domain/analytics.js';
import { mountReadApi } from '../src/http.js';
import { classified, phone, resetHierarchyTables, startHierarchyStack, trackingOf, type HierarchyStack } from './harness.js';

let stack: HierarchyStack;
let server: Server;
let base: string;

async function get(path: string): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
  const res = await fetch(base + path);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  stack = await startHierarchyStack();
  await resetHierarchyTables(stack.database);
  const app = express();
  mountReadApi(app, { database: stack.database, log: createLogger({ service: 'hierarchy', level: 'silent' }), queue: stack.queue.queue });
  server = await listen(app, 0, '127.0.0.1');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Customer 1: m1 alone; m2 with s1 (auto) and s2 (auto), s3 linked by hand under s1 (level 2); u1 a return out of window.
  await stack.send([
    classified({ id: 'm1', day: 0 }),
    classified({ id: 'm2', day: 400 }),
    classified({ id: 's1', type: 'maintenance', day: 410, cod: 250_50 }),
    classified({ id: 's2', type: 'service', day: 420 }),
    classified({ id: 's3', type: 'exchange', day: 430 }),
    classified({ id: 'u1', type: 'return', day: 1200 }),
    classified({ id: 'c2', day: 3, phone: phone(2) }),
  ]);
  const linked = await stack.run('link', { main_order_id: 's1', sub_order_id: 's3', relationship_reason: 'same case', linked_by: 'manual', requested_by: 'agent' });
  if (!linked.ok) throw linked.error;
});
afterAll(async () => {
  await closeServer(server);
  await stack.close();
});

function ids(node: FamilyNode): unknown {
  return { id: node.order_id, depth: node.depth, children: node.children.map(ids) };
}

describe('order reads', () => {
  it('GET /orders/:ref/tree answers the whole family from its root, by _id or tracking number', async () => {
    const bySub = await get('/orders/s3/tree');
    expect(bySub.status).toBe(200);
    const tree = FamilyTreeSchema.parse(bySub.body);
    expect(ids(tree.root)).toEqual({ id: 'm2', depth: 0, children: [{ id: 's1', depth: 1, children: [{ id: 's3', depth: 2, children: [] }] }, { id: 's2', depth: 1, children: [] }] });
    expect(tree.size).toBe(4);
    expect(tree.root.children[0]?.link).toMatchObject({ main_order_id: 'm2', sub_order_id: 's1', linked_by: 'auto_sync', sub_cod: 250.5 });
    expect(tree.root.children[0]?.order).toMatchObject({ hierarchy_status: 'linked', cod: 250.5, tracking_number: trackingOf('s1') });
    const byTracking = await get(`/orders/${trackingOf('m2')}/tree`);
    expect(byTracking.body).toEqual({ ...bySub.body, order_id: 'm2' });
  });

  it('GET /orders/:ref/subs answers direct subs, and every level with all=true', async () => {
    const direct = HierarchySubsSchema.parse((await get('/orders/m2/subs')).body);
    expect(direct.subs.map((s) => [s.order.order_id, s.depth])).toEqual([['s1', 1], ['s2', 1]]);
    const all = HierarchySubsSchema.parse((await get('/orders/m2/subs?all=true')).body);
    expect(all.all).toBe(true);
    expect(all.subs.map((s) => [s.order.order_id, s.depth]).sort()).toEqual([['s1', 1], ['s2', 1], ['s3', 2]]);
    expect((await get('/orders/m1/subs')).body).toMatchObject({ subs: [] });
  });

  it('GET /orders/:ref/main answers the main and the link, 404 problem without one', async () => {
    const main = HierarchyMainOfSchema.parse((await get('/orders/s3/main')).body);
    expect(main).toMatchObject({ sub: { order_id: 's3' }, main: { order_id: 's1', hierarchy_status: 'linked' }, link: { relationship_level: 2, linked_by: 'manual', locked: true } });
    const none = await get('/orders/m1/main');
    expect(none.status).toBe(404);
    expect(none.type).toMatch('application/problem+json');
    expect(none.body).toMatchObject({ status: 404, detail: 'Order m1 has no main.' });
  });

  it('GET /orders/:ref/links answers the history as sub and as main', async () => {
    await stack.run('unlink', { order_id: 's2', reason: 'not this order', requested_by: 'agent' });
    const s2 = HierarchyLinkHistorySchema.parse((await get('/orders/s2/links')).body);
    expect(s2.as_sub).toMatchObject([{ main_order_id: 'm2', active: false, deactivation_reason: 'not this order', deactivated_by: 'agent' }]);
    expect(s2.order.hierarchy_status).toBe('unlinked');
    const s1 = HierarchyLinkHistorySchema.parse((await get('/orders/s1/links')).body);
    expect(s1.as_sub.map((l) => l.main_order_id)).toEqual(['m2']);
    expect(s1.as_main.map((l) => l.sub_order_id)).toEqual(['s3']);
  });

  it('GET /customers/:phone/families accepts any spelling and lists families and unlinked subs', async () => {
    for (const spelling of ['01000000001', '+20 100 000 0001', encodeURIComponent('٠١٠٠٠٠٠٠٠٠١')]) {
      const res = await get(`/customers/${spelling}/families`);
      expect(res.status).toBe(200);
      const families = CustomerFamiliesSchema.parse(res.body);
      expect(families.phone).toBe(phone(1));
      expect(families.orders).toBe(6);
      expect(families.families.map((f) => f.order_id)).toEqual(['m1', 'm2']);
      expect(families.unlinked.map((o) => o.order_id).sort()).toEqual(['s2', 'u1']);
    }
  });
});

describe('status, analytics, runs', () => {
  it('GET /status counts orders by status and shows the last evaluation, inbox and detection runs', async () => {
    const run = await stack.detect();
    const status = HierarchyProcessingStatusSchema.parse((await get('/status')).body);
    expect(status).toMatchObject({ orders: 7, active_links: 2, by_status: { main: 3, linked: 2, unlinked: 2 } });
    expect(status.last_evaluation).not.toBeNull();
    expect(status.inbox.last_applied_at).not.toBeNull();
    expect(status.inbox.waiting_jobs).toBe(0);
    expect(status.detection.last?.id).toBe(run.id);
    expect(status.detection.current).toBeNull();
  });

  it('GET /analytics equals the domain analytics over the same orders and links', async () => {
    const body = HierarchyAnalyticsSchema.parse((await get('/analytics')).body);
    const orders = (await stack.database.pool.query('select order_id, phone, service_type from hierarchy.orders')).rows as never[];
    const links = (await stack.database.pool.query('select main_order_id, sub_order_id, relationship_type, relationship_level, confidence::float8 as confidence, linked_by from hierarchy.links where active')).rows as never[];
    expect(body).toEqual(analyticsOf(orders, links));
    expect(body).toMatchObject({ subs: 4, linked_subs: 2, coverage: 0.5, manual_links: 1, auto_links: 1 });
  });

  it('GET /runs pages newest first with a cursor; GET /runs/:id answers one', async () => {
    await stack.detect(phone(2));
    await stack.detect(phone(1));
    const first = DetectionRunPageSchema.parse((await get('/runs?limit=2')).body);
    expect(first.items.map((r) => r.phone)).toEqual([phone(1), phone(2)]);
    expect(first.next_cursor).not.toBeNull();
    const second = DetectionRunPageSchema.parse((await get(`/runs?limit=2&cursor=${first.next_cursor ?? ''}`)).body);
    expect(second.items.map((r) => r.scope)).toEqual(['all']);
    expect(second.next_cursor).toBeNull();
    const one = DetectionRunSchema.parse((await get(`/runs/${first.items[0]?.id ?? ''}`)).body);
    expect(one).toMatchObject({ status: 'completed', progress: 1, customers_done: 1 });
    expect((await get('/runs?status=completed&limit=1')).body).toMatchObject({ items: [{ phone: phone(1) }] });
  });
});

/** A runs cursor as the API writes it, with the given values. */
function runCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify({ c: createdAt, i: id })).toString('base64url');
}

describe('bad input answers problem+json', () => {
  it.each([
    ['/orders/a%20b/tree', 400, 'params.ref'],
    ['/orders/m1/tree?depth=2', 400, 'query'],
    ['/orders/m1/subs?all=maybe', 400, 'query.all'],
    ['/customers/12345/families', 400, 'params.phone'],
    ['/customers/01000000001/families?x=1', 400, 'query'],
    ['/runs/not-a-uuid', 400, 'params.id'],
    ['/runs?limit=0', 400, 'query.limit'],
    ['/runs?cursor=garbage', 400, 'query.cursor'],
    // Tampered cursors that Date.parse or a loose id pattern accept but PostgreSQL would refuse (a 500).
    [`/runs?cursor=${runCursor('2025-02-30T00:00:00.000Z', '00000000-0000-4000-8000-000000000000')}`, 400, 'query.cursor'],
    [`/runs?cursor=${runCursor('1', '00000000-0000-4000-8000-000000000000')}`, 400, 'query.cursor'],
    [`/runs?cursor=${runCursor('2025-01-01T00:00:00.000Z', '-'.repeat(36))}`, 400, 'query.cursor'],
    ['/runs?status=done', 400, 'query.status'],
    ['/status?verbose=1', 400, 'query'],
    ['/orders/nope/tree', 404, null],
    ['/orders/nope/subs', 404, null],
    ['/orders/nope/links', 404, null],
    ['/customers/01099999999/families', 404, null],
    ['/runs/00000000-0000-4000-8000-000000000000', 404, null],
  ])('GET %s → %i', async (path, status, field) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    expect(res.type).toMatch('application/problem+json');
    expect(res.body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\/hvar-cycle\.dev\/problems\//) as unknown });
    if (field) expect(JSON.stringify(res.body.errors)).toContain(field);
  });
});
