/**
 * End to end, every service real: the Bosta simulator (demo data, webhooks to the gateway), sync,
 * classifier and hierarchy as their own processes (their `main.ts`), and the gateway. Only the public
 * API and the simulator's admin API are driven.
 */
import { fileURLToPath } from 'node:url';
import { createBostaClient } from '@hvar/bosta';
import { startSimulator, type SimulatorHandle } from '@hvar/bosta-sim';
import { createDatabase, type Database } from '@hvar/platform';
import { startServiceProcess, waitFor, type ServiceProcess } from '@hvar/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCityByName, getDistricts } from '../../bosta-sim/src/demo/geography.js';
import { migrateClassifier } from '../../classifier/src/db/migrate.js';
import { migrateHierarchy } from '../../hierarchy/src/db/migrate.js';
import { migrateSync } from '../../sync/src/db/migrate.js';
import { startTestGateway, type TestGateway } from './harness.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SECRET = 'e2e-webhook-secret-0123456789';
const API_KEY = 'e2e-sim-key-0123456789';
const DELIVERIES = 1_500;
const SIM_NOW = new Date('2026-06-01T09:00:00.000Z');

interface OrderView { id: string; main_order_id: string | null; tracking_number: string; receiver_phone: string; service_type: string | null; hierarchy_status: string | null; cod: number; created_at: string }
interface TreeNode { order_id: string; order: { tracking_number: string; service_type: string } | null; children: TreeNode[]; link: { relationship_type: string; linked_by: string } | null }

let gw: TestGateway;
let sim: SimulatorHandle;
let database: Database;
let key: string;
const services: ServiceProcess[] = [];

/** Empties every table of the pipeline's schemas (migration journals and the default rule set kept). */
async function resetPipelineSchemas(db: Database): Promise<void> {
  const { rows } = await db.pool.query<{ name: string }>(
    `select format('%I.%I', schemaname, tablename) as name from pg_tables
      where schemaname in ('sync', 'classifier', 'hierarchy') and tablename not like '\\_\\_drizzle%' and tablename <> 'rule_sets'`,
  );
  await db.pool.query(`truncate ${rows.map((r) => r.name).join(', ')}`);
  await db.pool.query('delete from classifier.rule_sets where version > 1');
  await db.pool.query('update classifier.rule_sets set active = (version = 1)');
}

async function get<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await gw.request('GET', path, { key });
  return { status: res.status, body: (await res.json()) as T };
}

beforeAll(async () => {
  database = createDatabase({ url: process.env.DATABASE_URL ?? '', applicationName: 'e2e-test', max: 2 });
  await migrateSync(database);
  await migrateClassifier(database);
  await migrateHierarchy(database);
  await resetPipelineSchemas(database);
  gw = await startTestGateway({ env: { BOSTA_WEBHOOK_SECRET: SECRET } });
  key = await gw.keyFor('agent');
  sim = await startSimulator({
    seed: 11,
    deliveries: DELIVERIES,
    keys: [{ key: API_KEY, scope: 'full' }],
    webhook: { url: `${gw.url}/webhooks/bosta`, headers: { 'X-Bosta-Secret': SECRET } },
    now: SIM_NOW,
    speed: 0,
    webhookRetryDelayMs: 10,
  });
  const env = {
    DATABASE_URL: process.env.DATABASE_URL ?? '',
    REDIS_URL: process.env.REDIS_URL ?? '',
    QUEUE_PREFIX: gw.prefix,
    LOG_LEVEL: 'warn',
    BOSTA_BASE_URL: sim.apiBase,
    BOSTA_API_KEY: API_KEY,
    SYNC_FULL_ON_FIRST_START: 'true',
  };
  for (const name of ['hierarchy', 'classifier', 'sync']) {
    services.push(await startServiceProcess(name, { root: ROOT, entry: `services/${name}/src/main.ts`, env }));
  }
}, 180_000);

afterAll(async () => {
  await Promise.all(services.map((s) => s.stop()));
  await sim?.close();
  await gw?.close();
  await database?.close();
});

describe('simulator → sync → classifier → hierarchy → gateway', () => {
  it('turns the demo data into families visible through the gateway', async () => {
    // The first full sync runs on its own (empty order book); wait until the hierarchy has every order
    // and the read model shows linked orders.
    await waitFor(async () => {
      const status = await get<{ orders: number; inbox: { waiting_jobs: number | null } }>('/api/v1/orders/hierarchy/status');
      return status.status === 200 && status.body.orders >= DELIVERIES && status.body.inbox.waiting_jobs === 0;
    }, { timeoutMs: 150_000, intervalMs: 500 });
    const linked = await waitFor(async () => {
      const res = await get<{ items: OrderView[] }>('/api/v1/orders?hierarchy_status=linked&limit=5');
      return res.status === 200 && res.body.items.length > 0 ? res : undefined;
    }, { timeoutMs: 30_000, intervalMs: 300 });
    const sub = linked.body.items[0] as OrderView;
    expect(['maintenance', 'service', 'return', 'return_pickup', 'exchange']).toContain(sub.service_type);

    const tree = await get<{ root: TreeNode }>(`/api/v1/orders/hierarchy/${sub.id}`);
    expect(tree.status).toBe(200);
    const ids = flatten(tree.body.root).map((n) => n.order_id);
    expect(ids).toContain(sub.id);
    const main = await get<{ main: { order_id: string }; link: { sub_order_id: string } }>(`/api/v1/orders/${sub.id}/main-order`);
    expect(main.status).toBe(200);
    expect(tree.body.root.order_id).toBe(main.body.main.order_id);
    expect(main.body.link.sub_order_id).toBe(sub.id);
    expect(sub.main_order_id).toBe(main.body.main.order_id);
    const analytics = await get<{ linked_subs: number; coverage: number }>('/api/v1/analytics/hierarchy');
    expect(analytics.status).toBe(200);
    expect(analytics.body.linked_subs).toBeGreaterThan(0);

    const mains = await get<{ items: OrderView[] }>('/api/v1/orders?service_type=main&sort=-created_at&limit=1');
    const families = await get<{ families: unknown[] }>(`/api/v1/orders/hierarchy/customer/${encodeURIComponent((mains.body.items[0] as OrderView).receiver_phone)}`);
    expect(families.status).toBe(200);
    expect(families.body.families.length).toBeGreaterThan(0);
  }, 180_000);

  it('makes a low-COD delivery moved to state 45 a maintenance sub of the customer’s sale', async () => {
    const mains = await get<{ items: OrderView[] }>('/api/v1/orders?service_type=main&sort=-created_at&limit=1');
    const main = mains.body.items[0] as OrderView;
    const cairo = getCityByName('Cairo');
    const districtId = cairo ? getDistricts(cairo._id)[0]?.districtId : undefined;
    const client = createBostaClient({ baseUrl: sim.apiBase, apiKey: API_KEY });
    const created = await client.createDelivery({
      type: 10, cod: 250, receiver: { firstName: 'Mona', lastName: 'Adel', phone: main.receiver_phone },
      dropOffAddress: { city: 'Cairo', districtId, firstLine: '12 Abbas El Akkad St' },
      notes: '1 * Blender repair', uniqueBusinessReference: 'E2E-MAINT-1',
    } as never);
    const move = await fetch(`${sim.url}/__sim/deliveries/${created.trackingNumber}/state`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ state: 45 }),
    });
    expect(move.status).toBe(200);

    const tree = await waitFor(async () => {
      const res = await get<{ root: TreeNode }>(`/api/v1/orders/hierarchy/${created.trackingNumber}`);
      if (res.status !== 200) return undefined;
      const node = flatten(res.body.root).find((n) => n.order?.tracking_number === created.trackingNumber);
      return node?.link ? res.body : undefined;
    }, { timeoutMs: 60_000, intervalMs: 300 });
    expect(tree.root.order_id).toBe(main.id);
    const node = flatten(tree.root).find((n) => n.order?.tracking_number === created.trackingNumber);
    expect(node?.link).toMatchObject({ relationship_type: 'maintenance', linked_by: 'auto_sync' });
    expect(node?.order?.service_type).toBe('maintenance');
    const order = await get<OrderView>(`/api/v1/orders/tracking/${created.trackingNumber}`);
    expect(order.body).toMatchObject({ service_type: 'maintenance', hierarchy_status: 'linked', main_order_id: main.id });

    // The same customer with the phone spelled in Arabic-Indic digits, local form: one customer, one family.
    const local = `0${main.receiver_phone.slice(3)}`;
    const arabic = local.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    const service = await client.createDelivery({
      type: 10, cod: 0, receiver: { firstName: 'Mona', phone: arabic },
      dropOffAddress: { city: 'Cairo', districtId, firstLine: '12 Abbas El Akkad St' },
      notes: '1 * Installation visit', uniqueBusinessReference: 'E2E-SERVICE-1',
    } as never);
    await fetch(`${sim.url}/__sim/deliveries/${service.trackingNumber}/state`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ state: 45 }),
    });
    const spelled = `+20 ${main.receiver_phone.slice(3, 6)} ${main.receiver_phone.slice(6, 9)} ${main.receiver_phone.slice(9)}`;
    const family = await waitFor(async () => {
      const res = await get<{ phone: string; families: TreeNode[] }>(`/api/v1/orders/hierarchy/customer/${encodeURIComponent(spelled)}`);
      const root = res.body.families.find((f) => f.order_id === main.id);
      const tns = root ? flatten(root).map((n) => n.order?.tracking_number) : [];
      return tns.includes(service.trackingNumber) && tns.includes(created.trackingNumber) ? res.body : undefined;
    }, { timeoutMs: 60_000, intervalMs: 300 });
    expect(family.phone).toBe(main.receiver_phone);
    const serviceNode = flatten(family.families.find((f) => f.order_id === main.id) as TreeNode).find((n) => n.order?.tracking_number === service.trackingNumber);
    expect(serviceNode?.link).toMatchObject({ relationship_type: 'service' });
  }, 120_000);
});

function flatten(node: TreeNode): TreeNode[] {
  return [node, ...node.children.flatMap(flatten)];
}
