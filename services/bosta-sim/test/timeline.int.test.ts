import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatorHandle } from '../src/index.js';
import { call, createBody, startReceiver, startTestSim, T0 } from './helpers.js';

type Detail = {
  trackingNumber: string;
  state: { code: number; pickedUpTime?: string; deliveryTime?: string; returnedToBusiness?: string; receivedAtWarehouse?: { time: string } };
  timeline: { code: number; date: string; done: boolean; value: string }[];
  updatedAt: string;
  createdAt: string;
  creationTimestamp: number;
  exceptionReason?: string;
};

const ALLOWED: Record<number, number[][]> = {
  10: [[10, 21, 24, 30, 41, 45], [10, 21, 24, 30, 41, 47, 41, 45], [10, 21, 24, 30, 41, 47, 41, 47, 46]],
  15: [[11, 40, 45], [11, 40, 47, 40, 45], [11, 40, 47, 40, 47, 46]],
  25: [[10, 22, 23, 24, 30, 41, 46], [10, 22, 47, 22, 23, 24, 30, 41, 46]],
  30: [[10, 21, 24, 30, 41, 45], [10, 21, 24, 30, 41, 47, 41, 45], [10, 21, 24, 30, 41, 47, 41, 47, 46]],
};
const bostaDate = (s: string): number => Date.parse(s.replace(/ \(.*\)$/, ''));

let sim: SimulatorHandle;
let hooks: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  hooks = await startReceiver();
  sim = await startTestSim({ webhook: { url: hooks.url, headers: { 'X-Bosta-Secret': 's3cret' } } });
});
afterAll(async () => {
  await sim.close();
  await hooks.close();
});

const truth = async (tn: string): Promise<Detail> => (await call<Detail>(`${sim.url}/__sim/deliveries/${tn}`)).body;

describe('per-type timelines over simulated time', () => {
  it('moves created deliveries of every type along their timeline, one webhook per step reached', async () => {
    const tns = new Map<string, number>();
    for (let i = 0; i < 12; i++) {
      const type = ([10, 15, 25, 30] as const)[i % 4] as 10 | 15 | 25 | 30;
      const r = await call<{ data: { trackingNumber: string } }>(`${sim.apiBase}/deliveries`, { body: createBody(type, `TL-${i}`) });
      tns.set(r.body.data.trackingNumber, type);
    }
    await call(`${sim.url}/__sim/webhooks/flush`, { body: {} });
    expect(hooks.hooks).toHaveLength(0); // never on creation
    const early = await call<{ transitions: number; now: string }>(`${sim.url}/__sim/advance`, { body: { hours: 30 } });
    expect(early.body.now).toBe(new Date(T0.getTime() + 30 * 3_600_000).toISOString());
    const midStates = await Promise.all([...tns.keys()].map(async (tn) => (await truth(tn)).state.code));
    expect(midStates.some((s) => s !== 10 && s !== 11 && s !== 45 && s !== 46)).toBe(true);
    for (let day = 0; day < 20; day++) await call(`${sim.url}/__sim/advance`, { body: { days: 1 } });
    await call(`${sim.url}/__sim/webhooks/flush`, { body: {} });
    let steps = 0;
    for (const [tn, type] of tns) {
      const d = await truth(tn);
      const codes = d.timeline.map((t) => t.code);
      expect(ALLOWED[type], `${type}: ${codes.join(',')}`).toContainEqual(codes);
      const dates = d.timeline.map((t) => Date.parse(t.date));
      expect([...dates].sort((a, b) => a - b)).toEqual(dates);
      expect(bostaDate(d.updatedAt)).toBe(Math.floor((dates.at(-1) ?? 0) / 1000) * 1000);
      if (codes.at(-1) === 45) expect(Date.parse(d.state.deliveryTime ?? '')).toBe(dates.at(-1));
      if (codes.at(-1) === 46) expect(Date.parse(d.state.returnedToBusiness ?? '')).toBe(dates.at(-1));
      if (codes.includes(24)) expect(d.state.receivedAtWarehouse?.time).toBe(d.timeline.find((t) => t.code === 24)?.date);
      const received = hooks.hooks.filter((h) => String(h.body.trackingNumber) === tn);
      expect(received.map((h) => h.body.state)).toEqual(codes.slice(1));
      expect(received.map((h) => h.body.timeStamp)).toEqual(dates.slice(1));
      steps += codes.length - 1;
    }
    expect(hooks.hooks).toHaveLength(steps);
  });

  it('moves a delivery by hand, continues from there, or holds when asked', async () => {
    const r = await call<{ data: { trackingNumber: string } }>(`${sim.apiBase}/deliveries`, { body: createBody(10, 'MOVE-1') });
    const tn = r.body.data.trackingNumber;
    const moved = await call<Detail>(`${sim.url}/__sim/deliveries/${tn}/state`, { body: { state: 47, exceptionReason: 'Customer is not answering.', exceptionCode: 7 } });
    expect(moved.body.state.code).toBe(47);
    expect(moved.body.exceptionReason).toBe('Customer is not answering.');
    await call(`${sim.url}/__sim/advance`, { body: { days: 5 } });
    expect((await truth(tn)).timeline.map((t) => t.code)).toEqual([10, 47, 41, 45]);
    const r2 = await call<{ data: { trackingNumber: string } }>(`${sim.apiBase}/deliveries`, { body: createBody(10, 'MOVE-2') });
    await call(`${sim.url}/__sim/deliveries/${r2.body.data.trackingNumber}/state`, { body: { state: 24, hold: true } });
    await call(`${sim.url}/__sim/advance`, { body: { days: 5 } });
    expect((await truth(r2.body.data.trackingNumber)).state.code).toBe(24);
    expect((await call(`${sim.url}/__sim/deliveries/${tn}/state`, { body: { state: 50 } })).status).toBe(400);
    expect((await call(`${sim.url}/__sim/deliveries/00000000/state`, { body: { state: 45 } })).status).toBe(404);
    expect((await call(`${sim.url}/__sim/advance`, { body: {} })).status).toBe(400);
  });

  it('renders a corrupted delivery until the patch is removed', async () => {
    const r = await call<{ data: { trackingNumber: string } }>(`${sim.apiBase}/deliveries`, { body: createBody(10, 'CORRUPT-1') });
    const tn = r.body.data.trackingNumber;
    await call(`${sim.url}/__sim/deliveries/${tn}/corrupt`, { body: { patch: { receiver: { phone: 'garbage' }, state: { code: 'x' } } } });
    const bad = await call<{ data: { receiver: { phone: string; firstName: string }; state: { code: unknown } } }>(`${sim.apiBase}/deliveries/business/${tn}`);
    expect(bad.body.data.receiver).toMatchObject({ phone: 'garbage', firstName: 'Ahmed' });
    expect(bad.body.data.state.code).toBe('x');
    const search = await call<{ data: { deliveries: { receiver: { phone: string } }[] } }>(`${sim.apiBase}/deliveries/search`, { body: { trackingNumbers: [tn] } });
    expect(search.body.data.deliveries[0]?.receiver.phone).toBe('garbage');
    await call(`${sim.url}/__sim/deliveries/${tn}/corrupt`, { method: 'DELETE' });
    expect((await call<{ data: { receiver: { phone: string } } }>(`${sim.apiBase}/deliveries/business/${tn}`)).body.data.receiver.phone).toBe('+201001234567');
  });
});

describe('demo data', () => {
  it('is deterministic per seed, consistent per delivery, and keeps moving', async () => {
    const a = await startTestSim({ deliveries: 400, seed: 11 });
    const b = await startTestSim({ deliveries: 400, seed: 11 });
    const c = await startTestSim({ deliveries: 400, seed: 12 });
    try {
      const exportOf = async (h: SimulatorHandle): Promise<string> => (await fetch(`${h.url}/__sim/export`)).text();
      const [ea, eb, ec] = await Promise.all([exportOf(a), exportOf(b), exportOf(c)]);
      expect(ea).toBe(eb);
      expect(ea).not.toBe(ec);
      const rows = ea.trim().split('\n').map((l) => JSON.parse(l) as Detail);
      expect(rows).toHaveLength(400);
      expect(new Set(rows.map((d) => d.trackingNumber)).size).toBe(400);
      for (const d of rows) {
        expect(d.timeline.at(-1)?.code).toBe(d.state.code);
        expect(d.creationTimestamp).toBeLessThanOrEqual(T0.getTime());
        expect(Date.parse(d.timeline.at(-1)?.date ?? '')).toBeLessThanOrEqual(T0.getTime());
      }
      const stats = await call<{ byState: Record<string, number>; deliveries: number }>(`${a.url}/__sim/stats`);
      expect(stats.body.deliveries).toBe(400);
      expect(Object.keys(stats.body.byState).length).toBeGreaterThan(4);
      const moving = await call<{ transitions: number }>(`${a.url}/__sim/advance`, { body: { days: 10 } });
      expect(moving.body.transitions).toBeGreaterThan(0);
      const more = await call<{ added: number; deliveries: number }>(`${a.url}/__sim/deliveries`, { body: { count: 50 } });
      expect(more.body).toEqual({ added: 50, deliveries: 450 });
      expect((await call<{ deliveries: number }>(`${a.url}/__sim/reset`, { body: {} })).body.deliveries).toBe(0);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});
