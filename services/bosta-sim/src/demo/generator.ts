import { makeCustomer, type DemoCustomer } from './customer.js';
import { OrderColumns } from './columns.js';
import { DAY, type PlanWindow } from './plan.js';
import { render } from './render.js';
import { drawShape, isLoyal, MEAN_REPEAT_LENGTH, planCustomer, storyRng } from './stories.js';
import type { DemoDelivery, DemoOptions } from './types.js';

/**
 * The deterministic demo-data generator. Deliveries come out in createdAt order (ties by customer and
 * story order). Up front every story is planned into typed arrays (≈ 40 bytes per delivery, 4 per
 * customer, see columns.ts); names, addresses and texts are rebuilt from (seed, customer) only when a
 * delivery is yielded, so nothing else is retained.
 */

const MAX_CUSTOMERS = 50_000_000;
/** ≈ 40 bytes per delivery are held while iterating: 10M ≈ 400 MB. */
const MAX_DELIVERIES = 10_000_000;

interface Resolved {
  seed: number;
  deliveries: number;
  customers: number;
  window: PlanWindow;
  firstReference: number;
  repeatShare: number;
}

function resolve(opts: DemoOptions): Resolved {
  const { seed, deliveries, customers, now } = opts;
  const spanDays = opts.spanDays ?? 540;
  const firstReference = opts.firstReference ?? 100_001;
  const problems: string[] = [];
  if (!Number.isSafeInteger(seed)) problems.push('seed must be an integer');
  if (!Number.isInteger(deliveries) || deliveries < 0 || deliveries > MAX_DELIVERIES) problems.push(`deliveries must be an integer in [0, ${MAX_DELIVERIES}]`);
  if (!Number.isInteger(customers) || customers < 1 || customers > MAX_CUSTOMERS) problems.push(`customers must be an integer in [1, ${MAX_CUSTOMERS}]`);
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) problems.push('now must be a valid Date');
  if (!Number.isFinite(spanDays) || spanDays < 1) problems.push('spanDays must be a number ≥ 1');
  if (!Number.isSafeInteger(firstReference) || firstReference < 0) problems.push('firstReference must be a non-negative integer');
  if (problems.length > 0) throw new RangeError(`generateDemo: ${problems.join('; ')}`);
  const effectiveCustomers = Math.min(customers, Math.max(deliveries, 1));
  const ratio = deliveries / effectiveCustomers;
  const repeatShare = Math.min(0.9, Math.max(0, (ratio - 1) / (MEAN_REPEAT_LENGTH - 1)));
  const end = now.getTime();
  return { seed, deliveries, customers: effectiveCustomers, window: { now: end, start: end - spanDays * DAY }, firstReference, repeatShare };
}

/** Orders per customer, summing to exactly `deliveries`: stories are cut from the last customers, or loyal buyers buy more. */
function allocate(r: Resolved): Uint32Array {
  const counts = new Uint32Array(r.customers);
  const loyal: number[] = [];
  let sum = 0;
  for (let c = 0; c < r.customers; c++) {
    const shape = drawShape(storyRng(r.seed, c), c, r.repeatShare);
    counts[c] = shape.n;
    sum += shape.n;
    if (isLoyal(shape)) loyal.push(c);
  }
  for (let c = r.customers - 1; c >= 0 && sum > r.deliveries; c--) {
    const cut = Math.min((counts[c] ?? 1) - 1, sum - r.deliveries);
    counts[c] = (counts[c] ?? 1) - cut;
    sum -= cut;
  }
  if (sum < r.deliveries) {
    const pool = loyal.length > 0 ? loyal : Array.from({ length: r.customers }, (_, i) => r.customers - 1 - i);
    const extra = r.deliveries - sum;
    for (let i = 0; i < pool.length; i++) {
      const c = pool[i] ?? 0;
      counts[c] = (counts[c] ?? 0) + Math.floor(extra / pool.length) + (i < extra % pool.length ? 1 : 0);
    }
  }
  return counts;
}

interface Timeline {
  columns: OrderColumns;
  /** Delivery indexes (customer-major) sorted by createdAt. */
  order: Uint32Array;
  /** Position of each delivery in createdAt order (its businessReference). */
  rank: Uint32Array;
}

function timeline(r: Resolved, counts: Uint32Array): Timeline {
  const columns = new OrderColumns(r.deliveries);
  let base = 0;
  for (let c = 0; c < r.customers; c++) {
    const plan = planCustomer(r.seed, c, counts[c] ?? 0, r.repeatShare, r.window);
    for (let s = 0; s < plan.length; s++) {
      const planned = plan[s];
      if (planned) columns.set(base + s, planned, c, base);
    }
    base += plan.length;
  }
  const times = columns.t;
  const order = new Uint32Array(r.deliveries);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => (times[a] ?? 0) - (times[b] ?? 0) || a - b);
  const rank = new Uint32Array(r.deliveries);
  for (let i = 0; i < order.length; i++) rank[order[i] ?? 0] = i;
  return { columns, order, rank };
}

function* iterate(r: Resolved): Generator<DemoDelivery> {
  if (r.deliveries === 0) return;
  const { columns, order, rank } = timeline(r, allocate(r));
  const reference = (d: number): string => `HV-${r.firstReference + (rank[d] ?? 0)}`;
  let cached: { index: number; customer: DemoCustomer } | undefined;
  for (let i = 0; i < order.length; i++) {
    const d = order[i] ?? 0;
    const c = columns.owner[d] ?? 0;
    if (cached?.index !== c) cached = { index: c, customer: makeCustomer(r.seed, c) };
    const planned = columns.get(d);
    yield render(planned, {
      customerIndex: c,
      customer: cached.customer,
      reference: reference(d),
      parentReference: planned.parent >= 0 ? reference(planned.parent) : undefined,
      parentRole: planned.parent >= 0 ? columns.roleAt(planned.parent) : undefined,
      parentBefore: planned.parent >= 0 && (rank[planned.parent] ?? 0) < i,
    });
  }
}

/**
 * Deterministic demo deliveries: same options, same deliveries. Lazy: the work starts when iteration
 * does, and the result can be iterated again (it is regenerated). Yields in createdAt order.
 * Throws RangeError for invalid options.
 */
export function generateDemo(opts: DemoOptions): Iterable<DemoDelivery> {
  const resolved = resolve(opts);
  return { [Symbol.iterator]: () => iterate(resolved) };
}
