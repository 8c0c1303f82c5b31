import { CycleAnalyticsSchema, DashboardAnalyticsSchema, FinancialAnalyticsSchema, OrdersAnalyticsSchema } from '@hvar/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classified, phone } from '../../service-action/test/harness.js';
import { startTestGateway, type TestGateway } from './harness.js';
import { startServiceAction, type ServiceActionService } from './service-action.fixture.js';
import { startSyncRead, type SyncReadService } from './sync-read.fixture.js';

// Composition from the real owners in-process: sync's read API and the service-action service. The
// classifier, hierarchy and hub are not running, so their parts must come back null and be named.
let gw: TestGateway;
let sync: SyncReadService;
let sa: ServiceActionService;
let viewer: string;
let agent: string;

const base = { state_value: 'Delivered', type_code: 10, dropoff_zone: 'Maadi', raw: {}, updated_at: new Date('2026-01-01T00:00:00Z') };
const rows = [
  { ...base, id: 'o1', tracking_number: '7100001', state_code: 45, cod_piastres: 1500_00, bosta_fees_piastres: 40_00, receiver_phone: phone(1), dropoff_city: 'Cairo',
    order_sla_exceeded: true, state_at: new Date('2026-01-01T00:00:00Z'), created_at: new Date('2026-01-01T00:00:00Z') },
  { ...base, id: 'o2', tracking_number: '7100002', state_code: 46, state_value: 'Returned', cod_piastres: 500_00, bosta_fees_piastres: 35_00, receiver_phone: phone(1),
    dropoff_city: 'Giza', state_at: new Date('2026-01-02T00:00:00Z'), created_at: new Date('2026-01-02T00:00:00Z') },
];

beforeAll(async () => {
  gw = await startTestGateway({ env: { SERVICE_READ_TIMEOUT_MS: '500' } });
  sync = await startSyncRead(gw.redis, gw.prefix);
  await sync.insertOrders(rows);
  sa = await startServiceAction(gw.redis, gw.config.REDIS_URL, gw.prefix);
  await sa.send([classified({ id: 'ORDER456', cod: 1_500 })]);
  [viewer, agent] = await Promise.all([gw.keyFor('viewer'), gw.keyFor('agent')]);
  const created = await gw.request('POST', '/api/v1/service-actions', { key: agent, body: { customer_phone: phone(1), action_type: 'return_refund', service_reason: 'wants a refund', main_order_id: 'ORDER456' } });
  if (created.status !== 201) throw new Error(`create failed: ${created.status}`);
});
afterAll(async () => {
  await sa?.stop();
  await sync?.stop();
  await gw?.close();
});

async function get(path: string): Promise<Record<string, unknown>> {
  const res = await gw.request('GET', path, { key: viewer });
  expect(res.status, path).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe('analytics composed from the owners', () => {
  it('orders: the order book from sync, SLA compliance and return rate from its totals; absent owners are null and named', async () => {
    const a = OrdersAnalyticsSchema.parse(await get('/api/v1/analytics/orders'));
    expect(a.totals).toMatchObject({ total_orders: 2, delivered: 1, returned: 1, cod_total: 2_000, bosta_fees_total: 75 });
    expect(a.totals?.by_city.map((c) => c.city).sort()).toEqual(['Cairo', 'Giza']);
    expect(a.sla_compliance).toBe(0.5);
    expect(a.return_rate).toBe(0.5);
    expect(a.classification).toBeNull();
    expect(a.hierarchy).toBeNull();
    expect(a.unavailable).toEqual(['classification', 'hierarchy']);
  });

  it('financial: COD by service type and fees from sync, costs and refunds from service-action', async () => {
    const f = FinancialAnalyticsSchema.parse(await get('/api/v1/analytics/financial'));
    expect(f).toMatchObject({ cod_total: 2_000, bosta_fees: 75, service_costs: 0, refunds: 0, estimated_costs: 0, net_after_service: 1_925, unavailable: [] });
    expect(f.cod_by_service_type?.reduce((s, r) => s + r.cod_total, 0)).toBe(2_000);
  });

  it('cycle and dashboard: the service-action figures, the hub named as unavailable', async () => {
    const c = CycleAnalyticsSchema.parse(await get('/api/v1/analytics/cycle'));
    expect(c).toMatchObject({ actions_created: 1, actions_by_status: { requested: 1 }, returns_created: 0, active_hub_workflows: null, unavailable: ['hub'] });
    const d = DashboardAnalyticsSchema.parse(await get('/api/v1/analytics/dashboard'));
    expect(d.orders).toEqual({ total: 2, delivered: 1, returned: 1, cod_total: 2_000, sla_compliance: 0.5 });
    expect(d.service).toMatchObject({ open: 1, by_status: { requested: 1 } });
    expect(d.customers).toMatchObject({ total_customers: 1 });
    expect(d.unavailable).toEqual(['hierarchy', 'hub']);
    expect((await gw.request('GET', '/api/v1/analytics/hub', { key: viewer })).status).toBe(503);
    expect((await gw.request('GET', '/api/v1/analytics/orders?x=1', { key: viewer })).status).toBe(400);
  });
});
