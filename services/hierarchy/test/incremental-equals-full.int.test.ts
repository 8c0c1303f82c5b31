import type { OrderClassification, ServiceType } from '@hvar/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classified, phone, resetHierarchyTables, startHierarchyStack, type HierarchyStack } from './harness.js';

const WINDOW_DAYS = 30;
let stack: HierarchyStack;

beforeAll(async () => {
  stack = await startHierarchyStack({ windowDays: WINDOW_DAYS, detectionChunk: 2 });
});
afterAll(async () => {
  await stack.close();
});

const TYPES: ServiceType[] = ['main', 'main', 'maintenance', 'service', 'return', 'return_pickup', 'exchange', 'operational'];

/** One classification of an order as it changes over time (order, customer, type, creation day). */
const change = fc.record({
  order: fc.integer({ min: 0, max: 7 }),
  customer: fc.integer({ min: 1, max: 3 }),
  type: fc.constantFrom(...TYPES),
  day: fc.integer({ min: 0, max: 90 }),
  product: fc.constantFrom('Filter', 'filter ', 'Heater', null),
  /** How many positions later than produced it is delivered (out-of-order delivery). */
  delay: fc.integer({ min: 0, max: 3 }),
});

type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

/** Changes in production order get growing revisions per order; then delivery order and batches. */
function deliveries(changes: Change[], sizes: number[], parallel: boolean[]): OrderClassification[][][] {
  const revision = new Map<number, number>();
  const produced = changes.map((c, i) => {
    const rev = (revision.get(c.order) ?? 0) + 1;
    revision.set(c.order, rev);
    return { at: i + c.delay, order: classified({ id: `o${c.order}`, phone: phone(c.customer), type: c.type, day: c.day, product: c.product, revision: rev }) };
  });
  const ordered = produced.sort((a, b) => a.at - b.at).map((p) => p.order);
  const batches: OrderClassification[][] = [];
  for (let i = 0, k = 0; i < ordered.length; k++) {
    const size = sizes[k % sizes.length] ?? 1;
    batches.push(ordered.slice(i, i + size));
    i += size;
  }
  // Consecutive batches flagged parallel are sent at once (workers run them concurrently).
  const groups: OrderClassification[][][] = [];
  batches.forEach((batch, i) => {
    const last = groups.at(-1);
    if (last && parallel[i % parallel.length]) last.push(batch);
    else groups.push([batch]);
  });
  return groups;
}

async function activeLinkSet(): Promise<string[]> {
  const { rows } = await stack.database.pool.query<{ t: string }>(
    `select concat_ws('|', sub_order_id, main_order_id, relationship_type, relationship_level, business_rule) as t from hierarchy.links where active order by 1`);
  return rows.map((r) => r.t);
}

/** Orders whose latest emitted fact differs from what the tables say now (what a consumer would get wrong). */
async function staleFacts(): Promise<string[]> {
  const latest = new Map<string, { hierarchy_status: string; main_order_id: string | null; revision: number; confidence: number | null }>();
  for (const fact of await stack.facts()) {
    const seen = latest.get(fact.order_id);
    if (!seen || seen.revision < fact.revision) latest.set(fact.order_id, fact);
  }
  const { rows } = await stack.database.pool.query<{ order_id: string; status: string; main: string | null; confidence: number | null }>(
    `select o.order_id, case when l.id is not null then 'linked' when o.service_type = 'main' then 'main' else 'unlinked' end as status,
            l.main_order_id as main, l.confidence::float8 as confidence
       from hierarchy.orders o left join hierarchy.links l on l.sub_order_id = o.order_id and l.active`);
  return rows
    .filter((r) => {
      const fact = latest.get(r.order_id);
      return !fact || fact.hierarchy_status !== r.status || fact.main_order_id !== r.main || fact.confidence !== r.confidence;
    })
    .map((r) => r.order_id);
}

describe('incremental evaluation (property, real PostgreSQL and Redis)', () => {
  it('random batch sequences, out of order and concurrent, end where a full re-detection of the final state ends', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(change, { minLength: 1, maxLength: 16 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
        async (changes, sizes, parallel) => {
          await resetHierarchyTables(stack.database);
          for (const group of deliveries(changes, sizes, parallel)) await Promise.all(group.map((batch) => stack.send(batch)));
          const incremental = await activeLinkSet();
          expect(await staleFacts()).toEqual([]);
          // A detection over the incremental result finds nothing to change...
          const steady = await stack.detect();
          expect(steady).toMatchObject({ status: 'completed', links_created: 0, links_deactivated: 0 });
          // ...and a detection from no links at all ends at the same links.
          await stack.database.pool.query('truncate hierarchy.links');
          await stack.detect();
          expect(await activeLinkSet()).toEqual(incremental);
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});
