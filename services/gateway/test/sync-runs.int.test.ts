import { randomUUID } from 'node:crypto';
import { createRedis } from '@hvar/platform';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarantine, runs } from '../../sync/src/db/schema.js';
import { startTestGateway, type TestGateway } from './harness.js';
import { startSyncRead, type SyncReadService } from './sync-read.fixture.js';

let gw: TestGateway;
let sync: SyncReadService;
let viewer: string;
let workerRedis: Redis;
const runId = randomUUID();

beforeAll(async () => {
  gw = await startTestGateway();
  sync = await startSyncRead(gw.redis, gw.prefix);
  await sync.database.db.insert(runs).values({
    id: runId, mode: 'full', status: 'running', requested_by: 'key-x', page_size: 200, pages_total: 40, pages_done: 10, deliveries_total: 8000, deliveries_seen: 2000, active_ms: 10_000,
    started_at: new Date(), created_at: new Date(),
  });
  await sync.database.db.insert(quarantine).values({ source_key: '123', source: 'search', reason: 'state: expected a state code, got "x"', raw: { trackingNumber: 123, state: 'x' } });
  viewer = await gw.keyFor('viewer');
  workerRedis = createRedis(gw.config.REDIS_URL, 'worker');
});
afterAll(async () => {
  await new Queue('sync', { connection: gw.redis, prefix: gw.prefix }).obliterate({ force: true });
  await workerRedis.quit();
  await sync.stop();
  await gw.close();
});

async function json(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

describe('sync run reads', () => {
  it('lists runs and shows one with progress, deliveries/s and ETA', async () => {
    const list = await json(await gw.request('GET', '/api/v1/sync/runs?status=running', { key: viewer }));
    expect((list.items as { id: string }[]).map((r) => r.id)).toEqual([runId]);
    const one = await gw.request('GET', `/api/v1/sync/runs/${runId}`, { key: viewer });
    expect(one.status).toBe(200);
    expect(await json(one)).toMatchObject({ id: runId, pages_done: 10, pages_total: 40, progress: 0.25, deliveries_per_second: 200, eta_seconds: 30 });
    expect((await gw.request('GET', `/api/v1/sync/runs/${randomUUID()}`, { key: viewer })).status).toBe(404);
    expect((await gw.request('GET', '/api/v1/sync/runs/not-a-uuid', { key: viewer })).status).toBe(400);
    expect((await gw.request('GET', '/api/v1/sync/runs?status=paused', { key: viewer })).status).toBe(400);
  });

  it('quarantine shows each delivery with its reason', async () => {
    const res = await gw.request('GET', '/api/v1/sync/quarantine', { key: viewer });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ items: [{ source_key: '123', source: 'search', reason: 'state: expected a state code, got "x"', resolved_at: null }], next_cursor: null });
    expect((await gw.request('GET', '/api/v1/sync/quarantine?status=gone', { key: viewer })).status).toBe(400);
  });
});

describe('POST /api/v1/sync/runs', () => {
  const queueCount = async () => new Queue('sync', { connection: gw.redis, prefix: gw.prefix }).getJobCountByTypes('waiting', 'active', 'completed', 'failed', 'delayed');

  it('bad body → 400 and nothing queued; non-admin → 403', async () => {
    for (const body of [{}, { mode: 'partial' }, { mode: 'full', extra: 1 }]) {
      const res = await gw.request('POST', '/api/v1/sync/runs', { key: gw.adminKey, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await gw.request('POST', '/api/v1/sync/runs', { key: viewer, body: { mode: 'full' } })).status).toBe(403);
    expect(await queueCount()).toBe(0);
  });

  it('with the sync worker running: 201 and the run it created; the caller is recorded', async () => {
    const seen: unknown[] = [];
    const worker = new Worker(
      'sync',
      (job) => {
        seen.push({ name: job.name, data: job.data as unknown });
        const data = job.data as { mode: 'full' | 'incremental'; requested_by: string };
        return Promise.resolve({
          id: randomUUID(), mode: data.mode, status: 'queued', requested_by: data.requested_by, page_size: 200, pages_total: null, pages_done: 0, deliveries_total: null,
          deliveries_seen: 0, deliveries_written: 0, deliveries_unchanged: 0, deliveries_quarantined: 0, detail_calls: 0, errors_count: 0, last_error: null,
          cursor_from: null, cursor_to: null, progress: null, deliveries_per_second: null, eta_seconds: null, created_at: new Date().toISOString(), started_at: null, finished_at: null,
        });
      },
      { connection: workerRedis, prefix: gw.prefix },
    );
    try {
      await worker.waitUntilReady();
      const res = await gw.request('POST', '/api/v1/sync/runs', { key: gw.adminKey, body: { mode: 'incremental' } });
      expect(res.status).toBe(201);
      const run = await json(res);
      expect(run).toMatchObject({ mode: 'incremental', status: 'queued' });
      expect(run.requested_by).toMatch(/^key-/);
      expect(seen).toEqual([{ name: 'start-run', data: { mode: 'incremental', requested_by: run.requested_by } }]);
    } finally {
      await worker.close();
    }
  });

  it('with the sync service down: 202 and an operation to poll (the command waits in the queue)', async () => {
    const res = await gw.request('POST', '/api/v1/sync/runs', { key: gw.adminKey, body: { mode: 'full' } });
    expect(res.status).toBe(202);
    expect(await json(res)).toMatchObject({ status: 'pending', location: expect.stringMatching(/^\/api\/v1\/operations\//) as string });
    expect(await new Queue('sync', { connection: gw.redis, prefix: gw.prefix }).getWaitingCount()).toBe(1);
  });
});

describe('when the sync service is down', () => {
  it('run and quarantine reads answer 503', async () => {
    await sync.stop();
    for (const path of ['/api/v1/sync/runs', `/api/v1/sync/runs/${runId}`, '/api/v1/sync/quarantine']) {
      const res = await gw.request('GET', path, { key: viewer });
      expect(res.status, path).toBe(503);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
