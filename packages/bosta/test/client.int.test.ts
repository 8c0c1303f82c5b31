import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../services/bosta-sim/src/index.js';
import {
  BostaApiError, BostaInputError, createBostaClient, normalizeDelivery,
  type BostaClient, type BostaClientOptions, type CreateDeliveryInput,
} from '../src/index.js';
import { startProxy, type TestProxy } from './proxy.js';

const KEYS = { read: 'key-read', rw: 'key-read-write', full: 'key-full' } as const;
const USER = { email: 'ops@hvar.test', password: 'correct horse' };
const SIM_START = new Date('2025-08-10T08:00:00Z'); // a Sunday

let sim: SimulatorHandle;
let proxy: TestProxy;
let address: { city: string; districtId: string; firstLine: string };
let ubrSeq = 0;
const ubr = (): string => `IT-${process.pid}-${++ubrSeq}`;

/** A client on the simulator (or the proxy) whose retry waits are recorded, not slept. */
function client(extra: Partial<BostaClientOptions> = {}): { c: BostaClient; sleeps: number[] } {
  const sleeps: number[] = [];
  const c = createBostaClient({
    baseUrl: sim.apiBase, apiKey: KEYS.full, timeoutMs: 5000,
    retry: { attempts: 6, baseDelayMs: 50, maxDelayMs: 400 },
    sleep: (ms) => { sleeps.push(ms); return Promise.resolve(); },
    ...extra,
  });
  return { c, sleeps };
}

async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sim.url}/__sim${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function countByUbr(ref: string): Promise<number> {
  return (await client().c.searchDeliveries({ page: 1, limit: 10, filters: { uniqueBusinessReference: ref } })).count;
}

function send(type: 10 | 30 = 10, ref = ubr()): CreateDeliveryInput {
  return { type, uniqueBusinessReference: ref, businessReference: `HV-${ref}`, cod: 1250.5, dropOffAddress: address, receiver: { firstName: 'Ahmed', lastName: 'Hassan', phone: '٠١٠٠ ١٢٣ ٤٥٦٧' }, specs: { packageDetails: { itemsCount: 2, description: '2 * Hand blender 5057' } } };
}

function pickupSide(type: 15 | 25, ref = ubr()): CreateDeliveryInput {
  return { type, uniqueBusinessReference: ref, cod: type === 15 ? 300 : 0, pickupAddress: address, receiver: { firstName: 'Mona', phone: '+20 101 234 5678' }, returnSpecs: { packageDetails: { itemsCount: 1, description: '1 * Mixer 3000' } } };
}

beforeAll(async () => {
  sim = await startSimulator({
    port: 0, host: '127.0.0.1', seed: 11, deliveries: 40, now: SIM_START, speed: 0,
    keys: [{ key: KEYS.read, scope: 'read' }, { key: KEYS.rw, scope: 'read_write' }, { key: KEYS.full, scope: 'full' }],
    users: [USER],
  });
  proxy = await startProxy(sim.url);
  const cities = await client().c.getAllDistricts();
  const cairo = cities.find((c) => c.cityName === 'Cairo');
  const district = cairo?.districts.find((d) => d.dropOffAvailability === true && d.pickupAvailability === true);
  if (!cairo || !district) throw new Error('simulator has no open Cairo district');
  address = { city: 'Cairo', districtId: district.districtId, firstLine: '12 Abbas El Akkad St' };
});

afterAll(async () => {
  await proxy.close();
  await sim.close();
});

afterEach(async () => {
  await admin('PUT', '/faults', { rate429: 0, rate5xx: 0, latencyMs: 0 });
  proxy.requests.length = 0;
});

describe('reads', () => {
  it('searches with page, limit, sortBy and filters, and every item normalizes', async () => {
    const { c } = client();
    const first = await c.searchDeliveries({ page: 1, limit: 15, sortBy: '-createdAt' });
    const second = await c.searchDeliveries({ page: 2, limit: 15, sortBy: '-createdAt' });
    expect(first.count).toBeGreaterThanOrEqual(40);
    expect(first.deliveries).toHaveLength(15);
    const all = [...first.deliveries, ...second.deliveries].map((raw) => normalizeDelivery(raw));
    for (const r of all) expect(r.ok ? 'ok' : r.reason).toBe('ok');
    const tns = all.map((r) => (r.ok ? r.value.tracking_number : ''));
    expect(new Set(tns).size).toBe(30);
    const created = all.map((r) => (r.ok ? r.value.created_at : ''));
    expect([...created].sort().reverse()).toEqual(created);

    const one = await c.searchDeliveries({ page: 1, limit: 5, filters: { trackingNumbers: [tns[3] as string] } });
    expect(one.count).toBe(1);
    const crp = await c.searchDeliveries({ page: 1, limit: 200, filters: { type: ['CUSTOMER_RETURN_PICKUP'] } });
    for (const raw of crp.deliveries) {
      const r = normalizeDelivery(raw);
      expect(r.ok && r.value.type_code).toBe(25);
    }
  });

  it('gets one delivery by tracking number and by _id; the detail matches the ground truth and normalizes', async () => {
    const { c } = client();
    const { deliveries } = await c.searchDeliveries({ page: 1, limit: 1 });
    const item = normalizeDelivery(deliveries[0]);
    if (!item.ok) throw new Error(item.reason);
    const byTn = await c.getDelivery(item.value.tracking_number);
    const byId = await c.getDelivery(item.value.id);
    expect(byId).toEqual(byTn);
    expect(byTn).toEqual(await admin('GET', `/deliveries/${item.value.tracking_number}`));
    const detail = normalizeDelivery(byTn);
    expect(detail.ok && detail.value.shipment_fees_piastres).toBeGreaterThan(0);
    expect(detail.ok && detail.value.id).toBe(item.value.id);
  });

  it('unknown tracking number → 404/1066', async () => {
    const err = await client().c.getDelivery('99999999999').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BostaApiError);
    expect(err).toMatchObject({ status: 404, errorCode: 1066, retryable: false });
  });

  it('bad key → 401/1007, no retry', async () => {
    const { c, sleeps } = client({ apiKey: 'not-a-key' });
    await expect(c.searchDeliveries({ page: 1, limit: 1 })).rejects.toMatchObject({ status: 401, errorCode: 1007 });
    expect(sleeps).toEqual([]);
  });

  it('cities, districts, all districts, pickup locations', async () => {
    const { c } = client();
    const cities = await c.listCities();
    const cairo = cities.find((x) => x.name === 'Cairo');
    expect(cairo?.code).toBe('EG-01');
    const districts = await c.listDistricts(cairo?._id ?? '');
    expect(districts.some((d) => d.districtId === address.districtId)).toBe(true);
    expect((await c.getAllDistricts()).length).toBe(cities.length);
    const locations = await c.listPickupLocations();
    expect(locations[0]).toMatchObject({ _id: 'hvarLoc0001', isDefault: true });
    await expect(c.listDistricts('no-such-city')).rejects.toMatchObject({ status: 404 });
  });

  it('mass AWB decodes the base64 PDF', async () => {
    const { c } = client();
    const { deliveries } = await c.searchDeliveries({ page: 1, limit: 2 });
    const tns = deliveries.map((d) => (normalizeDelivery(d) as { ok: true; value: { tracking_number: string } }).value.tracking_number);
    const pdf = await c.massAwb({ trackingNumbers: tns, type: 'A6', lang: 'ar' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expect(c.massAwb({})).rejects.toMatchObject({ status: 400 });
  });
});

describe('writes', () => {
  it.each([10, 30] as const)('creates type %s with its dropOffAddress; phones go out as 01X and come back E.164', async (type) => {
    const { c } = client();
    const input = send(type);
    const created = await c.createDelivery(input);
    expect(created.trackingNumber).toMatch(/^\d+$/);
    expect(created).toMatchObject({ state: { code: 10 }, uniqueBusinessReference: input.uniqueBusinessReference, recovered: false });
    const d = normalizeDelivery(await c.getDelivery(created.trackingNumber));
    if (!d.ok) throw new Error(d.reason);
    expect(d.value).toMatchObject({ type_code: type, receiver_phone: '+201001234567', cod_piastres: 125050, dropoff_city: 'Cairo', product_name: 'Hand blender 5057', product_count: 2 });
  });

  it.each([15, 25] as const)('creates type %s with the customer in pickupAddress', async (type) => {
    const { c } = client();
    const created = await c.createDelivery(pickupSide(type));
    const d = normalizeDelivery(await c.getDelivery(created._id));
    if (!d.ok) throw new Error(d.reason);
    expect(d.value).toMatchObject({ type_code: type, receiver_phone: '+201012345678', dropoff_city: 'Cairo' });
    if (type === 25) expect(d.value).toMatchObject({ description: '1 * Mixer 3000', product_name: 'Mixer 3000', cod_piastres: 0 });
  });

  it.each([
    [10, 'dropOffAddress'], [30, 'dropOffAddress'], [15, 'pickupAddress'], [25, 'pickupAddress'],
  ] as const)('type %s without %s fails locally; nothing reaches Bosta', async (type, missing) => {
    const before = (await admin('GET', '/stats')) as { deliveries: number; requests: number };
    const input = { type, uniqueBusinessReference: ubr(), receiver: { firstName: 'A', phone: '01001234567' } };
    const err = await client().c.createDelivery(input as CreateDeliveryInput).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BostaInputError);
    expect((err as BostaInputError).issues[0]?.path).toBe(missing);
    expect(await admin('GET', '/stats')).toMatchObject({ deliveries: before.deliveries, requests: before.requests });
  });

  it('an address Bosta cannot route → 400/3009 and nothing is created', async () => {
    const ref = ubr();
    const input = { ...send(10, ref), dropOffAddress: { ...address, districtId: 'no-such-district' } };
    await expect(client().c.createDelivery(input)).rejects.toMatchObject({ status: 400, errorCode: 3009 });
    expect(await countByUbr(ref)).toBe(0);
  });

  it('a reused uniqueBusinessReference → 400/1079, still one delivery', async () => {
    const { c } = client();
    const input = send();
    await c.createDelivery(input);
    await expect(c.createDelivery(input)).rejects.toMatchObject({ status: 400, errorCode: 1079 });
    expect(await countByUbr(input.uniqueBusinessReference)).toBe(1);
    expect(await c.findByUniqueBusinessReference(input.uniqueBusinessReference)).toMatchObject({ uniqueBusinessReference: input.uniqueBusinessReference, recovered: true });
  });

  it('bulk create: created ids and per-item failures', async () => {
    const { c } = client();
    const dup = send();
    await c.createDelivery(dup);
    const result = await c.bulkCreateDeliveries([send(), pickupSide(25), dup]);
    expect(result.created).toHaveLength(2);
    expect(result.failed).toEqual([{ businessReference: dup.businessReference, errorMessage: 'uniqueBusinessReference already exists' }]);
    for (const id of result.created) expect(normalizeDelivery(await c.getDelivery(id)).ok).toBe(true);
  });

  it('update changes the delivery; bad input fails locally', async () => {
    const { c } = client();
    const created = await c.createDelivery(send());
    expect(await c.updateDelivery(created.trackingNumber, { notes: 'Ring twice', receiver: { secondPhone: '0111 222 3333' } })).toEqual({ _id: created._id });
    const d = normalizeDelivery(await c.getDelivery(created.trackingNumber));
    expect(d.ok && d.value).toMatchObject({ notes: 'Ring twice', receiver_second_phone: '+201112223333' });
    await expect(c.updateDelivery(created.trackingNumber, {})).rejects.toBeInstanceOf(BostaInputError);
  });

  it('terminate: full key works; read/write key → 403/1008; too late → 400/1070', async () => {
    const { c } = client();
    const early = await c.createDelivery(send());
    await expect(client({ apiKey: KEYS.rw }).c.terminateDelivery(early.trackingNumber)).rejects.toMatchObject({ status: 403, errorCode: 1008 });
    await expect(client({ apiKey: KEYS.read }).c.createDelivery(send())).rejects.toMatchObject({ status: 403, errorCode: 1008 });
    expect(await c.terminateDelivery(early.trackingNumber)).toEqual({ _id: early._id });
    const d = normalizeDelivery(await c.getDelivery(early.trackingNumber));
    expect(d.ok && d.value.state_code).toBe(48);

    const late = await c.createDelivery(send());
    await admin('POST', `/deliveries/${late.trackingNumber}/state`, { state: 45 });
    await expect(c.terminateDelivery(late.trackingNumber)).rejects.toMatchObject({ status: 400, errorCode: 1070 });
    await expect(c.terminateDelivery('99999999999')).rejects.toMatchObject({ status: 404, errorCode: 1066 });
  });

  it('pickups: create (validated locally) and list', async () => {
    const { c } = client();
    const created = await c.createPickup({ scheduledDate: '2025-08-11', businessLocationId: 'hvarLoc0001', contactPerson: { name: 'Warehouse', phone: '+201000000000' }, numberOfParcels: 3, packageType: 'Normal' });
    expect(created).toMatchObject({ scheduledDate: '2025-08-11', numberOfParcels: 3 });
    const list = (await c.listPickups(1)) as { pickups: { _id: string }[] };
    expect(list.pickups.some((p) => p._id === (created as { _id: string })._id)).toBe(true);
    await expect(c.createPickup({ scheduledDate: '2025-08-15' })).rejects.toMatchObject({ status: 400, errorCode: 1080 });
    await expect(c.createPickup({ scheduledDate: 'tomorrow' })).rejects.toBeInstanceOf(BostaInputError);
  });
});

describe('faults', () => {
  it('429: search waits what Retry-After says and succeeds', async () => {
    await admin('PUT', '/faults', { rate429: 0.5, seed: 3 });
    const { c, sleeps } = client();
    for (let i = 0; i < 12; i++) await c.searchDeliveries({ page: 1, limit: 5 });
    expect(sleeps.length).toBeGreaterThan(0);
    expect(new Set(sleeps)).toEqual(new Set([1000]));
  });

  it('5xx: search is retried with jittered backoff and succeeds', async () => {
    await admin('PUT', '/faults', { rate5xx: 0.5, seed: 4 });
    const { c, sleeps } = client({ random: () => 0.999 });
    for (let i = 0; i < 12; i++) await c.searchDeliveries({ page: 1, limit: 5 });
    expect(sleeps.length).toBeGreaterThan(0);
    for (const s of sleeps) expect([49, 99, 199, 399]).toContain(s);
  });

  it('5xx on create: not re-sent while the lookup cannot prove the delivery absent; nothing created', async () => {
    await admin('PUT', '/faults', { rate5xx: 1, seed: 5 });
    const { c } = client({ baseUrl: `${proxy.url}/api/v2` });
    const input = send();
    await expect(c.createDelivery(input)).rejects.toMatchObject({ name: 'BostaApiError', retryable: true });
    const creates = proxy.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/api/v2/deliveries?'));
    expect(creates).toHaveLength(1);
    expect(proxy.requests.filter((r) => r.path === '/api/v2/deliveries/search')).toHaveLength(6);
    await admin('PUT', '/faults', { rate5xx: 0 });
    expect(await countByUbr(input.uniqueBusinessReference)).toBe(0);
  });

  it('lost create answer: the delivery is found by uniqueBusinessReference, no duplicate is created', async () => {
    const { c } = client({ baseUrl: `${proxy.url}/api/v2` });
    proxy.dropNextAnswer((method, path) => method === 'POST' && path.startsWith('/api/v2/deliveries?'));
    const input = send();
    const created = await c.createDelivery(input);
    expect(created).toMatchObject({ recovered: true, uniqueBusinessReference: input.uniqueBusinessReference });
    expect(proxy.requests.map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}${r.dropped ? ' dropped' : ''}`)).toEqual([
      'POST /api/v2/deliveries 201 dropped',
      'POST /api/v2/deliveries/search 200',
    ]);
    expect(await countByUbr(input.uniqueBusinessReference)).toBe(1);
    const truth = (await admin('GET', `/deliveries/${created.trackingNumber}`)) as { _id: string };
    expect(truth._id).toBe(created._id);
  });
});

describe('dashboard login', () => {
  it('a login token works as the raw Authorization value', async () => {
    const { c } = client({ apiKey: undefined, login: USER });
    const page = await c.searchDeliveries({ page: 1, limit: 3 });
    expect(page.deliveries).toHaveLength(3);
    const created = await c.createDelivery(send());
    expect(await c.terminateDelivery(created.trackingNumber)).toEqual({ _id: created._id });
  });

  it('a wrong password → 401/1007', async () => {
    const { c } = client({ apiKey: undefined, login: { ...USER, password: 'wrong' } });
    await expect(c.searchDeliveries({ page: 1, limit: 1 })).rejects.toMatchObject({ status: 401, errorCode: 1007 });
  });
});
