import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatorHandle } from '../src/index.js';
import { call, startTestSim } from './helpers.js';

type Item = { _id: string; trackingNumber: string; type: { code: number }; state: { code: number }; creationTimestamp: number; updatedAt: string; businessReference: string; receiver: { phone: string; firstName: string; secondPhone: string | null }; shipmentFees?: number; history?: unknown };
type Page = { data: { deliveries: Item[]; count: number } };

const N = 1_000;
let sim: SimulatorHandle;
let all: Item[];
beforeAll(async () => {
  sim = await startTestSim({ deliveries: N, customers: 300 });
  await call(`${sim.url}/__sim/advance`, { body: { hours: 12 } });
  all = (await (await fetch(`${sim.url}/__sim/export`)).text()).trim().split('\n').map((l) => JSON.parse(l) as Item);
});
afterAll(() => sim.close());

const search = (body: Record<string, unknown>) => call<Page>(`${sim.apiBase}/deliveries/search`, { body });
const updated = (d: Item): number => Date.parse(d.updatedAt.replace(/ \(.*\)$/, ''));

async function pages(body: Record<string, unknown>, limit: number): Promise<Item[]> {
  const out: Item[] = [];
  for (let page = 1; ; page++) {
    const r = await search({ ...body, page, limit });
    expect(r.status).toBe(200);
    out.push(...r.body.data.deliveries);
    if (r.body.data.deliveries.length < limit) return out;
  }
}

describe('POST /deliveries/search', () => {
  it('pages every delivery exactly once, in order, for every sortBy', async () => {
    for (const sortBy of ['-updatedAt', 'updatedAt', '-createdAt', 'createdAt']) {
      for (const limit of [200, 37]) {
        const got = await pages({ sortBy }, limit);
        expect(got).toHaveLength(N);
        expect(new Set(got.map((d) => d.trackingNumber)).size).toBe(N);
        const keys = got.map((d) => (sortBy.endsWith('createdAt') ? d.creationTimestamp : updated(d)));
        const sorted = [...keys].sort((a, b) => (sortBy.startsWith('-') ? b - a : a - b));
        expect(keys).toEqual(sorted);
      }
    }
  });

  it('returns search items without shipmentFees and history, and the total count', async () => {
    const r = await search({});
    expect(r.body.data.count).toBe(N);
    expect(r.body.data.deliveries).toHaveLength(50);
    expect(r.body.data.deliveries[0]).not.toHaveProperty('shipmentFees');
    expect(r.body.data.deliveries[0]).not.toHaveProperty('history');
    expect(all[0]).toHaveProperty('shipmentFees');
  });

  it('filters like a brute-force scan of the ground truth', async () => {
    const someone = all[17] as Item;
    const mid = [...all].sort((a, b) => a.creationTimestamp - b.creationTimestamp)[N / 2] as Item;
    const since = new Date(mid.creationTimestamp).toISOString();
    const local = `0${someone.receiver.phone.slice(3)}`;
    const cases: [Record<string, unknown>, (d: Item) => boolean][] = [
      [{ type: ['CUSTOMER_RETURN_PICKUP', 'EXCHANGE'] }, (d) => d.type.code === 25 || d.type.code === 30],
      [{ states: [45] }, (d) => d.state.code === 45],
      [{ createdAtStart: since }, (d) => d.creationTimestamp >= mid.creationTimestamp],
      [{ createdAtEnd: since, type: ['SEND'] }, (d) => d.creationTimestamp <= mid.creationTimestamp && d.type.code === 10],
      [{ trackingNumbers: [someone.trackingNumber, 'nope'] }, (d) => d.trackingNumber === someone.trackingNumber],
      [{ mobilePhones: [local] }, (d) => d.receiver.phone === someone.receiver.phone || d.receiver.secondPhone === someone.receiver.phone],
      [{ mobilePhones: someone.receiver.phone.slice(3) }, (d) => d.receiver.phone === someone.receiver.phone || d.receiver.secondPhone === someone.receiver.phone],
      [{ businessReference: someone.businessReference }, (d) => d.businessReference === someone.businessReference],
      [{ searchTerm: someone.receiver.firstName.toLowerCase() }, (d) => d.receiver.firstName.toLowerCase().includes(someone.receiver.firstName.toLowerCase()) || JSON.stringify(d.receiver).toLowerCase().includes(someone.receiver.firstName.toLowerCase()) || d.trackingNumber.includes(someone.receiver.firstName.toLowerCase())],
    ];
    for (const [filter, test] of cases) {
      const expected = all.filter(test).map((d) => d.trackingNumber).sort();
      const got = await pages({ ...filter, sortBy: '-updatedAt' }, 100);
      expect(got.map((d) => d.trackingNumber).sort(), JSON.stringify(filter)).toEqual(expected);
      expect((await search({ ...filter, limit: 1 })).body.data.count).toBe(expected.length);
    }
    const latest = Math.max(...all.map(updated));
    const recent = await pages({ sortBy: '-updatedAt', updatedAtStart: new Date(latest - 3_600_000).toISOString() }, 50);
    expect(recent.map((d) => d.trackingNumber).sort()).toEqual(all.filter((d) => updated(d) >= latest - 3_600_000).map((d) => d.trackingNumber).sort());
    expect(recent.length).toBeGreaterThan(0);
  });

  it('sees changes between pages of the same filtered query', async () => {
    const first = await search({ states: [45], limit: 10, sortBy: '-updatedAt' });
    const tn = first.body.data.deliveries[0]?.trackingNumber ?? '';
    await call(`${sim.url}/__sim/deliveries/${tn}/state`, { body: { state: 47, hold: true } });
    const second = await search({ states: [45], limit: 10, page: 1, sortBy: '-updatedAt' });
    expect(second.body.data.count).toBe(first.body.data.count - 1);
    expect(second.body.data.deliveries.map((d) => d.trackingNumber)).not.toContain(tn);
    const moved = await search({ states: [47], limit: 200, sortBy: '-updatedAt' });
    expect(moved.body.data.deliveries[0]?.trackingNumber).toBe(tn);
  });

  it('rejects a page size over 200 and bad dates', async () => {
    expect((await search({ limit: 201 })).status).toBe(400);
    expect((await search({ page: 0 })).status).toBe(400);
    expect((await search({ createdAtStart: 'yesterday-ish' })).status).toBe(400);
    expect((await search({ sortBy: 'name' })).status).toBe(400);
  });
});
