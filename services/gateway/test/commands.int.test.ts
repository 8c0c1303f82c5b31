import { AppError, createLogger, createRedis, createWorker } from '@hvar/platform';
import type { Worker } from 'bullmq';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './harness.js';
import { makeTestContract, testCommandRoutes, type TestContract } from './test-contract.js';

let gw: TestGateway;
let agent: string;
let contract: TestContract;
let workerRedis: Redis;
let worker: Worker | undefined;
let runs = 0;
const log = createLogger({ service: 'test-worker', level: 'silent' });

function startWorker(): Worker {
  return createWorker(
    contract,
    {
      'echo-note': (p) => {
        runs += 1;
        return Promise.resolve({ note: p.note, count: p.count });
      },
      'slow-note': async (p) => {
        await new Promise((r) => setTimeout(r, p.ms));
        return { waited: p.ms };
      },
      'refuse-note': (p) => Promise.reject(new AppError('conflict', `refused: ${p.reason}`, { code: 'test_refusal' })),
    },
    { connection: workerRedis, prefix: gw.prefix, log },
  );
}

beforeAll(async () => {
  contract = makeTestContract();
  gw = await startTestGateway({ extraRoutes: () => testCommandRoutes(contract) });
  agent = await gw.keyFor('agent');
  workerRedis = createRedis(gw.config.REDIS_URL, 'worker');
});
afterEach(async () => {
  await worker?.close();
  worker = undefined;
});
afterAll(async () => {
  await new Queue(contract.name, { connection: gw.redis, prefix: gw.prefix }).obliterate({ force: true });
  await workerRedis.quit();
  await gw.close();
});

async function pollOperation(location: string, key: string, until: (body: { status: string }) => boolean): Promise<{ status: string; result?: unknown; error?: { status: number } }> {
  for (let i = 0; i < 100; i++) {
    const body = (await (await gw.request('GET', location, { key })).json()) as { status: string };
    if (until(body)) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`operation ${location} never reached the expected state`);
}

describe('command pattern', () => {
  it('enqueues, waits for the result and answers with it', async () => {
    worker = startWorker();
    const res = await gw.request('POST', '/api/v1/test/notes', { key: agent, body: { note: 'hello', count: 2 } });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ note: 'hello', count: 2 });
    const opId = res.headers.get('x-operation-id');
    const op = await pollOperation(`/api/v1/operations/${opId}`, agent, () => true);
    expect(op).toMatchObject({ status: 'completed', result: { note: 'hello', count: 2 } });
  });

  it('maps a failed job AppError to its status as problem+json', async () => {
    worker = startWorker();
    const res = await gw.request('POST', '/api/v1/test/refused-notes', { key: agent, body: { reason: 'no stock' } });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 409, detail: 'refused: no stock', code: 'test_refusal' });
  });

  it('a repeated Idempotency-Key returns the first result and runs the job once', async () => {
    worker = startWorker();
    const before = runs;
    const headers = { 'idempotency-key': `idem-${Date.now()}-abc` };
    const first = await gw.request('POST', '/api/v1/test/notes', { key: agent, body: { note: 'once', count: 1 }, headers });
    const second = await gw.request('POST', '/api/v1/test/notes', { key: agent, body: { note: 'once', count: 1 }, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(await second.json()).toEqual(await first.json());
    expect(second.headers.get('x-operation-id')).toBe(first.headers.get('x-operation-id'));
    expect(runs - before).toBe(1);
    const reused = await gw.request('POST', '/api/v1/test/notes', { key: agent, body: { note: 'other', count: 1 }, headers });
    expect(reused.status).toBe(422);
    expect(runs - before).toBe(1);
  });

  it('answers 202 with an operation when the service is slow, and the operation completes', async () => {
    worker = startWorker();
    const res = await gw.request('POST', '/api/v1/test/slow-notes', { key: agent, body: { ms: 2_500 } });
    expect(res.status).toBe(202);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/api\/v1\/operations\/[0-9a-f-]{36}$/);
    const op = await pollOperation(location, agent, (b) => b.status !== 'pending');
    expect(op).toMatchObject({ status: 'completed', result: { waited: 2_500 } });
  });

  it('is durable while the owning service is down: 202 now, done when it is back', async () => {
    const res = await gw.request('POST', '/api/v1/test/notes', { key: agent, body: { note: 'later', count: 0 } });
    expect(res.status).toBe(202);
    const location = res.headers.get('location') ?? '';
    expect((await pollOperation(location, agent, () => true)).status).toBe('pending');
    worker = startWorker();
    const op = await pollOperation(location, agent, (b) => b.status !== 'pending');
    expect(op).toMatchObject({ status: 'completed', result: { note: 'later', count: 0 } });
  });

  it("another caller cannot read someone's operation", async () => {
    worker = startWorker();
    const res = await gw.request('POST', '/api/v1/test/notes', { key: agent, body: { note: 'mine', count: 0 } });
    const other = await gw.keyFor('agent');
    expect((await gw.request('GET', `/api/v1/operations/${res.headers.get('x-operation-id')}`, { key: other })).status).toBe(404);
    expect((await gw.request('GET', `/api/v1/operations/${res.headers.get('x-operation-id')}`, { key: gw.adminKey })).status).toBe(200);
  });
});

describe('bad input is refused with problem+json and nothing is enqueued', () => {
  async function nothingEnqueued(): Promise<void> {
    const counts = await new Queue(contract.name, { connection: gw.redis, prefix: gw.prefix }).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(0);
    const ops = await gw.database.db.execute(sql`select count(*)::int as n from gateway.operations`);
    expect((ops.rows[0] as { n: number }).n).toBe(0);
  }

  beforeAll(async () => {
    await new Queue(contract.name, { connection: gw.redis, prefix: gw.prefix }).obliterate({ force: true });
    await gw.database.db.execute(sql`truncate gateway.operations`);
  });

  const cases: { name: string; init: { raw?: string; body?: unknown; headers?: Record<string, string> }; status: number; type: string }[] = [
    { name: 'malformed JSON', init: { raw: '{"note": "x",', headers: { 'content-type': 'application/json' } }, status: 400, type: 'malformed_json' },
    { name: 'wrong content type', init: { raw: 'note=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, status: 415, type: 'unsupported_media_type' },
    { name: 'body over 1 MB', init: { body: { note: 'x'.repeat(1_100_000), count: 1 } }, status: 413, type: 'payload_too_large' },
    { name: 'unknown field', init: { body: { note: 'x', count: 1, price: 5 } }, status: 400, type: 'invalid_data' },
    { name: 'wrong field type', init: { body: { note: 'x', count: 'one' } }, status: 400, type: 'invalid_data' },
    { name: 'missing field', init: { body: { count: 1 } }, status: 400, type: 'invalid_data' },
    { name: 'bad Idempotency-Key', init: { body: { note: 'x', count: 1 }, headers: { 'idempotency-key': 'bad key!' } }, status: 400, type: 'invalid_data' },
  ];

  for (const c of cases) {
    it(`${c.name} → ${c.status}`, async () => {
      const res = await gw.request('POST', '/api/v1/test/notes', { key: agent, ...c.init });
      expect(res.status).toBe(c.status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const body = (await res.json()) as { type: string; status: number; request_id: string };
      expect(body.type).toMatch(new RegExp(`/${c.type}$`));
      expect(body.status).toBe(c.status);
      expect(body.request_id).toBeTruthy();
      await nothingEnqueued();
    });
  }

  it('field errors name the field', async () => {
    const res = await gw.request('POST', '/api/v1/test/notes', { key: agent, body: { note: 'x', count: 1, price: 5 } });
    const body = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(body.errors.map((e) => e.path).join(' ')).toContain('body');
    expect(JSON.stringify(body.errors)).toContain('price');
  });
});
