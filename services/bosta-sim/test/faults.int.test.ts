import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SimulatorHandle } from '../src/index.js';
import { call, startTestSim } from './helpers.js';

type Item = { trackingNumber: string; state: { code: number }; timeline: unknown[] };

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startTestSim({ deliveries: 200 });
});
afterAll(() => sim.close());
beforeEach(async () => {
  await call(`${sim.url}/__sim/faults`, { method: 'PUT', body: { latencyMs: 0, rate429: 0, rate5xx: 0, searchDetailMismatch: 0 } });
});

const setFaults = (body: Record<string, unknown>) => call(`${sim.url}/__sim/faults`, { method: 'PUT', body });

describe('fault injection', () => {
  it('adds latency to the Bosta API only', async () => {
    await setFaults({ latencyMs: 150 });
    let t = Date.now();
    expect((await call(`${sim.apiBase}/cities`)).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(145);
    t = Date.now();
    expect((await call(`${sim.url}/__sim/stats`)).status).toBe(200);
    expect(Date.now() - t).toBeLessThan(140);
  });

  it('answers 429 with Retry-After and a retryAfter body, never on /__sim', async () => {
    await setFaults({ rate429: 1 });
    const before = (await call<{ faultsInjected: number }>(`${sim.url}/__sim/stats`)).body.faultsInjected;
    const r = await call(`${sim.apiBase}/deliveries/search`, { body: {} });
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('1');
    expect(r.body).toEqual({ success: false, message: 'Too many requests', errorCode: 429, retryAfter: 1 });
    const stats = await call<{ faultsInjected: number }>(`${sim.url}/__sim/stats`);
    expect(stats.status).toBe(200);
    expect(stats.body.faultsInjected).toBe(before + 1);
  });

  it('answers 5xx at the configured rate, reproducibly for a fault seed', async () => {
    await setFaults({ rate5xx: 1 });
    expect([500, 502, 503]).toContain((await call(`${sim.apiBase}/cities`)).status);
    const run = async (): Promise<number[]> => {
      await setFaults({ rate5xx: 0.5, seed: 9 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await call(`${sim.apiBase}/cities`)).status);
      return statuses;
    };
    const first = await run();
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(2);
    expect(first.filter((s) => s >= 500).length).toBeGreaterThan(2);
    expect(await run()).toEqual(first);
  });

  it('shows stale states in search and 404s details search listed (searchDetailMismatch)', async () => {
    const clean = await call<{ data: { deliveries: Item[] } }>(`${sim.apiBase}/deliveries/search`, { body: { limit: 100, states: [45, 46] } });
    await setFaults({ searchDetailMismatch: 1 });
    const stale = await call<{ data: { deliveries: Item[]; count: number } }>(`${sim.apiBase}/deliveries/search`, { body: { limit: 100, states: [45, 46] } });
    expect(stale.body.data.deliveries.map((d) => d.trackingNumber)).toEqual(clean.body.data.deliveries.map((d) => d.trackingNumber));
    for (const [i, d] of stale.body.data.deliveries.entries()) {
      expect(d.state.code).not.toBe(clean.body.data.deliveries[i]?.state.code);
      expect(d.timeline.length).toBe((clean.body.data.deliveries[i]?.timeline.length ?? 0) - 1);
    }
    const tn = stale.body.data.deliveries[0]?.trackingNumber ?? '';
    const detail = await call<{ errorCode: number }>(`${sim.apiBase}/deliveries/business/${tn}`);
    expect(detail.status).toBe(404);
    expect(detail.body.errorCode).toBe(1066);
    expect((await call(`${sim.url}/__sim/deliveries/${tn}`)).status).toBe(200);
  });

  it('rejects invalid fault settings', async () => {
    expect((await setFaults({ rate429: 2 })).status).toBe(400);
    expect((await setFaults({ bogus: 1 })).status).toBe(400);
    expect((await call<{ rate429: number }>(`${sim.url}/__sim/faults`)).body.rate429).toBe(0);
  });
});
