import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CustomerDetailSchema, CustomerPageSchema, CustomersAnalyticsSchema, CustomerStatsSchema, InteractionListSchema, SegmentHistorySchema,
} from '@hvar/contracts';
import { closeServer, listen } from '@hvar/platform';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountReadApi } from '../src/http.js';
import { T0, classified, phone, startServiceActionStack, type OrderSpec, type ServiceActionStack } from './harness.js';

const DAY = 86_400_000;
const NOW = new Date(T0 + 400 * DAY);
// The commands' clock (moved by a test); the read API's clock stays at NOW.
let clock = NOW;
let stack: ServiceActionStack;
let server: Server;
let base: string;
const by = 'user-agent-1';

// The customers (phone → what makes them what they are); the clock is day 400.
const A = phone(201); // vip by value (3 × 4,000), last order 10 days ago, satisfaction 0.80
const B = phone(202); // like A, satisfaction 0.79
const C = phone(203); // vip by value, last order 40 days ago, satisfaction 0.90
const D = phone(204); // regular, last order 10 days ago, satisfaction 0.90
const E = phone(205); // regular, 5 orders, 1 returned (20%)
const F = phone(206); // vip by 5 delivered mains, 6 orders, 1 returned (16.7%)
const G = phone(207); // regular, 4 orders, 1 returned (25%)
const H = phone(208); // problematic (2 of 4 returned), has a maintenance order
const I = phone(209); // problematic (2 of 3 returned), no maintenance
const J = phone(210); // created by an agent, no orders, city Giza
const K = phone(211); // one order, city giza (from the order)
const ALL = [A, B, C, D, E, F, G, H, I, J, K];

const orders = (p: string, specs: Omit<OrderSpec, 'id' | 'phone'>[]) => specs.map((s, n) => classified({ id: `${p}-${n}`, phone: p, ...s }));

beforeAll(async () => {
  stack = await startServiceActionStack({ deps: { now: () => clock } });
  const app = express();
  mountReadApi(app, { database: stack.database, log: stack.deps.log, segments: stack.deps.segments, now: () => NOW });
  server = await listen(app, 0, '127.0.0.1');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const rich = (days: number[]) => days.map((day) => ({ day, cod: 4_000 }));
  await stack.send([
    ...orders(A, rich([380, 385, 390])), ...orders(B, rich([380, 385, 390])), ...orders(C, rich([340, 350, 360])),
    ...orders(D, [{ day: 0 }, { day: 390 }]),
    ...orders(E, [{ day: 0 }, { day: 10 }, { day: 20 }, { day: 30, state: 46 }, { day: 40 }]),
    ...orders(F, [{ day: 0 }, { day: 10 }, { day: 20 }, { day: 30 }, { day: 40 }, { day: 50, state: 46 }]),
    ...orders(G, [{ day: 0 }, { day: 10 }, { day: 20, state: 46 }, { day: 30 }]),
    ...orders(H, [{ day: 0 }, { day: 10, state: 46 }, { day: 20, type: 'return' }, { day: 30, type: 'maintenance' }]),
    ...orders(I, [{ day: 0 }, { day: 10, state: 46 }, { day: 20, state: 46 }]),
    ...orders(K, [{ day: 395, city: 'giza' }]),
  ]);
  await stack.ok('create-customer', { phone: J, full_name: 'Walk In', primary_city: 'Giza', requested_by: by });
  for (const [p, s] of [[A, 0.8], [B, 0.79], [C, 0.9], [D, 0.9]] as const) await stack.ok('update-customer', { phone: p, changes: { satisfaction_score: s }, requested_by: by });
});
afterAll(async () => {
  if (server) await closeServer(server);
  await stack?.close();
});

async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(base + path);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Every phone a filtered list answers, following the cursor (pages of 3). */
async function phones(query: string): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await get(`/customers?limit=3${query ? `&${query}` : ''}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const page = CustomerPageSchema.parse(res.body);
    out.push(...page.items.map((c) => c.phone));
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}
const sorted = (xs: string[]) => [...xs].sort();

describe('GET /customers: the seed filters', () => {
  it('the seed examples answer as written', async () => {
    expect(await phones('return_rate_min=20&order_count_min=5')).toEqual([E]);
    expect(await phones('segment=vip&last_order_days=30&satisfaction_min=0.8')).toEqual([A]);
    expect(await phones('segment=problematic&has_maintenance_orders=true')).toEqual([H]);
  });

  it('each filter excludes what it should', async () => {
    expect(sorted(await phones('segment=vip'))).toEqual([A, B, C, F]);
    expect(sorted(await phones('segment=new'))).toEqual([J, K]);
    expect(sorted(await phones('return_rate_min=20'))).toEqual([E, G, H, I]); // 20% exactly is in, F's 16.7% is out
    expect(sorted(await phones('return_rate_min=25.01'))).toEqual([H, I]);
    expect(sorted(await phones('order_count_min=5'))).toEqual([E, F]);
    expect(sorted(await phones('last_order_days=30'))).toEqual([A, B, D, K]); // C's 40 days is out
    expect(sorted(await phones('last_order_days=41'))).toEqual([A, B, C, D, K]);
    expect(sorted(await phones('satisfaction_min=0.8'))).toEqual([A, C, D]); // 0.79 and unknown are out
    expect(sorted(await phones('city=GIZA'))).toEqual([J, K]);
    expect(sorted(await phones('zone=nasr%20city'))).toEqual(ALL.filter((p) => p !== J));
    expect(await phones('has_maintenance_orders=true')).toEqual([H]);
    expect(sorted(await phones('has_maintenance_orders=false'))).toEqual(ALL.filter((p) => p !== H));
  });

  it('sorts by last order (newest first, ties by phone, no orders last) and pages without gaps or repeats', async () => {
    expect(await phones('')).toEqual([K, D, B, A, C, F, E, H, G, I, J]);
    expect(await phones('sort=last_order_at')).toEqual([J, I, G, H, E, F, C, A, B, D, K]);
  });

  it('sorts by total value, total orders and return rate, both ways', async () => {
    const byValue = await phones('sort=-total_value');
    expect(byValue.slice(0, 4)).toEqual([C, B, A, F]);
    expect(await phones('sort=total_value')).toEqual([...byValue].reverse());
    expect((await phones('sort=-total_orders')).slice(0, 2)).toEqual([F, E]);
    expect((await phones('sort=-return_rate')).slice(0, 4)).toEqual([I, H, G, E]);
  });

  it('answers the Customer shape in EGP', async () => {
    const page = CustomerPageSchema.parse((await get(`/customers?segment=problematic&has_maintenance_orders=true`)).body);
    expect(page.items[0]).toMatchObject({ phone: H, total_orders: 4, total_value: 1_500, avg_order_value: 1_500, returned_orders: 2, maintenance_orders: 1, return_rate: 0.5, customer_segment: 'problematic' });
    expect(page.next_cursor).toBeNull();
  });

  it('refuses bad parameters with a 400 naming them', async () => {
    const bad = [
      'return_rate_min=-1', 'return_rate_min=101', 'return_rate_min=abc', 'order_count_min=-1', 'order_count_min=1.5', 'satisfaction_min=2',
      'satisfaction_min=-0.1', 'last_order_days=0', 'last_order_days=-3', 'segment=gold', 'has_maintenance_orders=maybe', 'sort=phone',
      'limit=0', 'limit=201', 'nickname=x', 'city=', 'cursor=not-a-cursor',
    ];
    for (const q of bad) {
      const res = await get(`/customers?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.type, q).toBe('https://hvar-cycle.dev/problems/invalid_data');
    }
    // A cursor of another sort is refused, not misread.
    const first = CustomerPageSchema.parse((await get('/customers?limit=2')).body);
    expect((await get(`/customers?limit=2&sort=total_value&cursor=${first.next_cursor}`)).status).toBe(400);
  });
});

describe('GET /customers/:phone and its sub-resources', () => {
  it('one customer with explained analytics, any phone spelling', async () => {
    const res = await get(`/customers/${encodeURIComponent(`0${A.slice(3)}`)}`);
    expect(res.status).toBe(200);
    const c = CustomerDetailSchema.parse(res.body);
    expect(c).toMatchObject({ phone: A, customer_segment: 'vip', satisfaction_score: 0.8, total_value: 12_000 });
    expect(c.analytics).toMatchObject({ lifetime_value: 12_000, median_interval_days: 5, days_since_last_order: 10, churn_risk: 0.5, churn_level: 'medium' });
    expect(c.analytics.reasons.join('\n')).toMatch(/usually orders every 5 days/);
  });

  it('400 for a bad phone, 404 for an unknown one, 400 for unknown query parameters', async () => {
    for (const path of ['/customers/abc', '/customers/0200000000', '/customers/abc/interactions', '/customers/abc/segments']) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(res.body.detail, path).toMatch(/params\.phone/);
    }
    for (const path of [`/customers/${phone(299)}`, `/customers/${phone(299)}/interactions`, `/customers/${phone(299)}/segments`]) {
      expect((await get(path)).status, path).toBe(404);
    }
    expect((await get(`/customers/${A}?x=1`)).status).toBe(400);
    expect((await get('/customers/stats?x=1')).status).toBe(400);
  });

  it('interactions newest first and the segment history', async () => {
    await stack.ok('create-interaction', { phone: D, interaction_type: 'call', subject: 'first', requested_by: by });
    clock = new Date(NOW.getTime() + 60_000);
    await stack.ok('create-interaction', { phone: D, interaction_type: 'sms', subject: 'second', requested_by: by });
    const list = InteractionListSchema.parse((await get(`/customers/${D}/interactions`)).body);
    expect(list.items.map((i) => i.subject)).toEqual(['second', 'first']);
    const history = SegmentHistorySchema.parse((await get(`/customers/${D}/segments`)).body);
    expect(history.items.map((h) => [h.from_segment, h.to_segment])).toEqual([[null, 'regular']]);
    expect(InteractionListSchema.parse((await get(`/customers/${A}/interactions`)).body).items).toEqual([]);
  });
});

describe('stats and analytics', () => {
  it('counts per segment and totals', async () => {
    const stats = CustomerStatsSchema.parse((await get('/customers/stats')).body);
    expect(stats).toMatchObject({
      total_customers: 11, with_orders: 10, erased: 0, by_segment: { new: 2, regular: 3, vip: 4, problematic: 2 }, with_maintenance_orders: 1,
      total_orders: 3 * 3 + 2 + 5 + 6 + 4 + 4 + 3 + 1,
    });
    expect(stats.avg_satisfaction).toBe(0.85);
  });

  it('distributions, top customers, and churn levels that agree with each customer’s own analytics', async () => {
    const a = CustomersAnalyticsSchema.parse((await get('/customers/analytics')).body);
    expect(a.customers).toBe(11);
    expect(a.segment_distribution).toEqual({ new: 2, regular: 3, vip: 4, problematic: 2 });
    expect(a.ltv_distribution.reduce((n, b) => n + b.customers, 0)).toBe(11);
    expect(a.ltv_distribution.find((b) => b.bucket === '10k-50k')?.customers).toBe(3);
    expect(a.top_customers.slice(0, 3).map((t) => t.phone)).toEqual([C, B, A]);
    const levels = { low: 0, medium: 0, high: 0, unknown: 0 };
    for (const p of ALL) levels[CustomerDetailSchema.parse((await get(`/customers/${p}`)).body).analytics.churn_level ?? 'unknown'] += 1;
    expect(a.churn_risk).toEqual(levels);
    expect(levels.unknown).toBe(1);
  });
});
