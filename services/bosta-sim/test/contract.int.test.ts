import { createBostaClient, normalizeDelivery, normalizeWebhook } from '@hvar/bosta';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCityByName, getDistricts } from '../src/demo/geography.js';
import type { SimulatorHandle } from '../src/index.js';
import { call, createBody, KEYS, startReceiver, startTestSim } from './helpers.js';

// The simulator and @hvar/bosta (client + normalizers) must agree: everything rendered normalizes.
let sim: SimulatorHandle;
let hooks: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  hooks = await startReceiver();
  sim = await startTestSim({ deliveries: 2_000, webhook: { url: hooks.url, headers: { 'X-Bosta-Secret': 's' } } });
});
afterAll(async () => {
  await sim.close();
  await hooks.close();
});

describe('contract with @hvar/bosta', () => {
  it('normalizes every detail object, search item and webhook the simulator produces', async () => {
    for (const [i, type] of ([10, 15, 25, 30] as const).entries()) await call(`${sim.apiBase}/deliveries`, { body: createBody(type, `C-${i}`) });
    await call(`${sim.url}/__sim/advance`, { body: { days: 4 } });
    await call(`${sim.url}/__sim/webhooks/flush`, { body: {} });
    const details = (await (await fetch(`${sim.url}/__sim/export`)).text()).trim().split('\n').map((l) => JSON.parse(l) as unknown);
    const failures = details.map((d) => normalizeDelivery(d)).filter((r) => !r.ok);
    expect(failures).toEqual([]);
    const client = createBostaClient({ baseUrl: sim.apiBase, apiKey: KEYS.full });
    const page = await client.searchDeliveries({ page: 1, limit: 200, sortBy: '-updatedAt' });
    expect(page.count).toBe(2_004);
    expect(page.deliveries.map((d) => normalizeDelivery(d)).filter((r) => !r.ok)).toEqual([]);
    expect(hooks.hooks.length).toBeGreaterThan(10);
    expect(hooks.hooks.map((h) => normalizeWebhook(h.body)).filter((r) => !r.ok)).toEqual([]);
  });

  it('round-trips the client operations', async () => {
    const client = createBostaClient({ baseUrl: sim.apiBase, apiKey: KEYS.full });
    const cairo = getCityByName('Cairo');
    const districtId = cairo ? getDistricts(cairo._id)[0]?.districtId : undefined;
    const created = await client.createDelivery({ type: 10, cod: 100, receiver: { firstName: 'Mona', lastName: 'Adel', phone: '01001234567' }, dropOffAddress: { city: 'Cairo', districtId, firstLine: '12 Abbas El Akkad St' }, businessReference: 'RT-1', uniqueBusinessReference: 'RT-1' } as never);
    expect(created).toMatchObject({ trackingNumber: expect.stringMatching(/^\d{8}$/) as string, state: { code: 10 } });
    const detail = normalizeDelivery(await client.getDelivery(created.trackingNumber));
    expect(detail.ok && detail.value.receiver_phone).toBe('+201001234567');
    await client.updateDelivery(created.trackingNumber, { notes: 'ring twice' } as never);
    expect((await client.massAwb({ trackingNumbers: [created.trackingNumber] })).subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(await client.terminateDelivery(created.trackingNumber)).toEqual({ _id: created._id });
    expect((await client.listCities()).length).toBeGreaterThan(20);
    expect((await client.getAllDistricts()).length).toBeGreaterThan(20);
    expect(await client.listPickupLocations()).toHaveLength(1);
  });
});
