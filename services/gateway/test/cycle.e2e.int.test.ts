/**
 * The after-sales cycle end to end (domain.md §10), every service real and in its own process: the
 * Bosta simulator (webhooks to the gateway), sync, classifier, hierarchy, service-action, returns and
 * hub, and the gateway. Only the public API and the simulator's admin API (to move parcels) are driven.
 */
import { fileURLToPath } from 'node:url';
import { createBostaClient, type BostaClient } from '@hvar/bosta';
import { startSimulator, type SimulatorHandle } from '@hvar/bosta-sim';
import { ServiceActionSchema, type ServiceAction } from '@hvar/contracts';
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
import { startTestGateway, type TestGateway } from './harness.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SECRET = 'cycle-webhook-secret-0123456789';
const API_KEY = 'cycle-sim-key-0123456789';
const SCHEMAS = ['sync', 'classifier', 'hierarchy', 'service_action', 'returns', 'hub'];

let gw: TestGateway;
let sim: SimulatorHandle;
let bosta: BostaClient;
let database: Database;
const keys: Record<'agent' | 'hub_agent' | 'team_leader' | 'technician', string> = { agent: '', hub_agent: '', team_leader: '', technician: '' };
const services: ServiceProcess[] = [];

const cairo = getCityByName('Cairo');
const district = cairo ? getDistricts(cairo._id)[0] : undefined;
/** A pickup/drop-off address the simulator accepts (a real Cairo district). */
const address = { city: 'Cairo', zone: null, district: district?.districtName ?? null, first_line: '12 Abbas El Akkad St, floor 3' };

interface Leg { return_id: string; tracking_number: string | null; type_code: number; status: string; unique_business_reference: string; cod: number }
interface SimTruth { trackingNumber: string; type: { code: number }; state: { code: number }; cod: number; uniqueBusinessReference?: string; pickupAddress?: { city?: { name?: string } } }

/** Empties every table of the cycle's schemas (migration journals and the default rule set kept). */
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

async function call<T = Record<string, unknown>>(method: string, path: string, role: keyof typeof keys, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await gw.request(method, path, { key: keys[role], body });
  return { status: res.status, body: (await res.json()) as T };
}

async function simAdmin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sim.url}/__sim${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`sim ${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
const move = (tn: string, state: number) => simAdmin('POST', `/deliveries/${tn}/state`, { state });

/** The action once it reached `status` (and `extra` holds). */
async function actionIn(id: string, status: string, extra: (a: ServiceAction) => boolean = () => true): Promise<ServiceAction> {
  return waitFor(async () => {
    const res = await call('GET', `/api/v1/service-actions/${id}`, 'agent');
    if (res.status !== 200) return undefined;
    const a = ServiceActionSchema.parse(res.body);
    return a.action_status === status && extra(a) ? a : undefined;
  }, { timeoutMs: 60_000, intervalMs: 250, message: `action ${id} reaches ${status}` });
}

/** The action's leg (pickup or outbound) once it exists at Bosta. */
async function legOf(actionId: string, leg: 'pickup' | 'outbound', attempt = 1): Promise<Leg & { tracking_number: string }> {
  return waitFor(async () => {
    const res = await call<{ items: (Leg & { attempt: number })[] }>('GET', `/api/v1/returns?action_id=${actionId}&leg=${leg}`, 'agent');
    const found = res.body.items?.find((l) => l.attempt === attempt && l.tracking_number);
    return found ? (found as Leg & { tracking_number: string }) : undefined;
  }, { timeoutMs: 60_000, intervalMs: 250, message: `${leg} of ${actionId} created at Bosta` });
}

/** A delivered sale at Bosta for `phone`, synced into the order book and known to the customer service. */
async function deliveredSale(phone: string, cod: number, product: string): Promise<string> {
  const created = await bosta.createDelivery({
    type: 10, cod, receiver: { firstName: 'Ahmed', lastName: 'Ali', phone },
    dropOffAddress: { city: 'Cairo', districtId: district?.districtId, firstLine: '12 Abbas El Akkad St, floor 3' },
    specs: { packageDetails: { itemsCount: 1, description: `1 * ${product}` } }, uniqueBusinessReference: `shop-${phone}-${cod}`,
  } as never);
  await move(created.trackingNumber, 45);
  await waitFor(async () => {
    const res = await call<{ total_orders?: number }>('GET', `/api/v1/customers/${encodeURIComponent(phone)}`, 'agent');
    return res.status === 200 && (res.body.total_orders ?? 0) >= 1;
  }, { timeoutMs: 60_000, intervalMs: 250, message: `sale of ${phone} known to the customer service` });
  return created.trackingNumber;
}

/** Pickup created → picked up → scanned at the hub; answers the scan's body. */
async function pickUpAndScan(action: ServiceAction): Promise<{ pickup: Leg & { tracking_number: string }; scan: Record<string, unknown> }> {
  const pickup = await legOf(action.action_id, 'pickup');
  await actionIn(action.action_id, 'return_ordered');
  await move(pickup.tracking_number, 23);
  await actionIn(action.action_id, 'return_in_transit');
  const scan = await call('POST', '/api/v1/service-actions/hub-scan', 'hub_agent', { return_tracking_number: pickup.tracking_number, hub_name: 'Cairo Hub', hub_agent: 'Ahmed Ali' });
  expect(scan.status).toBe(200);
  await actionIn(action.action_id, 'return_received');
  return { pickup, scan: scan.body };
}

beforeAll(async () => {
  database = createDatabase({ url: process.env.DATABASE_URL ?? '', applicationName: 'cycle-e2e', max: 2 });
  for (const migrate of [migrateSync, migrateClassifier, migrateHierarchy, migrateServiceAction, migrateReturns, migrateHub]) await migrate(database);
  await resetSchemas(database);
  gw = await startTestGateway({ env: { BOSTA_WEBHOOK_SECRET: SECRET, COMMAND_WAIT_MS: '10000' } });
  for (const role of Object.keys(keys) as (keyof typeof keys)[]) keys[role] = await gw.keyFor(role);
  sim = await startSimulator({
    seed: 5, deliveries: 0, keys: [{ key: API_KEY, scope: 'full' }],
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
}, 240_000);

afterAll(async () => {
  await Promise.all(services.map((s) => s.stop()));
  await sim?.close();
  await gw?.close();
  await database?.close();
});

describe('acceptance stories (domain.md §10)', () => {
  it('1. a customer with an order, maintenance: pickup, scan with the history, inspection 6, repair, outbound delivered, verified close', async () => {
    const phone = '+201001110001';
    const sale = await deliveredSale(phone, 1_500, 'Blender X200');
    const created = await call('POST', '/api/v1/service-actions', 'agent', {
      customer_phone: phone.slice(1), action_type: 'maintenance', service_reason: 'Product not working properly', main_order_id: sale, link_to_hierarchy: true,
    });
    expect(created.status).toBe(201);
    const action = ServiceActionSchema.parse(created.body);
    expect(action).toMatchObject({ action_status: 'requested', main_tracking_number: sale, product_name: 'Blender X200' });

    const { pickup, scan } = await pickUpAndScan(action);
    const truth = await simAdmin<SimTruth>('GET', `/deliveries/${pickup.tracking_number}`);
    expect(truth).toMatchObject({ type: { code: 25 }, cod: 0, uniqueBusinessReference: pickup.unique_business_reference });
    expect(pickup.unique_business_reference).toContain(action.case_number);
    // The scan screen: the maintenance ticket and the customer's order history.
    expect(JSON.stringify(scan)).toContain(action.case_number);
    expect(JSON.stringify(scan)).toContain(sale);

    const inspected = await call('POST', '/api/v1/service-actions/hub-inspection', 'hub_agent', {
      return_tracking_number: pickup.tracking_number, product_condition: 'good', quality_score: 6, inspection_notes: 'Motor bearings worn', recommended_action: 'maintenance',
    });
    expect(inspected.status).toBe(200);
    await actionIn(action.action_id, 'hub_confirmed', (a) => a.hub_quality_score === 6 && !a.review_required);

    const repaired = await call('POST', `/api/v1/service-actions/${action.action_id}/maintenance`, 'technician', { technician: 'Mohammed Hassan', maintenance_notes: 'Replaced motor bearings' });
    expect(repaired.status).toBe(200);
    const outbound = await legOf(action.action_id, 'outbound');
    expect(outbound.type_code).toBe(10);
    expect(await simAdmin<SimTruth>('GET', `/deliveries/${outbound.tracking_number}`)).toMatchObject({ type: { code: 10 }, cod: 0 });
    await actionIn(action.action_id, 'outbound_shipped');
    await move(outbound.tracking_number, 45);
    const done = await actionIn(action.action_id, 'completed', (a) => a.closure_verified);
    expect(done.transitions?.map((t) => t.to_status)).toEqual([
      'requested', 'return_ordered', 'return_in_transit', 'return_received', 'hub_confirmed', 'in_progress', 'outbound_shipped', 'completed',
    ]);
    expect(done.costs).toMatchObject({ estimated_cost: 100, labour_cost: 50, actual_cost: 50 });
    expect(done.costs.return_courier_fee).toBeGreaterThan(0);
  }, 180_000);

  it('2. a customer without an order, full replacement: inspection 2 needs a review, the team leader approves, a new unit ships, verified close', async () => {
    const phone = '+201001110002';
    const created = await call('POST', '/api/v1/service-actions', 'agent', {
      customer_phone: phone, action_type: 'replace_full', service_reason: 'Unit arrived dead', pickup_address: address, customer_name: 'Mona Adel',
    });
    expect(created.status).toBe(201);
    const action = ServiceActionSchema.parse(created.body);
    expect(action.main_order_id).toBeNull();
    const { pickup } = await pickUpAndScan(action);

    const inspected = await call('POST', '/api/v1/service-actions/hub-inspection', 'hub_agent', {
      return_tracking_number: pickup.tracking_number, product_condition: 'damaged', functionality_test: 'not_working', quality_score: 2,
      inspection_notes: 'defective', recommended_action: 'replace_full',
    });
    expect(inspected.status).toBe(200);
    await actionIn(action.action_id, 'pending_review', (a) => a.review_required);
    expect((await call('POST', `/api/v1/service-actions/${action.action_id}/replace-full`, 'agent', { new_product_sku: 'BL-200' })).status).toBe(409);

    const review = await call('POST', '/api/v1/service-actions/team-leader-review', 'team_leader', {
      return_tracking_number: pickup.tracking_number, team_leader: 'Sara Youssef', decision: 'approved', notes: 'defective unit, replace',
    });
    expect(review.status).toBe(200);
    await actionIn(action.action_id, 'hub_confirmed', (a) => a.review_decision === 'approved');
    expect((await call('POST', `/api/v1/service-actions/${action.action_id}/replace-full`, 'agent', { new_product_sku: 'BL-200', new_product_name: 'Blender 200' })).status).toBe(200);
    const outbound = await legOf(action.action_id, 'outbound');
    await move(outbound.tracking_number, 45);
    await actionIn(action.action_id, 'completed', (a) => a.closure_verified);
  }, 180_000);

  it('3. return with refund: inspection 8 recommends a refund, review approves, refund recorded up to the COD, completed', async () => {
    const phone = '+201001110003';
    const sale = await deliveredSale(phone, 800, 'Heater');
    const action = ServiceActionSchema.parse((await call('POST', '/api/v1/service-actions', 'agent', {
      customer_phone: phone, action_type: 'return_refund', service_reason: 'Changed my mind', main_order_id: sale,
    })).body);
    const { pickup } = await pickUpAndScan(action);
    await call('POST', '/api/v1/service-actions/hub-inspection', 'hub_agent', {
      return_tracking_number: pickup.tracking_number, product_condition: 'good', quality_score: 8, recommended_action: 'refund',
    });
    await actionIn(action.action_id, 'pending_review');
    await call('POST', '/api/v1/service-actions/team-leader-review', 'team_leader', { return_tracking_number: pickup.tracking_number, team_leader: 'Sara', decision: 'approved' });
    await actionIn(action.action_id, 'hub_confirmed');
    const above = await call('POST', `/api/v1/service-actions/${action.action_id}/refund`, 'agent', { amount: 800.01 });
    expect(above.status).toBe(422);
    const refunded = await call('POST', `/api/v1/service-actions/${action.action_id}/refund`, 'agent', { amount: 800 });
    expect(refunded.status).toBe(200);
    expect(ServiceActionSchema.parse(refunded.body)).toMatchObject({ action_status: 'completed', closure_verified: true, costs: expect.objectContaining({ refund_amount: 800, refund_processed: true }) as unknown });
  }, 180_000);
});

describe('failure paths', () => {
  it('a pickup Bosta refuses for a bad address needs attention; after the fix the retry creates it', async () => {
    const action = ServiceActionSchema.parse((await call('POST', '/api/v1/service-actions', 'agent', {
      customer_phone: '+201001110004', action_type: 'maintenance', service_reason: 'noisy', pickup_address: { city: 'Atlantis', zone: null, district: 'Nowhere', first_line: 'Unknown street 1' },
    })).body);
    const attention = await actionIn(action.action_id, 'requested', (a) => a.needs_attention !== null);
    expect(attention.needs_attention).toMatch(/address|city/i);
    const retried = await call('POST', `/api/v1/service-actions/${action.action_id}/retry-return`, 'agent', { reason: 'address fixed with the customer', pickup_address: address });
    expect(retried.status).toBe(200);
    await legOf(action.action_id, 'pickup', 2);
    await actionIn(action.action_id, 'return_ordered', (a) => a.needs_attention === null);
  }, 120_000);

  it('a terminated pickup fails the return (return_failed, needs an agent)', async () => {
    const action = ServiceActionSchema.parse((await call('POST', '/api/v1/service-actions', 'agent', {
      customer_phone: '+201001110005', action_type: 'service', service_reason: 'install', pickup_address: address,
    })).body);
    const pickup = await legOf(action.action_id, 'pickup');
    await move(pickup.tracking_number, 48);
    const failed = await actionIn(action.action_id, 'return_failed');
    expect(failed.allowed_transitions).toEqual(['requested', 'cancelled']);
  }, 120_000);

  it('a scan for a cancelled case is refused; an inspection score of 0 or 11 is a 400', async () => {
    const action = ServiceActionSchema.parse((await call('POST', '/api/v1/service-actions', 'agent', {
      customer_phone: '+201001110006', action_type: 'maintenance', service_reason: 'leaks', pickup_address: address,
    })).body);
    const pickup = await legOf(action.action_id, 'pickup');
    expect((await call('DELETE', `/api/v1/service-actions/${action.action_id}`, 'agent', { reason: 'customer fixed it' })).status).toBe(200);
    const refused = await waitFor(async () => {
      const res = await call('POST', '/api/v1/service-actions/hub-scan', 'hub_agent', { return_tracking_number: pickup.tracking_number, hub_name: 'Cairo Hub', hub_agent: 'Ahmed' });
      return res.status === 409 ? res : undefined;
    }, { timeoutMs: 30_000, intervalMs: 300, message: 'scan of a cancelled case refused' });
    expect(JSON.stringify(refused.body)).toMatch(/cancel/i);
    for (const score of [0, 11]) {
      const res = await call('POST', '/api/v1/service-actions/hub-inspection', 'hub_agent', { return_tracking_number: pickup.tracking_number, product_condition: 'good', quality_score: score, recommended_action: 'maintenance' });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('quality_score');
    }
  }, 120_000);
});
