import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { announceService } from '@hvar/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timelineEvents } from '../../sync/src/db/schema.js';
import { startTestGateway, type TestGateway } from './harness.js';
import { startSyncRead, type SyncReadService } from './sync-read.fixture.js';

let gw: TestGateway;
let sync: SyncReadService;
let viewer: string;
let hubAgent: string;

const base = { state_value: 'Delivered', type_code: 10, dropoff_zone: 'Maadi', raw: {}, updated_at: new Date('2025-03-01T00:00:00Z') };
const rows = [
  { ...base, id: 'o1', tracking_number: '7000001', state_code: 45, cod_piastres: 1500_00, receiver_phone: '+201001234567', dropoff_city: 'Cairo', dropoff_city_ar: 'القاهرة',
    description: 'Blender', order_sla_exceeded: true, state_at: new Date('2025-03-01T00:00:00Z'), created_at: new Date('2025-03-01T00:00:00Z') },
  { ...base, id: 'o2', tracking_number: '7000002', state_code: 45, cod_piastres: 300_00, receiver_phone: '+201001234567', dropoff_city: 'Cairo', dropoff_city_ar: 'القاهرة',
    state_at: new Date('2025-03-02T00:00:00Z'), created_at: new Date('2025-03-02T00:00:00Z') },
  { ...base, id: 'o3', tracking_number: '7000003', state_code: 47, state_value: 'Exception', cod_piastres: 2000_00, receiver_phone: '+201112223334', dropoff_city: 'Giza', dropoff_city_ar: 'الجيزة',
    product_name: 'Mixer', state_at: new Date('2025-03-03T00:00:00Z'), created_at: new Date('2025-03-03T00:00:00Z') },
];

beforeAll(async () => {
  gw = await startTestGateway();
  sync = await startSyncRead(gw.redis, gw.prefix);
  await sync.insertOrders(rows);
  await sync.database.db.insert(timelineEvents).values([
    { order_id: 'o3', seq: 1, code: 47, value: 'Exception', at: new Date('2025-03-04T00:00:00Z'), done: true, source: 'webhook' },
    { order_id: 'o3', seq: 0, code: 10, value: 'Created', at: new Date('2025-03-03T00:00:00Z'), done: true, source: 'rest' },
  ]);
  viewer = await gw.keyFor('viewer');
  hubAgent = await gw.keyFor('hub_agent');
});
afterAll(async () => {
  await sync.stop();
  await gw.close();
});

async function get(path: string, key = viewer): Promise<{ status: number; type: string | null; body: Record<string, unknown> }> {
  const res = await gw.request('GET', path, { key });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, unknown> };
}
const trackings = (body: Record<string, unknown>) => (body.items as { tracking_number: string }[]).map((o) => o.tracking_number);

describe('GET /api/v1/orders through the sync read API', () => {
  it('the seed example calls work as written', async () => {
    const cairo = await get(`/api/v1/orders?cod_min=1000&city=${encodeURIComponent('القاهرة')}`);
    expect(cairo.status).toBe(200);
    expect(trackings(cairo.body)).toEqual(['7000001']);
    expect(trackings((await get('/api/v1/orders?has_product_desc=true&order_type=10')).body)).toEqual(['7000003', '7000001']);
    expect(trackings((await get('/api/v1/orders?sla_exceeded=true&state=45')).body)).toEqual(['7000001']);
    expect(trackings((await get('/api/v1/orders?sort_by=cod&sort_dir=DESC')).body)).toEqual(['7000003', '7000001', '7000002']);
  });

  it('cursor pages through the gateway', async () => {
    const first = await get('/api/v1/orders?limit=2&sort=cod');
    expect(trackings(first.body)).toEqual(['7000002', '7000001']);
    const second = await get(`/api/v1/orders?limit=2&sort=cod&cursor=${first.body.next_cursor as string}`);
    expect(trackings(second.body)).toEqual(['7000003']);
    expect(second.body.next_cursor).toBeNull();
  });

  it('bad query → 400 at the gateway naming the parameter; a bad cursor → the service 400 passed through', async () => {
    for (const [query, path] of [['colour=red', 'query'], ['cod_min=cheap', 'query.cod_min'], ['sort=-price', 'query.sort']] as const) {
      const res = await get(`/api/v1/orders?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.type).toContain('application/problem+json');
      expect((res.body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
    }
    const cursor = await get('/api/v1/orders?cursor=garbage');
    expect(cursor.status).toBe(400);
    expect(cursor.body).toMatchObject({ type: 'https://hvar-cycle.dev/problems/invalid_data', errors: [{ path: 'query.cursor' }] });
    expect(cursor.body.request_id).toEqual(expect.any(String));
  });

  it('one order by id, tracking number, phone (any spelling); 404 and 400 passed through', async () => {
    expect((await get('/api/v1/orders/o3', hubAgent)).body).toMatchObject({ id: 'o3', tracking_number: '7000003', cod: 2000, state_code: 47 });
    expect((await get('/api/v1/orders/tracking/7000002')).body).toMatchObject({ id: 'o2', cod: 300 });
    const phone = await get(`/api/v1/orders/phone/${encodeURIComponent('+20 100 123 4567')}`);
    expect(phone.body).toMatchObject({ phone: '+201001234567' });
    expect(trackings(phone.body)).toEqual(['7000002', '7000001']);
    expect(trackings((await get('/api/v1/orders/phone/01001234567')).body)).toEqual(['7000002', '7000001']);
    const notFound = await get('/api/v1/orders/tracking/123');
    expect(notFound.status).toBe(404);
    expect(notFound.body).toMatchObject({ type: 'https://hvar-cycle.dev/problems/not_found', detail: 'No order with tracking number 123.' });
    const badPhone = await get('/api/v1/orders/phone/12');
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.errors).toEqual([{ path: 'params.phone', message: expect.stringContaining('not an Egyptian mobile') as string }]);
  });

  it('stats, states and timeline', async () => {
    expect((await get('/api/v1/orders/stats')).body).toMatchObject({ total_orders: 3, cod_total: 3800, delivered: 2, exceptions: 1, customers: 2 });
    const states = await get('/api/v1/orders/states?city=cairo');
    expect(states.body).toMatchObject({ total_orders: 2, states: [{ state_code: 45, count: 2, share: 1, cod_total: 1800 }] });
    const timeline = await get('/api/v1/orders/o3/timeline');
    expect(timeline.body).toMatchObject({ order_id: 'o3', events: [{ value: 'Created', source: 'rest' }, { value: 'Exception', source: 'webhook' }] });
  });
});

describe('when the sync service is down', () => {
  it('reads answer 503 problem+json', async () => {
    await sync.stop();
    for (const path of ['/api/v1/orders', '/api/v1/orders/o1', '/api/v1/orders/stats', '/api/v1/orders/phone/01001234567']) {
      const res = await get(path);
      expect(res.status, path).toBe(503);
      expect(res.type).toContain('application/problem+json');
      expect(res.body).toMatchObject({ type: 'https://hvar-cycle.dev/problems/dependency_unavailable' });
    }
  });

  it('a crashed instance still announced (stale, port closed) is 503 too, not a hang', async () => {
    const old = new Date(Date.now() - 60_000).toISOString();
    const ghost = { name: 'sync', instance: 'ghost', version: 'x', internal_url: sync.url, queues: [], started_at: old, seen_at: old };
    await gw.redis.hset(`${gw.prefix}:services`, 'sync/ghost', JSON.stringify(ghost));
    const res = await get('/api/v1/orders');
    expect(res.status).toBe(503);
    expect(res.body.detail).toContain('sync');
    await gw.redis.hdel(`${gw.prefix}:services`, 'sync/ghost');
  });
});

describe('when the sync service hangs', () => {
  it('a read gives up after SERVICE_READ_TIMEOUT_MS with 503', async () => {
    const slow = await startTestGateway({ env: { SERVICE_READ_TIMEOUT_MS: '300' } });
    const hanging = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
    const announced = announceService(slow.redis, slow.prefix, { name: 'sync', instance: 'hang', version: 'x', internal_url: url, queues: [], started_at: new Date().toISOString() });
    try {
      const key = await slow.keyFor('agent');
      const started = Date.now();
      const res = await slow.request('GET', '/api/v1/orders/stats', { key });
      expect(res.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await announced.stop();
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
      await slow.close();
    }
  });
});
