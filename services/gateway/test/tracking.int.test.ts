/**
 * The public tracking endpoint against the real cycle: the Bosta simulator (webhooks to the gateway)
 * and every service in its own process. A customer's sale and a case are made through the API; the
 * endpoint is then called without credentials, as the tracking page does.
 */
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createBostaClient, type BostaClient } from '@hvar/bosta';
import { startSimulator, type SimulatorHandle } from '@hvar/bosta-sim';
import { createDatabase, type Database } from '@hvar/platform';
import { startServiceProcess, waitFor, type ServiceProcess } from '@hvar/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCityByName, getDistricts } from '../../bosta-sim/src/demo/geography.js';
import { migrateClassifier } from '../../classifier/src/db/migrate.js';
import { migrateHierarchy } from '../../hierarchy/src/db/migrate.js';
import { migrateHub } from '../../hub/src/db/migrate.js';
import { migrateReturns } from '../../returns/src/db/migrate.js';
import { migrateServiceAction } from '../../service-action/src/db/migrate.js';
import { migrateSync } from '../../sync/src/db/migrate.js';
import type { TrackingAnswer } from '../src/routes/tracking/schemas.js';
import { startTestGateway, type TestGateway } from './harness.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SECRET = 'track-webhook-secret-0123456789';
const API_KEY = 'track-sim-key-0123456789';
const SCHEMAS = ['sync', 'classifier', 'hierarchy', 'service_action', 'returns', 'hub'];
const LIMIT = 25;
const PHONE = '+201001234567';
const NO_MATCH = 'No parcel or case matches this code and phone digits.';

const cairo = getCityByName('Cairo');
const district = cairo ? getDistricts(cairo._id)[0] : undefined;
const address = { city: 'Cairo', zone: null, district: district?.districtName ?? null, first_line: '12 Abbas El Akkad St, floor 3' };

let gw: TestGateway;
let sim: SimulatorHandle;
let bosta: BostaClient;
let database: Database;
let agentKey: string;
const services: ServiceProcess[] = [];
let sale: string;
let onItsWay: string;
let caseNumber: string;
let pickupTn: string;

async function resetSchemas(db: Database): Promise<void> {
  const { rows } = await db.pool.query<{ name: string }>(
    `select format('%I.%I', schemaname, tablename) as name from pg_tables
      where schemaname = any($1::text[]) and tablename not like '\\_\\_drizzle%' and tablename <> 'rule_sets'`,
    [SCHEMAS],
  );
  await db.pool.query(`truncate ${rows.map((r) => r.name).join(', ')}`);
  await db.pool.query('delete from classifier.rule_sets where version > 1');
  await db.pool.query('update classifier.rule_sets set active = (version = 1)');
}

/** The endpoint as the page calls it: no credentials. */
async function track(body: unknown): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
  const res = await gw.request('POST', '/api/v1/public/track', { body });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Record<string, unknown>, text };
}

async function agent<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await gw.request(method, path, { key: agentKey, body });
  return { status: res.status, body: (await res.json()) as T };
}

const until = <T>(what: string, probe: () => Promise<T | undefined>) => waitFor(probe, { timeoutMs: 60_000, intervalMs: 250, message: what });
const move = async (tn: string, state: number) => {
  const res = await fetch(`${sim.url}/__sim/deliveries/${tn}/state`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ state }) });
  expect(res.status).toBeLessThan(300);
};
/** Waits until the order book has the parcel in `state`. */
const synced = (tn: string, state: number) =>
  until(`${tn} in state ${state}`, async () => {
    const res = await agent<{ state_code?: number }>('GET', `/api/v1/orders/tracking/${tn}`);
    return res.status === 200 && res.body.state_code === state ? true : undefined;
  });

/** A parcel for the customer at Bosta, moved to `state` and synced. */
async function parcel(cod: number, product: string, state: number): Promise<string> {
  const created = await bosta.createDelivery({
    type: 10, cod, receiver: { firstName: 'Ahmed', lastName: 'Ali', phone: PHONE },
    dropOffAddress: { city: 'Cairo', districtId: district?.districtId, firstLine: address.first_line },
    specs: { packageDetails: { itemsCount: 1, description: `1 * ${product}` } }, uniqueBusinessReference: `track-${cod}-${Date.now()}`,
  } as never);
  await move(created.trackingNumber, state);
  await synced(created.trackingNumber, state);
  return created.trackingNumber;
}

beforeAll(async () => {
  database = createDatabase({ url: process.env.DATABASE_URL ?? '', applicationName: 'tracking-int', max: 2 });
  for (const migrate of [migrateSync, migrateClassifier, migrateHierarchy, migrateServiceAction, migrateReturns, migrateHub]) await migrate(database);
  await resetSchemas(database);
  gw = await startTestGateway({ env: { BOSTA_WEBHOOK_SECRET: SECRET, COMMAND_WAIT_MS: '10000', TRACK_RATE_LIMIT: String(LIMIT) } });
  agentKey = await gw.keyFor('agent');
  sim = await startSimulator({
    seed: 11, deliveries: 0, keys: [{ key: API_KEY, scope: 'full' }],
    webhook: { url: `${gw.url}/webhooks/bosta`, headers: { 'X-Bosta-Secret': SECRET } },
    now: new Date('2026-06-01T09:00:00.000Z'), speed: 0, webhookRetryDelayMs: 10,
  });
  bosta = createBostaClient({ baseUrl: sim.apiBase, apiKey: API_KEY });
  const env = {
    DATABASE_URL: process.env.DATABASE_URL ?? '', REDIS_URL: process.env.REDIS_URL ?? '', QUEUE_PREFIX: gw.prefix, LOG_LEVEL: 'warn',
    BOSTA_BASE_URL: sim.apiBase, BOSTA_API_KEY: API_KEY, SYNC_FULL_ON_FIRST_START: 'true',
  };
  for (const name of ['hub', 'returns', 'service-action', 'hierarchy', 'classifier', 'sync']) {
    services.push(await startServiceProcess(name, { root: ROOT, entry: `services/${name}/src/main.ts`, env }));
  }

  sale = await parcel(2400, 'Air fryer', 45);
  await until('the sale known to the customer service', async () => {
    const res = await agent<{ total_orders?: number }>('GET', `/api/v1/customers/${encodeURIComponent(PHONE)}`);
    return res.status === 200 && (res.body.total_orders ?? 0) >= 1 ? true : undefined;
  });
  onItsWay = await parcel(900, 'Blender', 41);
  const created = await agent<{ action_id: string; case_number: string }>('POST', '/api/v1/service-actions', {
    customer_phone: PHONE, action_type: 'maintenance', service_reason: 'Fan is noisy', main_order_id: sale, product_name: 'Air fryer',
    customer_name: 'Ahmed Ali', pickup_address: address,
  });
  expect(created.status).toBe(201);
  caseNumber = created.body.case_number;
  pickupTn = await until('the pickup exists at Bosta', async () => {
    const res = await agent<{ items: { tracking_number: string | null }[] }>('GET', `/api/v1/returns?action_id=${created.body.action_id}&leg=pickup`);
    return res.body.items[0]?.tracking_number ?? undefined;
  });
}, 240_000);

afterAll(async () => {
  await Promise.all(services.map((s) => s.stop()));
  await sim?.close();
  await gw?.close();
  await database?.close();
});

/** Nothing personal anywhere in an answer: no receiver or customer name, phone or address. */
function expectNothingPersonal(text: string): void {
  for (const secret of ['Ahmed', 'Ali', '1001234567', '+20', 'Abbas', 'Cairo', 'floor', 'phone', 'name', 'address', 'Fan is noisy']) {
    expect(text, `answer contains ${secret}`).not.toContain(secret);
  }
}

describe('POST /api/v1/public/track', () => {
  it('a tracking number with the right digits: the parcel in plain facts and its case, nothing personal', async () => {
    const res = await track({ code: sale, phone_last4: '4567' });
    expect(res.status).toBe(200);
    const answer = res.body as unknown as TrackingAnswer;
    expect(answer.delivery).toMatchObject({ tracking_number: sale, kind: 'delivery', state_code: 45, stage: 'delivered', product: 'Air fryer', cod_due: 0 });
    expect(answer.delivery?.steps.at(-1)).toEqual({ stage: 'delivered', status: 'current' });
    expect(answer.cases.map((c) => c.case_number)).toEqual([caseNumber]);
    expect(answer.cases[0]).toMatchObject({ type: 'maintenance', product: 'Air fryer', pickup: { tracking_number: pickupTn } });
    expectNothingPersonal(res.text);
    expect(res.text).not.toContain('Ahmed Ali');
  });

  it('a parcel on its way says what is still due on delivery; Arabic-Indic digits are accepted', async () => {
    const res = await track({ code: onItsWay, phone_last4: '٤٥٦٧' });
    expect(res.status).toBe(200);
    expect(res.body.delivery).toMatchObject({ stage: 'out_for_delivery', cod_due: 900, product: 'Blender' });
    expect(res.body.cases).toEqual([]);
    expectNothingPersonal(res.text);
  });

  it('a case number: the case, its stage and its pickup', async () => {
    const res = await track({ code: caseNumber.toLowerCase(), phone_last4: '4567' });
    expect(res.status).toBe(200);
    const answer = res.body as unknown as TrackingAnswer;
    expect(answer.code).toBe(caseNumber);
    expect(answer.delivery).toBeNull();
    expect(answer.cases).toHaveLength(1);
    expect(answer.cases[0]).toMatchObject({ case_number: caseNumber, status: 'return_ordered', stage: 'pickup_scheduled', pickup: { tracking_number: pickupTn, stage: 'created' }, shipment: null });
    expect(answer.cases[0]?.steps.find((s) => s.status === 'current')?.stage).toBe('pickup_scheduled');
    expectNothingPersonal(res.text);
  });

  it("the pickup's own tracking number (the one Bosta texts) shows the parcel and its case", async () => {
    await move(pickupTn, 23);
    await synced(pickupTn, 23);
    // Polled through the operators' API: every call to the public endpoint counts against its limit.
    await until('the case sees its pickup picked up', async () => {
      const r = await agent<{ action_status?: string }>('GET', `/api/v1/service-actions/${caseNumber}`);
      return r.body.action_status === 'return_in_transit' ? true : undefined;
    });
    const res = await track({ code: pickupTn, phone_last4: '4567' });
    expect(res.status).toBe(200);
    expect((res.body as unknown as TrackingAnswer).cases[0]).toMatchObject({ stage: 'picked_up', pickup: { stage: 'picked_up' } });
    expect(res.body.delivery).toMatchObject({ tracking_number: pickupTn, kind: 'pickup', stage: 'picked_up', product: 'Air fryer' });
    expect((res.body as unknown as TrackingAnswer).cases.map((c) => c.case_number)).toEqual([caseNumber]);
    expectNothingPersonal(res.text);
  });

  it('wrong digits, an unknown tracking number and an unknown case number answer the same 404', async () => {
    const answers = await Promise.all([
      track({ code: sale, phone_last4: '4568' }),
      track({ code: caseNumber, phone_last4: '0000' }),
      track({ code: '99999999', phone_last4: '4567' }),
      track({ code: 'SA-2026-999999', phone_last4: '4567' }),
    ]);
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.body).toMatchObject({ type: 'https://hvar-cycle.dev/problems/not_found', title: 'Not found', detail: NO_MATCH });
    }
  });

  it('a malformed body is a 400 naming each field', async () => {
    const res = await track({ code: 'not a code', phone_last4: '45' });
    expect(res.status).toBe(400);
    expect((res.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['body.code', 'body.phone_last4']);
    expect((await track({ code: sale })).status).toBe(400);
    expect((await track({ code: sale, phone_last4: '4567', phone: PHONE })).status).toBe(400);
  });

  it('is documented in the OpenAPI description with its answer schema', async () => {
    const doc = (await (await gw.request('GET', '/openapi.json')).json()) as Record<string, unknown> & { paths: Record<string, { post?: { security?: unknown[]; responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> } }> };
    expect((await new Validator().validate(doc)).valid).toBe(true);
    const op = doc.paths['/api/v1/public/track']?.post;
    expect(op?.security).toEqual([]);
    expect(op?.responses['200']?.content?.['application/json']?.schema.$ref).toBe('#/components/schemas/TrackingAnswer');
    expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '404', '429']));
  });

  it(`answers 429 after ${LIMIT} attempts per address in 15 minutes`, async () => {
    let refused: Awaited<ReturnType<typeof track>> | undefined;
    let answered = 0;
    // Earlier tests spent part of the budget; a window boundary mid-loop can only reset it once.
    for (let i = 0; i < 2 * LIMIT + 1 && !refused; i++) {
      const res = await track({ code: sale, phone_last4: i % 2 ? '4567' : '1111' });
      if (res.status === 429) refused = res;
      else answered++;
    }
    expect(refused?.body).toMatchObject({ type: 'https://hvar-cycle.dev/problems/rate_limited', status: 429 });
    expect(String(refused?.body.detail)).toMatch(/try again in \d+ minutes?/);
    expect(answered).toBeLessThanOrEqual(LIMIT);
    expect((await track({ code: sale, phone_last4: '4567' })).status).toBe(429);
  });
});
