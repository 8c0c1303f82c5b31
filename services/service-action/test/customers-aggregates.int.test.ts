import { inSqlTransaction } from '@hvar/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectOrdersDetailed } from '../src/customers/project-orders.js';
import { T0, classified, phone, startServiceActionStack, type ServiceActionStack } from './harness.js';

const DAY = 86_400_000;
// The clock sits 400 days after T0: orders on day 0 are old, orders from day 380 are recent.
const NOW = new Date(T0 + 400 * DAY);
let stack: ServiceActionStack;

beforeAll(async () => {
  stack = await startServiceActionStack({ deps: { now: () => NOW } });
});
afterAll(async () => {
  await stack?.close();
});

/** The aggregates of a customer as stored (no timestamps of the write). */
async function aggregates(p: string) {
  const { rows } = await stack.database.pool.query(
    `select total_orders, total_value_piastres::int as value, avg_order_value_piastres::int as aov, first_order_at, last_order_at,
       delivered_main_orders as dmo, returned_orders as ret, maintenance_orders as maint, return_rate::float as rr, segment, segment_reason,
       full_name, first_name, last_name, primary_city, primary_zone, primary_district, primary_address, created_by
     from service_action.customers where phone = $1`, [p]);
  return rows[0] as Record<string, unknown> | undefined;
}

async function history(p: string) {
  const { rows } = await stack.database.pool.query<{ from_segment: string | null; to_segment: string; reason: string }>(
    'select from_segment, to_segment, reason from service_action.segment_history where phone = $1 order by id', [p]);
  return rows;
}

describe('customer aggregates from order batches', () => {
  it('computes every aggregate by its definition', async () => {
    const p = phone(11);
    await stack.send([
      classified({ id: 'a-m1', phone: p, day: 0, cod: 1_500 }),
      classified({ id: 'a-m2', phone: p, day: 10, cod: 2_500.5 }),
      classified({ id: 'a-r1', phone: p, type: 'return', day: 20, cod: -200 }),
      classified({ id: 'a-m3', phone: p, day: 30, state: 46, cod: 1_000 }),
      classified({ id: 'a-mt', phone: p, type: 'maintenance', day: 40, cod: 0 }),
      classified({ id: 'a-m4', phone: p, day: 50, state: 24, cod: 700 }),
    ]);
    expect(await aggregates(p)).toMatchObject({
      total_orders: 6, value: 400_050, aov: 200_025, dmo: 2, ret: 2, maint: 1, rr: 0.3333, created_by: 'orders',
      first_order_at: new Date(T0), last_order_at: new Date(T0 + 50 * DAY),
      segment: 'problematic', segment_reason: 'return rate 33.3% (2 of 6 orders) ≥ 30% with ≥ 3 orders',
    });
  });

  it('duplicated and reordered batches give the same result as one batch with the latest revisions', async () => {
    const [p1, p2] = [phone(12), phone(13)];
    const orders = (p: string, rev: number) => [
      classified({ id: `${p}-o1`, phone: p, day: 390, revision: rev, state: rev === 1 ? 24 : 45 }),
      classified({ id: `${p}-o2`, phone: p, day: 395, revision: 1, cod: 900 }),
    ];
    // p1: revision 1, then 2, then revision 1 again (late, new batch id) and the revision-2 batch twice.
    await stack.send(orders(p1, 1));
    await stack.send(orders(p1, 2), 'dup-batch');
    await stack.send(orders(p1, 1));
    await stack.send(orders(p1, 2), 'dup-batch');
    await stack.send([...orders(p1, 2)].reverse());
    // p2: one batch, newest entry first and the older revision after it.
    await stack.send([...orders(p2, 2).reverse(), ...orders(p2, 1)]);
    const a1 = await aggregates(p1);
    const a2 = await aggregates(p2);
    expect(a1).toMatchObject({ total_orders: 2, value: 240_000, segment: 'new', segment_reason: 'first order 10 days ago (< 30)' });
    expect(a2).toEqual(a1);
    expect(await history(p1)).toEqual([{ from_segment: null, to_segment: 'new', reason: 'first order 10 days ago (< 30)' }]);
  });

  it('a batch touches only its own customers', async () => {
    await stack.send([classified({ id: 'b-x', phone: phone(14), day: 100 })]);
    const { rows: before } = await stack.database.pool.query('select phone, updated_at, total_orders from service_action.customers where phone <> $1 order by phone', [phone(14)]);
    await stack.send([classified({ id: 'b-y', phone: phone(14), day: 120 })]);
    const { rows: after } = await stack.database.pool.query('select phone, updated_at, total_orders from service_action.customers where phone <> $1 order by phone', [phone(14)]);
    expect(after).toEqual(before);
    expect(await aggregates(phone(14))).toMatchObject({ total_orders: 2 });
  });

  it('records every segment change with its reason', async () => {
    const p = phone(15);
    await stack.send([classified({ id: 's-m1', phone: p, day: 0 })]);
    await stack.send([classified({ id: 's-m2', phone: p, day: 100 })]);
    await stack.send([classified({ id: 's-r1', phone: p, day: 200, state: 46 }), classified({ id: 's-r2', phone: p, day: 210, type: 'return_pickup' })]);
    expect(await history(p)).toEqual([
      { from_segment: null, to_segment: 'new', reason: 'only 1 order' },
      { from_segment: 'new', to_segment: 'regular', reason: '2 orders since 2026-01-01, lifetime value 3,000.00 EGP: no vip, problematic or new rule applies' },
      { from_segment: 'regular', to_segment: 'problematic', reason: 'return rate 50% (2 of 4 orders) ≥ 30% with ≥ 3 orders' },
    ]);
    // A batch that changes the aggregates but not the segment records nothing new.
    await stack.send([classified({ id: 's-m3', phone: p, day: 220 })]);
    expect(await history(p)).toHaveLength(3);
    expect(await aggregates(p)).toMatchObject({ segment: 'problematic', segment_reason: 'return rate 40% (2 of 5 orders) ≥ 30% with ≥ 3 orders' });
  });

  it('names and address come from the latest order that has them; a re-classification keeps them', async () => {
    const p = phone(16);
    const blank = { name: null, first_name: null, last_name: null, city: null, zone: null, district: null, address: null };
    await stack.send([
      classified({ id: 'n-1', phone: p, day: 10, name: 'Old Name', city: 'Giza' }),
      classified({ id: 'n-2', phone: p, day: 20, name: 'New Name', city: 'Alexandria' }),
      // The latest order has neither names nor address: the ones before it count.
      { ...classified({ id: 'n-3', phone: p, day: 30 }), customer: blank },
    ]);
    expect(await aggregates(p)).toMatchObject({ full_name: 'New Name', first_name: 'Ahmed', primary_city: 'Alexandria', primary_address: '12 Abbas El Akkad St' });
    // Revision 2 of n-2 without customer data (a re-classification): the stored receiver stays.
    await stack.send([{ ...classified({ id: 'n-2', phone: p, day: 20, revision: 2, state: 46 }), customer: null }]);
    const { rows } = await stack.database.pool.query('select receiver_name, city, state_code from service_action.orders where order_id = $1', ['n-2']);
    expect(rows[0]).toEqual({ receiver_name: 'New Name', city: 'Alexandria', state_code: 46 });
    expect(await aggregates(p)).toMatchObject({ full_name: 'New Name', primary_city: 'Alexandria', ret: 1 });
  });

  it('an order moving to another phone is reported so the old customer can be refreshed', async () => {
    await stack.send([classified({ id: 'mv-1', phone: phone(17), day: 5 })]);
    const moved = await inSqlTransaction(stack.database.pool, (tx) =>
      projectOrdersDetailed(tx, [classified({ id: 'mv-1', phone: phone(18), day: 5, revision: 2 }), classified({ id: 'mv-2', phone: phone(18), day: 6 })]));
    expect(moved.applied.map((o) => o.order_id)).toEqual(['mv-1', 'mv-2']);
    expect(moved.movedFrom).toEqual([phone(17)]);
  });
});
