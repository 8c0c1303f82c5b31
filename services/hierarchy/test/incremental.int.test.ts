import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { activeLinks, batchOf, classified, expectAppError, phone, resetHierarchyTables, snapshot, startHierarchyStack, type HierarchyStack } from './harness.js';

let stack: HierarchyStack;

beforeAll(async () => {
  stack = await startHierarchyStack();
});
afterAll(async () => {
  await stack.close();
});
beforeEach(async () => {
  await resetHierarchyTables(stack.database);
});

async function linkOf(subId: string) {
  const { rows } = await stack.database.pool.query<{ main_order_id: string; confidence: string; confidence_reasons: string[]; relationship_type: string; business_rule: string; relationship_level: number; phone: string; main_tracking_number: string; sub_cod_piastres: string }>(
    'select * from hierarchy.links where active and sub_order_id = $1', [subId]);
  return rows[0];
}

describe('order-classified', () => {
  it('a batch creates the links of the customers it touches and emits the facts of every order', async () => {
    await stack.send([
      classified({ id: 'm1', day: 0 }),
      classified({ id: 'm2', day: 50 }),
      classified({ id: 's1', type: 'maintenance', day: 60, cod: 300_00 }),
      classified({ id: 'r1', type: 'return', day: 10, product: 'Other thing' }),
      classified({ id: 'o1', type: 'operational', day: 5 }),
      classified({ id: 'x1', type: 'service', day: 5, phone: phone(2) }),
    ]);
    const s1 = await linkOf('s1');
    expect(s1).toMatchObject({ main_order_id: 'm2', relationship_type: 'maintenance', business_rule: 'cod_based_maintenance', relationship_level: 1, phone: phone(1) });
    expect(Number(s1?.confidence)).toBe(0.89); // 2 candidates 0.85 + same product 0.04
    expect((await linkOf('r1'))?.main_order_id).toBe('m1');
    expect(await linkOf('x1')).toBeUndefined(); // another customer without a main
    const facts = await stack.facts();
    expect(facts.map((f) => f.order_id).sort()).toEqual(['m1', 'm2', 'o1', 'r1', 's1', 'x1']);
    expect(new Set(facts.map((f) => f.revision)).size).toBe(1);
    expect(facts.find((f) => f.order_id === 's1')).toMatchObject({ hierarchy_status: 'linked', main_order_id: 'm2', relationship_level: 1, linked_by: 'auto_sync', cause: 'incremental', confidence: 0.89 });
    expect(facts.find((f) => f.order_id === 'm1')).toMatchObject({ hierarchy_status: 'main', main_order_id: null });
    expect(facts.find((f) => f.order_id === 'x1')).toMatchObject({ hierarchy_status: 'unlinked' });
  });

  it('a redelivered batch changes nothing and emits nothing', async () => {
    const orders = [classified({ id: 'm1', day: 0 }), classified({ id: 's1', type: 'service', day: 3 })];
    await stack.send(orders, 'same-batch');
    const before = await snapshot(stack.database);
    await stack.send(orders, 'same-batch');
    expect(await snapshot(stack.database)).toEqual(before);
  });

  it('an older revision arriving late is ignored (its order keeps the newer state)', async () => {
    await stack.send([classified({ id: 'm1', day: 0 }), classified({ id: 's1', type: 'service', day: 3, revision: 5 })]);
    await stack.send([classified({ id: 's1', type: 'operational', day: 3, revision: 4 })]);
    const { rows } = await stack.database.pool.query('select service_type, classification_revision::int as rev from hierarchy.orders where order_id = $1', ['s1']);
    expect(rows[0]).toEqual({ service_type: 'service', rev: 5 });
    expect((await linkOf('s1'))?.main_order_id).toBe('m1');
    // Its facts were emitted again, as they stand (linked), with a larger revision.
    const facts = (await stack.facts()).filter((f) => f.order_id === 's1');
    expect(facts.map((f) => f.hierarchy_status)).toEqual(['linked', 'linked']);
    expect(facts[1]!.revision).toBeGreaterThan(facts[0]!.revision);
  });

  it('a newer revision that is no longer a sub deactivates its link with a reason', async () => {
    await stack.send([classified({ id: 'm1', day: 0 }), classified({ id: 's1', type: 'service', day: 3 })]);
    await stack.send([classified({ id: 's1', type: 'operational', day: 3, revision: 2 })]);
    expect(await linkOf('s1')).toBeUndefined();
    const { rows } = await stack.database.pool.query('select active, deactivation_reason, deactivated_by from hierarchy.links where sub_order_id = $1', ['s1']);
    expect(rows).toEqual([{ active: false, deactivation_reason: 'no longer a sub', deactivated_by: 'auto_sync' }]);
  });

  it('a phone change moves the order to the other customer: old links go, the new customer links it', async () => {
    await stack.send([
      classified({ id: 'a-main', day: 0 }),
      classified({ id: 'sub', type: 'maintenance', day: 5, cod: 100_00 }),
      classified({ id: 'b-main', day: 1, phone: phone(2) }),
    ]);
    expect((await linkOf('sub'))?.main_order_id).toBe('a-main');
    await stack.send([classified({ id: 'sub', type: 'maintenance', day: 5, cod: 100_00, phone: phone(2), revision: 2 })]);
    const moved = await linkOf('sub');
    expect(moved).toMatchObject({ main_order_id: 'b-main', phone: phone(2) });
    const { rows } = await stack.database.pool.query('select main_order_id, deactivation_reason from hierarchy.links where not active');
    expect(rows).toEqual([{ main_order_id: 'a-main', deactivation_reason: 'customer changed' }]);
    expect(await activeLinks(stack.database)).toHaveLength(1);
  });

  it('a main moving away unlinks its subs, which find the remaining main of their customer', async () => {
    await stack.send([
      classified({ id: 'old-main', day: 0 }),
      classified({ id: 'near-main', day: 9 }),
      classified({ id: 'sub', type: 'service', day: 10 }),
    ]);
    expect((await linkOf('sub'))?.main_order_id).toBe('near-main');
    await stack.send([classified({ id: 'near-main', day: 9, phone: phone(3), revision: 2 })]);
    expect((await linkOf('sub'))?.main_order_id).toBe('old-main');
    const facts = await stack.facts();
    expect(facts.at(-1)).toBeDefined();
    const last = facts.filter((f) => f.order_id === 'sub').at(-1);
    expect(last).toMatchObject({ main_order_id: 'old-main', hierarchy_status: 'linked' });
  });

  it('concurrent batches of the same customers serialize: every job succeeds and the result is what a detection finds', async () => {
    await stack.send([classified({ id: 'm-a', day: 0 }), classified({ id: 'm-b', day: 0, phone: phone(2) })]);
    const batches = Array.from({ length: 8 }, (_, i) => [
      classified({ id: `a${i}`, type: 'service', day: 1 + i }),
      classified({ id: `b${i}`, type: 'maintenance', day: 1 + i, phone: phone(2), cod: 100_00 }),
      // Every batch also moves one shared order back and forth between the two customers.
      classified({ id: 'wanderer', type: 'return', day: 2, phone: phone(1 + (i % 2)), revision: i + 1 }),
    ]);
    await Promise.all(batches.map((orders) => stack.send(orders)));
    const incremental = await activeLinks(stack.database);
    expect(incremental).toHaveLength(17);
    const wanderer = await linkOf('wanderer');
    expect(wanderer?.main_order_id).toBe('m-b'); // revision 8 is the newest: customer 2
    const run = await stack.detect();
    expect(run).toMatchObject({ links_created: 0, links_deactivated: 0 });
    expect(await activeLinks(stack.database)).toEqual(incremental);
  });

  it('rejects malformed batches before anything is written', async () => {
    await stack.send([classified({ id: 'm1', day: 0 })]);
    const before = await snapshot(stack.database);
    const good = classified({ id: 's1', type: 'service', day: 1 });
    const raw = (orders: unknown[]) => ({ batch_id: 'bad-batch', cause: 'order-changed', orders });
    const bad: unknown[] = [
      raw([{ ...good, receiver_phone: '01001234567' }]),
      raw([{ ...good, tracking_number: 'ABC' }]),
      raw([{ ...good, service_type: 'mystery' }]),
      raw([{ ...good, created_at: 'yesterday' }]),
      raw([{ ...good, revision: -1 }]),
      raw([]),
      batchOf(Array.from({ length: 1_001 }, (_, i) => classified({ id: `x${i}`, type: 'service' }))),
      { cause: 'order-changed', orders: [good] },
    ];
    for (const payload of bad) expect(expectAppError(await stack.runRaw('order-classified', payload)).type).toBe('invalid_data');
    expect(await snapshot(stack.database)).toEqual(before);
  });
});
