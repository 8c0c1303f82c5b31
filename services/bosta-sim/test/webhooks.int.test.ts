import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatorHandle } from '../src/index.js';
import { call, createBody, startReceiver, startTestSim } from './helpers.js';

let sim: SimulatorHandle | undefined;
const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterEach(async () => {
  await sim?.close();
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function setup(opts: { failFirst?: number } = {}): Promise<{ sim: SimulatorHandle; hooks: Awaited<ReturnType<typeof startReceiver>> }> {
  const hooks = await startReceiver(opts);
  receivers.push(hooks);
  sim = await startTestSim({ webhook: { url: hooks.url, headers: { 'X-Bosta-Secret': 's3cret' } } });
  return { sim, hooks };
}

async function create(s: SimulatorHandle, type: 10 | 15 | 25 | 30, ref: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await call<{ data: { trackingNumber: string } }>(`${s.apiBase}/deliveries`, { body: createBody(type, ref, extra) });
  return r.body.data.trackingNumber;
}

const flush = (s: SimulatorHandle) => call<Record<string, number>>(`${s.url}/__sim/webhooks/flush`, { body: {} });

describe('webhooks', () => {
  it('posts the §6 body with the configured header on state changes only', async () => {
    const { sim: s, hooks } = await setup();
    const tn = await create(s, 10, 'WH-1');
    await call(`${s.apiBase}/deliveries/business/${tn}`, { method: 'PUT', body: { notes: 'no state change' } });
    await flush(s);
    expect(hooks.hooks).toHaveLength(0);
    await call(`${s.url}/__sim/deliveries/${tn}/state`, { body: { state: 47, exceptionReason: 'Customer is not answering.', exceptionCode: 7 } });
    await call(`${s.url}/__sim/deliveries/${tn}/state`, { body: { state: 45, hold: true } });
    await flush(s);
    expect(hooks.hooks).toHaveLength(2);
    const [ex, done] = hooks.hooks;
    expect(ex?.headers['x-bosta-secret']).toBe('s3cret');
    expect(ex?.headers['content-type']).toBe('application/json');
    const truth = (await call<{ _id: string; businessReference: string }>(`${s.url}/__sim/deliveries/${tn}`)).body;
    expect(ex?.body).toEqual({
      _id: truth._id, trackingNumber: Number(tn), state: 47, type: 'SEND', timeStamp: expect.any(Number) as number,
      deliveryPromiseDate: expect.stringMatching(/^\d{2}-\d{2}-\d{4}$/) as string, isConfirmedDelivery: false,
      exceptionReason: 'Customer is not answering.', exceptionCode: 7, businessReference: 'WH-1', numberOfAttempts: 0,
    });
    expect(done?.body).toMatchObject({ state: 45, cod: 1250, type: 'SEND' });
    expect(done?.body).not.toHaveProperty('exceptionReason');
    expect(ex?.body).not.toHaveProperty('cod');
    const stats = await call<{ webhooks: { sent: number } }>(`${s.url}/__sim/stats`);
    expect(stats.body.webhooks.sent).toBe(2);
  });

  it('sends to a delivery\'s own webhookUrl with its custom headers instead of the global one', async () => {
    const { sim: s, hooks } = await setup();
    const own = await startReceiver();
    receivers.push(own);
    const tn = await create(s, 25, 'WH-OWN', { webhookUrl: own.url, webhookCustomHeaders: { Authorization: 'Basic abc123' } });
    await call(`${s.url}/__sim/advance`, { body: { days: 20 } });
    await flush(s);
    expect(hooks.hooks).toHaveLength(0);
    expect(own.hooks.length).toBeGreaterThanOrEqual(6);
    expect(own.hooks.every((h) => h.headers.authorization === 'Basic abc123' && h.body.type === 'CUSTOMER_RETURN_PICKUP' && h.body.trackingNumber === Number(tn))).toBe(true);
    expect(own.hooks.at(-1)?.body.state).toBe(46);
  });

  it('retries a failing receiver', async () => {
    const { sim: s, hooks } = await setup({ failFirst: 2 });
    const tn = await create(s, 10, 'WH-RETRY');
    await call(`${s.url}/__sim/deliveries/${tn}/state`, { body: { state: 21, hold: true } });
    const counters = await flush(s);
    expect(hooks.hooks).toHaveLength(1);
    expect(hooks.attempts()).toBe(3);
    expect(counters.body).toMatchObject({ sent: 1, retried: 2, failed: 0 });
  });

  it('gives up on a dead receiver after its retries and counts the failure', async () => {
    const dead = await startReceiver();
    await dead.close();
    sim = await startTestSim({ webhook: { url: dead.url, headers: {} } });
    const tn = await create(sim, 10, 'WH-DEAD');
    await call(`${sim.url}/__sim/deliveries/${tn}/state`, { body: { state: 21, hold: true } });
    const counters = await flush(sim);
    expect(counters.status).toBe(200);
    expect(counters.body).toMatchObject({ sent: 0, failed: 1, retried: 2, pending: 0 });
  });

  it('drops, duplicates and reorders when told to', async () => {
    const { sim: s, hooks } = await setup();
    const tns = [await create(s, 10, 'F-1'), await create(s, 10, 'F-2'), await create(s, 30, 'F-3'), await create(s, 15, 'F-4')];
    await call(`${s.url}/__sim/faults`, { method: 'PUT', body: { webhookDrop: 1 } });
    await call(`${s.url}/__sim/deliveries/${tns[0]}/state`, { body: { state: 21, hold: true } });
    await flush(s);
    expect(hooks.hooks).toHaveLength(0);
    await call(`${s.url}/__sim/faults`, { method: 'PUT', body: { webhookDrop: 0, webhookDuplicate: 1 } });
    await call(`${s.url}/__sim/deliveries/${tns[0]}/state`, { body: { state: 24, hold: true } });
    await flush(s);
    expect(hooks.hooks.map((h) => h.body.state)).toEqual([24, 24]);
    hooks.hooks.length = 0;
    await call(`${s.url}/__sim/faults`, { method: 'PUT', body: { webhookDuplicate: 0, webhookReorder: 0.5, seed: 3 } });
    await call(`${s.url}/__sim/advance`, { body: { days: 20 } });
    await flush(s);
    const stats = (await call<{ webhooks: { dropped: number; duplicated: number; reordered: number } }>(`${s.url}/__sim/stats`)).body.webhooks;
    expect(stats.dropped).toBe(1);
    expect(stats.duplicated).toBe(1);
    expect(stats.reordered).toBeGreaterThan(0);
    const stamps = hooks.hooks.map((h) => Number(h.body.timeStamp));
    expect(stamps.some((t, i) => i > 0 && t < (stamps[i - 1] ?? 0))).toBe(true);
    for (const tn of tns.slice(1)) {
      const truth = (await call<{ timeline: { code: number }[] }>(`${s.url}/__sim/deliveries/${tn}`)).body;
      const got = hooks.hooks.filter((h) => String(h.body.trackingNumber) === tn).map((h) => h.body.state as number);
      expect([...got].sort()).toEqual(truth.timeline.slice(1).map((t) => t.code).sort());
    }
  });
});
