import { allQueues } from '@hvar/contracts';
import { Validator } from '@seriousme/openapi-schema-validator';
import { announceService, closeServer, createMetrics, createOpsApp, listen } from '@hvar/platform';
import { Queue } from 'bullmq';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './harness.js';
import { makeTestContract, testCommandRoutes } from './test-contract.js';

let gw: TestGateway;
const contract = makeTestContract();

beforeAll(async () => {
  gw = await startTestGateway({ extraRoutes: () => testCommandRoutes(contract) });
});
afterAll(async () => {
  await new Queue(contract.name, { connection: gw.redis, prefix: gw.prefix }).obliterate({ force: true });
  await gw.close();
});

describe('OpenAPI', () => {
  it('GET /openapi.json is a valid OpenAPI 3.1 document covering every route', async () => {
    const res = await gw.request('GET', '/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> } & Record<string, unknown>;
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    for (const r of gw.gateway.routes) {
      expect(doc.paths[r.path.replace(/:([A-Za-z_]+)/g, '{$1}')]?.[r.method], `${r.method} ${r.path}`).toBeDefined();
    }
  });

  it('serves the interactive docs page and its assets without a CDN', async () => {
    const page = await gw.request('GET', '/docs');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/docs/assets/swagger-ui-bundle.js');
    expect((await gw.request('GET', '/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
    expect((await gw.request('GET', '/docs/init.js')).status).toBe(200);
  });
});

describe('health, readiness and system status', () => {
  async function fakeService(ok: boolean): Promise<{ server: Server; url: string }> {
    const app = createOpsApp({
      service: 'fake', version: '9.9.9', metrics: createMetrics('fake'),
      checks: { thing: () => (ok ? Promise.resolve() : Promise.reject(new Error('thing is down'))) },
    });
    const server = await listen(app, 0, '127.0.0.1');
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }

  it('healthz answers; readyz follows every registered service', async () => {
    expect((await gw.request('GET', '/healthz')).status).toBe(200);
    expect((await gw.request('GET', '/readyz')).status).toBe(200);

    const healthy = await fakeService(true);
    const a = announceService(gw.redis, gw.prefix, {
      name: 'fake-ok', instance: 'i1', version: '9.9.9', internal_url: healthy.url, queues: [contract.name], started_at: new Date().toISOString(),
    });
    await expect.poll(async () => (await gw.request('GET', '/readyz')).status).toBe(200);

    const sick = await fakeService(false);
    const b = announceService(gw.redis, gw.prefix, {
      name: 'fake-sick', instance: 'i1', version: '1.0.0', internal_url: sick.url, queues: [], started_at: new Date().toISOString(),
    });
    await expect.poll(async () => (await gw.request('GET', '/readyz')).status).toBe(503);
    const body = (await (await gw.request('GET', '/readyz')).json()) as { services: { name: string; ready: boolean }[] };
    expect(body.services.find((s) => s.name === 'fake-sick')?.ready).toBe(false);

    // A service stopped on purpose deregisters and no longer holds readiness back.
    await b.stop();
    await closeServer(sick.server);
    expect((await gw.request('GET', '/readyz')).status).toBe(200);

    // A crashed instance (heartbeat a minute old) holds readiness back until a fresh one of the
    // same service announces itself.
    const old = new Date(Date.now() - 60_000).toISOString();
    const crashed = { name: 'fake-ok', instance: 'dead', version: '9.9.8', internal_url: 'http://127.0.0.1:9', queues: [], started_at: old, seen_at: old };
    await gw.redis.hset(`${gw.prefix}:services`, 'fake-crashed/dead', JSON.stringify({ ...crashed, name: 'fake-crashed' }));
    expect((await gw.request('GET', '/readyz')).status).toBe(503);
    await gw.redis.hdel(`${gw.prefix}:services`, 'fake-crashed/dead');
    await gw.redis.hset(`${gw.prefix}:services`, 'fake-ok/dead', JSON.stringify(crashed));
    expect((await gw.request('GET', '/readyz')).status).toBe(200);
    await gw.redis.hdel(`${gw.prefix}:services`, 'fake-ok/dead');

    // System status: versions, health, queue depths and failed counts.
    const queue = new Queue(contract.name, { connection: gw.redis, prefix: gw.prefix });
    await queue.add('echo-note', { note: 'x', count: 1 });
    const status = await gw.request('GET', '/api/v1/system/status', { key: gw.adminKey });
    expect(status.status).toBe(200);
    const s = (await status.json()) as { ready: boolean; services: { name: string; version: string; ready: boolean }[]; queues: { name: string; waiting: number; failed: number }[] };
    expect(s.ready).toBe(true);
    expect(s.services).toEqual([expect.objectContaining({ name: 'fake-ok', version: '9.9.9', ready: true })]);
    // Every registered queue is listed (the system's own ones plus the test's), each with its depth.
    expect(s.queues).toContainEqual(expect.objectContaining({ name: contract.name, waiting: 1, failed: 0 }));
    for (const known of allQueues) expect(s.queues).toContainEqual(expect.objectContaining({ name: known.name, waiting: 0, failed: 0 }));
    expect((await gw.request('GET', '/api/v1/system/status')).status).toBe(401);

    await a.stop();
    await closeServer(healthy.server);
    await queue.close();
  });

  it('every answer carries a request id and security headers', async () => {
    const res = await gw.request('GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBeTruthy();
    const bad = await gw.request('GET', '/healthz', { headers: { 'x-request-id': 'no spaces allowed' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const unknown = await gw.request('GET', '/api/v1/nothing-here', { key: gw.adminKey });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  });
});
