import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './harness.js';

const SECRET = 'bosta-webhook-secret-0123456789';
let gw: TestGateway;
let queue: Queue;

beforeAll(async () => {
  gw = await startTestGateway({ env: { BOSTA_WEBHOOK_SECRET: SECRET } });
  queue = new Queue('sync', { connection: gw.redis, prefix: gw.prefix });
});
afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  await gw.close();
});

const body = (over: Record<string, unknown> = {}) => ({
  _id: 'abc123', trackingNumber: 48089608, state: 47, type: 'SEND', timeStamp: 1_741_000_000_000,
  exceptionReason: 'Customer is not answering.', exceptionCode: 7, isConfirmedDelivery: false, ...over,
});
const send = (payload: unknown, headers: Record<string, string> = { 'x-bosta-secret': SECRET }, raw?: string) =>
  raw === undefined ? gw.request('POST', '/webhooks/bosta', { body: payload, headers }) : gw.request('POST', '/webhooks/bosta', { raw, headers: { ...headers, 'content-type': 'application/json' } });
const jobs = async () => queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed']);

describe('POST /webhooks/bosta', () => {
  it('without the secret or with a wrong one → 401 and nothing queued', async () => {
    const variants: Record<string, string>[] = [{}, { 'x-bosta-secret': 'wrong' }, { 'x-bosta-secret': `${SECRET}x` }, { 'x-bosta-secret': SECRET.replace('0', '1') }, { authorization: SECRET }];
    for (const headers of variants) {
      const res = await send(body(), headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await jobs()).toHaveLength(0);
  });

  it('a malformed body → 400 with the reason and nothing queued', async () => {
    const cases: [unknown, string | undefined, RegExp][] = [
      [undefined, '{"trackingNumber": ', /not valid JSON/],
      [[1, 2], undefined, /body/],
      [body({ state: 'delivered' }), undefined, /state/],
      [body({ trackingNumber: undefined }), undefined, /trackingNumber/],
      [body({ timeStamp: undefined }), undefined, /timeStamp: missing/],
      [body({ timeStamp: 'soon' }), undefined, /timeStamp/],
    ];
    for (const [payload, raw, reason] of cases) {
      const res = await send(payload, undefined, raw);
      const problem = (await res.json()) as { detail: string };
      expect(res.status, raw ?? JSON.stringify(payload)).toBe(400);
      expect(problem.detail).toMatch(reason);
    }
    expect(await jobs()).toHaveLength(0);
  });

  it('a good call → 200 at once and exactly one webhook-received job; a duplicate → still one', async () => {
    const first = await send(body());
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true });
    const [job] = await jobs();
    expect(job?.name).toBe('webhook-received');
    expect((job?.data as { body: unknown }).body).toEqual(body());
    expect(Date.parse((job?.data as { received_at: string }).received_at)).toBeGreaterThan(Date.now() - 60_000);

    // Bosta retries: the same event (also with the tracking number as a string) collapses into the same job.
    expect((await send(body())).status).toBe(200);
    expect((await send(body({ trackingNumber: '48089608' }))).status).toBe(200);
    expect(await jobs()).toHaveLength(1);

    // A later state of the same delivery is another event.
    expect((await send(body({ state: 45, timeStamp: 1_741_000_600_000, cod: 250 }))).status).toBe(200);
    expect(await jobs()).toHaveLength(2);
  });
});

describe('configuration', () => {
  it('no secret configured → 503 and nothing queued', async () => {
    const bare = await startTestGateway();
    const q = new Queue('sync', { connection: bare.redis, prefix: bare.prefix });
    try {
      const res = await bare.request('POST', '/webhooks/bosta', { body: body(), headers: { 'x-bosta-secret': SECRET } });
      expect(res.status).toBe(503);
      expect(await q.getJobCounts()).toMatchObject({ waiting: 0, completed: 0, failed: 0 });
    } finally {
      await q.close();
      await bare.close();
    }
  });

  it('a custom header name (BOSTA_WEBHOOK_HEADER)', async () => {
    const custom = await startTestGateway({ env: { BOSTA_WEBHOOK_SECRET: SECRET, BOSTA_WEBHOOK_HEADER: 'Authorization' } });
    const q = new Queue('sync', { connection: custom.redis, prefix: custom.prefix });
    try {
      expect((await custom.request('POST', '/webhooks/bosta', { body: body(), headers: { 'x-bosta-secret': SECRET } })).status).toBe(401);
      expect((await custom.request('POST', '/webhooks/bosta', { body: body(), headers: { authorization: SECRET } })).status).toBe(200);
      expect(await q.getWaitingCount()).toBe(1);
    } finally {
      await q.obliterate({ force: true });
      await q.close();
      await custom.close();
    }
  });

  it('is documented in the OpenAPI description', async () => {
    const doc = (await (await gw.request('GET', '/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/webhooks/bosta', '/api/v1/orders', '/api/v1/orders/{id}/timeline', '/api/v1/sync/runs/{id}', '/api/v1/sync/quarantine']));
  });
});
