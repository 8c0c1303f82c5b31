import { CustomerDetailSchema, CustomerPageSchema, InteractionListSchema } from '@hvar/contracts';
import { readVersionKey } from '@hvar/platform';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCache } from '../src/http/read-cache.js';
import { createRegistryCache } from '../src/http/service-client.js';
import { classified, phone } from '../../service-action/test/harness.js';
import { startTestGateway, type TestGateway } from './harness.js';
import { startServiceAction, type ServiceActionService } from './service-action.fixture.js';

// The gateway's customer read cache against the real service-action service (read API and worker, in-process).
let gw: TestGateway;
let short: TestGateway;
let off: TestGateway;
let sa: ServiceActionService;
let agent: string;
let viewer: string;
let technician: string;
let hubAgent: string;
const SHORT_TTL_MS = 300;

beforeAll(async () => {
  gw = await startTestGateway();
  // Replicas on the same prefix and database: one with a short TTL, one with the cache off.
  short = await startTestGateway({ replicaOf: gw, env: { READ_CACHE_TTL_MS: String(SHORT_TTL_MS) } });
  off = await startTestGateway({ replicaOf: gw, env: { READ_CACHE_TTL_MS: '0' } });
  sa = await startServiceAction(gw.redis, gw.config.REDIS_URL, gw.prefix);
  await sa.send([classified({ id: 'k1-1', day: 1 }), classified({ id: 'k2-1', day: 2, phone: phone(2) })]);
  [agent, viewer, technician, hubAgent] = await Promise.all([gw.keyFor('agent'), gw.keyFor('viewer'), gw.keyFor('technician'), gw.keyFor('hub_agent')]);
});
afterAll(async () => {
  await sa?.stop();
  await Promise.all([off?.close(), short?.close()]);
  await gw?.close();
});

async function call(on: TestGateway, method: string, path: string, key: string, body?: unknown): Promise<{ status: number; text: string }> {
  const res = await on.request(method, path, { key, body });
  return { status: res.status, text: await res.text() };
}
/** A 200 GET's JSON and how many read API requests it cost. */
async function read(path: string, on: TestGateway = gw, key = viewer): Promise<{ body: unknown; text: string; upstream: number }> {
  const before = sa.reads;
  const res = await call(on, 'GET', path, key);
  expect(res.status, `${path}: ${res.text}`).toBe(200);
  return { body: JSON.parse(res.text) as unknown, text: res.text, upstream: sa.reads - before };
}
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('customer read cache', () => {
  it('a repeated read is answered from memory while the version is unchanged; concurrent misses share one read', async () => {
    for (const path of ['/api/v1/customers?sort=total_orders', `/api/v1/customers/${phone(1)}`, '/api/v1/customers/stats', `/api/v1/customers/${phone(1)}/interactions`, `/api/v1/customers/${phone(1)}/segments`]) {
      const first = await read(path);
      expect(first.upstream, path).toBe(1);
      const again = await read(path);
      expect(again.upstream, path).toBe(0);
      expect(again.text, path).toBe(first.text);
    }
    const before = sa.reads;
    const answers = await Promise.all(Array.from({ length: 8 }, () => call(gw, 'GET', '/api/v1/customers?city=cairo', viewer)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(sa.reads - before).toBe(1);
  });

  it('an agent update through the gateway shows on the very next read of the one customer and of the list', async () => {
    await read(`/api/v1/customers/${phone(1)}`);
    await read('/api/v1/customers?sort=total_orders');
    const put = await call(gw, 'PUT', `/api/v1/customers/${phone(1)}`, agent, { full_name: 'Cached No More' });
    expect(put.status, put.text).toBeLessThan(300);
    expect(CustomerDetailSchema.parse((await read(`/api/v1/customers/${phone(1)}`)).body).full_name).toBe('Cached No More');
    const list = CustomerPageSchema.parse((await read('/api/v1/customers?sort=total_orders')).body);
    expect(list.items.find((c) => c.phone === phone(1))?.full_name).toBe('Cached No More');
  });

  it('an interaction recorded through the gateway shows on the next read of the interactions', async () => {
    expect(InteractionListSchema.parse((await read(`/api/v1/customers/${phone(2)}/interactions`)).body).items).toHaveLength(0);
    const created = await call(gw, 'POST', `/api/v1/customers/${phone(2)}/interactions`, agent, { interaction_type: 'call', subject: 'Cache check' });
    expect(created.status, created.text).toBe(201);
    expect(InteractionListSchema.parse((await read(`/api/v1/customers/${phone(2)}/interactions`)).body).items.map((i) => i.subject)).toEqual(['Cache check']);
  });

  it('an order event consumed by service-action shows on the next read once its job completed', async () => {
    expect(CustomerDetailSchema.parse((await read(`/api/v1/customers/${phone(2)}`)).body).total_orders).toBe(1);
    await sa.send([classified({ id: 'k2-2', day: 3, phone: phone(2) })]);
    expect(CustomerDetailSchema.parse((await read(`/api/v1/customers/${phone(2)}`)).body).total_orders).toBe(2);
    const list = CustomerPageSchema.parse((await read('/api/v1/customers?city=cairo')).body);
    expect(list.items.find((c) => c.phone === phone(2))?.total_orders).toBe(2);
  });

  it('every settled job bumps the version, a refused one too', async () => {
    const key = readVersionKey(gw.prefix, 'customers');
    const before = Number(await gw.redis.get(key));
    const refused = await call(gw, 'PUT', `/api/v1/customers/${phone(96)}`, agent, { full_name: 'Nobody' });
    expect(refused.status).toBe(404);
    expect(Number(await gw.redis.get(key))).toBeGreaterThan(before);
  });

  it('an entry older than READ_CACHE_TTL_MS is read again', async () => {
    const path = `/api/v1/customers/${phone(1)}/segments`;
    expect((await read(path, short)).upstream).toBe(1);
    expect((await read(path, short)).upstream).toBe(0);
    await wait(SHORT_TTL_MS + 50);
    expect((await read(path, short)).upstream).toBe(1);
  });

  it('READ_CACHE_TTL_MS=0 reads the service every time', async () => {
    const path = `/api/v1/customers/${phone(1)}`;
    expect((await read(path, off)).upstream).toBe(1);
    expect((await read(path, off)).upstream).toBe(1);
  });

  it('the version unreadable (Redis down): every read goes to the service', async () => {
    const down = new Redis({ port: 1, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    down.on('error', () => undefined);
    const cache = readCache({ redis: down, prefix: gw.prefix, config: gw.config, registry: createRegistryCache(gw.redis, gw.prefix, 0) }, 'customers');
    const before = sa.reads;
    const [first, second] = [await cache.get('service-action', '/customers/stats'), await cache.get('service-action', '/customers/stats')];
    expect(sa.reads - before).toBe(2);
    expect(first.status).toBe(200);
    expect(String(second.body)).toContain('total_customers');
    down.disconnect();
  });

  it('roles are checked before the cache: a cached entry is still refused to roles without access', async () => {
    const path = `/api/v1/customers/${phone(1)}`;
    await read(path);
    expect((await read(path)).upstream).toBe(0);
    for (const key of [technician, hubAgent]) {
      const before = sa.reads;
      const refused = await call(gw, 'GET', path, key);
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('problems/not_allowed');
      expect(refused.text).not.toContain('full_name');
      expect(sa.reads).toBe(before);
    }
  });
});
