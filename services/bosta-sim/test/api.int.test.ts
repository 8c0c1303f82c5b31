import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCityByName, getDistricts } from '../src/demo/geography.js';
import type { SimulatorHandle } from '../src/index.js';
import { call, createBody, KEYS, startTestSim } from './helpers.js';

type Envelope = { success: boolean | string; message: string; errorCode?: number; data: Record<string, unknown> & { deliveries?: Record<string, unknown>[]; count?: number } };

let sim: SimulatorHandle;
let api: string;
beforeAll(async () => {
  sim = await startTestSim({ deliveries: 300 });
  api = sim.apiBase;
});
afterAll(() => sim.close());

const count = async (): Promise<number> => (await call<{ deliveries: number }>(`${sim.url}/__sim/stats`)).body.deliveries;

describe('auth and scopes', () => {
  it('answers 401/1007 without a key or with an unknown or Bearer-prefixed key', async () => {
    for (const key of [null, 'nope-nope-nope', `Bearer ${KEYS.full}`]) {
      const r = await call<Envelope>(`${api}/pickup-locations`, { key });
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ success: false, message: 'User is not authorized!', errorCode: 1007, data: null });
    }
  });

  it('lets a Read key GET but not POST, and a Read/Write key everything but DELETE (403/1008)', async () => {
    expect((await call(`${api}/cities`, { key: KEYS.read })).status).toBe(200);
    const search = await call<Envelope>(`${api}/deliveries/search`, { key: KEYS.read, body: {} });
    expect(search.status).toBe(403);
    expect(search.body).toMatchObject({ success: false, errorCode: 1008, message: 'Access to the requested resource is forbidden' });
    const created = await call<Envelope>(`${api}/deliveries?apiVersion=1`, { key: KEYS.readWrite, body: createBody(10, 'SCOPE-1') });
    expect(created.status).toBe(201);
    const tn = String(created.body.data.trackingNumber);
    const del = await call<Envelope>(`${api}/deliveries/business/${tn}/terminate`, { key: KEYS.readWrite, method: 'DELETE' });
    expect(del.status).toBe(403);
    expect(del.body.errorCode).toBe(1008);
    expect((await call<{ state: { code: number } }>(`${sim.url}/__sim/deliveries/${tn}`)).body.state.code).toBe(10);
    expect((await call(`${api}/deliveries/business/${tn}/terminate`, { method: 'DELETE' })).status).toBe(200);
  });

  it('logs in a dashboard user whose token works like a full key, raw or as Bearer', async () => {
    const bad = await call<Envelope>(`${api}/users/login`, { key: null, body: { email: 'ops@hvar.test', password: 'wrong' } });
    expect(bad.status).toBe(401);
    const ok = await call<Envelope>(`${api}/users/login`, { key: null, body: { email: 'ops@hvar.test', password: 'secret-pass' } });
    expect(ok.status).toBe(200);
    const token = String(ok.body.data.token);
    expect(ok.body.data.refreshToken).toEqual(expect.any(String) as string);
    expect((await call(`${api}/deliveries/search`, { key: token, body: { limit: 1 } })).status).toBe(200);
    expect((await call(`${api}/pickup-locations`, { key: `Bearer ${token}` })).status).toBe(200);
  });

  it('serves getAllDistricts without a key', async () => {
    const r = await call<{ data: { cityId: string; cityCode: string; districts: unknown[] }[] }>(`${api}/cities/getAllDistricts`, { key: null });
    expect(r.status).toBe(200);
    expect(r.body.data.find((c) => c.cityCode === 'EG-01')?.districts.length).toBeGreaterThan(5);
  });
});

describe('create', () => {
  it('creates each type at its first state and answers the created shape', async () => {
    for (const [type, first] of [[10, 10], [15, 11], [25, 10], [30, 10]] as const) {
      const r = await call<Envelope>(`${api}/deliveries?apiVersion=1`, { body: createBody(type, `NEW-${type}`) });
      expect(r.status).toBe(201);
      expect(r.body.data).toMatchObject({ _id: expect.any(String) as string, trackingNumber: expect.stringMatching(/^\d{8}$/) as string, message: 'Delivery created successfully!', state: { code: first } });
      const detail = await call<Envelope>(`${api}/deliveries/business/${String(r.body.data.trackingNumber)}`);
      expect(detail.body.data).toMatchObject({ type: { code: type }, state: { code: first }, receiver: { phone: '+201001234567' }, uniqueBusinessReference: `NEW-${type}-u` });
      if (type === 25) expect(detail.body.data).toMatchObject({ pickupAddress: { district: { name: 'Korba' } }, returnSpecs: { packageDetails: { itemsCount: 1 } }, pickupRequestId: expect.any(String) as string });
      if (type === 10) expect(detail.body.data).toMatchObject({ dropOffAddress: { city: { name: 'Cairo' }, zone: { name: 'Heliopolis' }, district: { name: 'Korba' } } });
    }
  });

  it('accepts city + districtId and districtName + cityId, and a CRP address sent as dropOffAddress', async () => {
    const giza = getCityByName('Giza');
    const district = giza ? getDistricts(giza._id)[0] : undefined;
    expect(district).toBeDefined();
    const byId = await call(`${api}/deliveries`, { body: createBody(10, 'ADDR-1', { dropOffAddress: { city: 'Giza', districtId: district?.districtId, firstLine: '15 Mosaddak St' } }) });
    expect(byId.status).toBe(201);
    const byName = await call(`${api}/deliveries`, { body: createBody(10, 'ADDR-2', { dropOffAddress: { cityId: giza?._id, districtName: district?.districtName, firstLine: '15 Mosaddak St' } }) });
    expect(byName.status).toBe(201);
    const crp = createBody(25, 'ADDR-3');
    crp.dropOffAddress = crp.pickupAddress;
    delete crp.pickupAddress;
    expect((await call(`${api}/deliveries`, { body: crp })).status).toBe(201);
  });

  it('rejects bad input with the right error and creates nothing', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, number, number][] = [
      [createBody(10, 'BAD-1', { dropOffAddress: undefined }), 400, 3009],
      [createBody(15, 'BAD-2', { pickupAddress: undefined }), 400, 3009],
      [createBody(25, 'BAD-3', { pickupAddress: { city: 'Cairo', firstLine: '12 Abbas St' } }), 400, 3009],
      [createBody(10, 'BAD-4', { dropOffAddress: { city: 'Atlantis', districtName: 'Korba', firstLine: '12 Abbas St' } }), 400, 3009],
      [createBody(10, 'BAD-5', { dropOffAddress: { city: 'Cairo', districtName: 'Korba', firstLine: '12' } }), 400, 1000],
      [createBody(10, 'BAD-6', { receiver: { firstName: 'A', phone: '12345' } }), 400, 1000],
      [createBody(10, 'BAD-7', { receiver: { phone: '01001234567' } }), 400, 1000],
      [createBody(10, 'BAD-8', { type: 20 }), 400, 1000],
      [createBody(10, 'BAD-9', { cod: 'lots' }), 400, 1000],
      [createBody(10, 'BAD-10', { webhookUrl: 'not a url' }), 400, 1000],
    ];
    for (const [body, status, code] of cases) {
      const r = await call<Envelope>(`${api}/deliveries`, { body });
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body).toMatchObject({ success: false, errorCode: code, data: null });
    }
    expect(await count()).toBe(before);
  });

  it('rejects a reused uniqueBusinessReference with 400/1079 and keeps one delivery', async () => {
    const first = await call<Envelope>(`${api}/deliveries`, { body: createBody(10, 'DUP') });
    expect(first.status).toBe(201);
    const before = await count();
    const again = await call<Envelope>(`${api}/deliveries`, { body: createBody(10, 'DUP') });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ success: false, errorCode: 1079, message: 'uniqueBusinessReference already exists' });
    expect(await count()).toBe(before);
    const found = await call<Envelope>(`${api}/deliveries/search`, { body: { uniqueBusinessReference: 'DUP-u' } });
    expect(found.body.data.count).toBe(1);
    expect(found.body.data.deliveries?.[0]?._id).toBe(first.body.data._id);
  });

  it('bulk-creates what is valid and lists what failed', async () => {
    const r = await call<Envelope>(`${api}/deliveries/bulk`, { body: { deliveries: [createBody(10, 'BULK-1'), createBody(10, 'BULK-2', { dropOffAddress: undefined }), createBody(10, 'BULK-1')] } });
    expect(r.status).toBe(200);
    expect(r.body.data.createdDeliveriesIds).toHaveLength(1);
    expect(r.body.data.failedDeliveries).toEqual([
      { businessReference: 'BULK-2', errorMessage: expect.stringContaining('city, zoneId, or districtId is required') as string },
      { businessReference: 'BULK-1', errorMessage: 'uniqueBusinessReference already exists' },
    ]);
    expect((await call(`${api}/deliveries/bulk`, { body: { deliveries: [] } })).status).toBe(400);
  });
});

describe('detail, update, terminate', () => {
  it('finds a delivery by tracking number or _id; unknown → 404/1066', async () => {
    const c = await call<Envelope>(`${api}/deliveries`, { body: createBody(10, 'GET-1') });
    const byTn = await call<Envelope>(`${api}/deliveries/business/${String(c.body.data.trackingNumber)}`);
    const byId = await call<Envelope>(`${api}/deliveries/business/${String(c.body.data._id)}`);
    expect(byTn.body.data).toEqual(byId.body.data);
    expect(byTn.body.data).toEqual((await call(`${sim.url}/__sim/deliveries/${String(c.body.data.trackingNumber)}`)).body);
    expect(byTn.body.data).toMatchObject({ shipmentFees: expect.any(Number) as number, history: expect.any(Array) as unknown[] });
    const missing = await call<Envelope>(`${api}/deliveries/business/99999999x`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ success: false, message: 'Delivery not found', errorCode: 1066, data: null });
    expect((await call(`${api}/deliveries/business/nope`, { method: 'PUT', body: { notes: 'x' } })).status).toBe(404);
    expect((await call(`${api}/deliveries/business/nope/terminate`, { method: 'DELETE' })).status).toBe(404);
  });

  it('updates in early states (moving updatedAt, not the state) and refuses late ones', async () => {
    const c = await call<Envelope>(`${api}/deliveries`, { body: createBody(10, 'UPD-1') });
    const tn = String(c.body.data.trackingNumber);
    await call(`${sim.url}/__sim/advance`, { body: { minutes: 5 } });
    const r = await call<Envelope>(`${api}/deliveries/business/${tn}`, { method: 'PUT', body: { notes: 'Call first', cod: 999, receiver: { fullName: 'Mona Adel', phone: '01112223344' } } });
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ _id: c.body.data._id });
    const after = (await call<Envelope>(`${api}/deliveries/business/${tn}`)).body.data;
    expect(after).toMatchObject({ notes: 'Call first', cod: 999, receiver: { firstName: 'Mona', lastName: 'Adel', phone: '+201112223344' }, state: { code: 10 } });
    expect(Date.parse(String(after.updatedAt).replace(/ \(.*\)$/, ''))).toBe(Math.floor((sim.simulator.clock.now()) / 1000) * 1000);
    const byPhone = await call<Envelope>(`${api}/deliveries/search`, { body: { mobilePhones: ['1112223344'] } });
    expect(byPhone.body.data.deliveries?.map((d) => d.trackingNumber)).toContain(tn);
    const bad = await call<Envelope>(`${api}/deliveries/business/${tn}`, { method: 'PUT', body: { cod: 'x', notes: 'should not stick' } });
    expect(bad.status).toBe(400);
    expect((await call<Envelope>(`${api}/deliveries/business/${tn}`)).body.data.notes).toBe('Call first');
    await call(`${sim.url}/__sim/deliveries/${tn}/state`, { body: { state: 45, hold: true } });
    const late = await call<Envelope>(`${api}/deliveries/business/${tn}`, { method: 'PUT', body: { notes: 'too late' } });
    expect(late.status).toBe(400);
    expect(late.body.errorCode).toBe(1071);
  });

  it('terminates only in states 10/11/20 (else 400/1070)', async () => {
    const c = await call<Envelope>(`${api}/deliveries`, { body: createBody(15, 'TERM-1') });
    const tn = String(c.body.data.trackingNumber);
    const ok = await call<Envelope>(`${api}/deliveries/business/${tn}/terminate`, { method: 'DELETE' });
    expect(ok.body).toMatchObject({ success: true, message: 'Delivery has been terminated successfully.', data: { _id: c.body.data._id } });
    expect((await call<Envelope>(`${api}/deliveries/business/${tn}`)).body.data.state).toMatchObject({ code: 48, value: 'Terminated' });
    const twice = await call<Envelope>(`${api}/deliveries/business/${tn}/terminate`, { method: 'DELETE' });
    expect(twice.status).toBe(400);
    expect(twice.body).toMatchObject({ errorCode: 1070, message: 'Delivery can not be terminated in its current state' });
    const c2 = await call<Envelope>(`${api}/deliveries`, { body: createBody(10, 'TERM-2') });
    await call(`${sim.url}/__sim/deliveries/${String(c2.body.data.trackingNumber)}/state`, { body: { state: 21 } });
    expect((await call<Envelope>(`${api}/deliveries/business/${String(c2.body.data.trackingNumber)}/terminate`, { method: 'DELETE' })).body.errorCode).toBe(1070);
  });
});

describe('reference endpoints', () => {
  it('lists cities and a city\'s districts; unknown city → 404', async () => {
    const cities = await call<{ data: { list: { _id: string; code: string; name: string }[] } }>(`${api}/cities`);
    const cairo = cities.body.data.list.find((c) => c.code === 'EG-01');
    expect(cairo?.name).toBe('Cairo');
    const districts = await call<{ data: { zoneName: string; districtName: string; districtId: string }[] }>(`${api}/cities/${cairo?._id}/districts`);
    expect(districts.body.data.some((d) => d.zoneName === 'Heliopolis' && d.districtName === 'Korba')).toBe(true);
    expect((await call(`${api}/cities/nope/districts`)).status).toBe(404);
  });

  it('returns the pickup location and creates/lists pickups with Bosta\'s date rules', async () => {
    const locs = await call<{ data: { list: { _id: string; isDefault: boolean }[] } }>(`${api}/pickup-locations`);
    expect(locs.body.data.list[0]).toMatchObject({ isDefault: true });
    // T0 is Sunday 2026-11-01; 2026-11-06 is a Friday.
    const ok = await call<Envelope>(`${api}/pickups`, { body: { scheduledDate: '2026-11-03', numberOfParcels: 3, contactPerson: { name: 'W', phone: '01000000000' } } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ success: 'true', message: 'Pickup Request Created Successfully' });
    expect((await call<Envelope>(`${api}/pickups`, { body: { scheduledDate: '2026-11-06' } })).body.errorCode).toBe(1080);
    expect((await call<Envelope>(`${api}/pickups`, { body: { scheduledDate: '2026-10-01' } })).body.errorCode).toBe(1083);
    expect((await call<Envelope>(`${api}/pickups`, { body: { scheduledDate: 'tomorrow' } })).body.errorCode).toBe(1000);
    const list = await call<Envelope>(`${api}/pickups?page=1`);
    expect(list.body.data.count).toBe(1);
  });

  it('prints AWBs as a base64 PDF by GET or POST; unknown numbers → 404', async () => {
    const page = await call<Envelope>(`${api}/deliveries/search`, { body: { limit: 2 } });
    const tns = (page.body.data.deliveries ?? []).map((d) => String(d.trackingNumber));
    const viaGet = await call<{ data: string }>(`${api}/deliveries/mass-awb?trackingNumbers=${tns.join(',')}&lang=ar`);
    expect(viaGet.body.data.startsWith('JVBERi')).toBe(true);
    const pdf = Buffer.from(viaGet.body.data, 'base64').toString('latin1');
    expect(pdf).toContain('/Count 2');
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    const viaPost = await call<{ data: string }>(`${api}/deliveries/mass-awb`, { body: { trackingNumbers: tns[0], requestedAwbType: 'A6' } });
    expect(viaPost.body.data.startsWith('JVBERi')).toBe(true);
    expect((await call(`${api}/deliveries/mass-awb?trackingNumbers=1`)).status).toBe(404);
    expect((await call(`${api}/deliveries/mass-awb`)).status).toBe(400);
  });

  it('answers unknown routes and bad JSON in the envelope', async () => {
    const r = await call<Envelope>(`${api}/deliveries/123/cancel`, { body: {} });
    expect(r.status).toBe(404);
    expect(r.body.success).toBe(false);
    const res = await fetch(`${api}/deliveries`, { method: 'POST', headers: { authorization: KEYS.full, 'content-type': 'application/json' }, body: '{oops' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ success: false });
  });
});
