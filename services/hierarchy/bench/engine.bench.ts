/**
 * The pure engine's share of a full re-detection: BENCH_ORDERS (default 1M) generated orders in
 * about BENCH_ORDERS / 3.3 customers (a few very large ones), `planCustomer` over every customer
 * twice: first with no links (a first detection: every link is created), then with those links
 * stored (a re-detection: every plan comes back empty). No I/O.
 *
 *   node --import tsx services/hierarchy/bench/engine.bench.ts
 */
import type { ServiceType } from '@hvar/contracts';
import { DAY_MS, DEFAULT_HIERARCHY_SETTINGS } from '../src/domain/link-rules.js';
import { applyPlan, planCustomer } from '../src/domain/plan.js';
import type { HierOrder, StoredLink } from '../src/domain/types.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const MEAN_ORDERS_PER_CUSTOMER = 3.3;
const BIG_CUSTOMERS = 20;
const BIG_CUSTOMER_ORDERS = 2_000;
const START = Date.UTC(2023, 0, 1);
const SPAN_DAYS = 3 * 365;
const PRODUCTS = [null, 'Split AC 1.5HP', 'split ac 1.5hp ', 'Fridge 16ft', 'Washer 8kg', 'Heater'];
const TYPES: [ServiceType, number][] = [
  ['main', 0.35],
  ['maintenance', 0.1],
  ['service', 0.1],
  ['return', 0.08],
  ['return_pickup', 0.05],
  ['exchange', 0.04],
  ['operational', 0.28],
];

// mulberry32: a fixed seed, so every run plans the same orders.
let seed = 0x5eed;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

function serviceType(): ServiceType {
  let r = random();
  for (const [type, share] of TYPES) if ((r -= share) < 0) return type;
  return 'operational';
}

function customerOrders(customer: number, count: number, next: () => number): HierOrder[] {
  const phone = `+2010${String(customer).padStart(8, '0')}`;
  const orders: HierOrder[] = [];
  for (let i = 0; i < count; i++) {
    const id = next();
    const created = START + Math.floor(random() * SPAN_DAYS * DAY_MS);
    orders.push({
      order_id: `o${id}`,
      tracking_number: String(10_000_000 + id),
      phone,
      service_type: serviceType(),
      state_code: 45,
      state_at: created + DAY_MS,
      created_at: created,
      cod_piastres: Math.floor(random() * 200_000),
      product_name: PRODUCTS[Math.floor(random() * PRODUCTS.length)] ?? null,
    });
  }
  return orders;
}

/** Customers with geometric sizes (mean ~3.3, at least 1) plus a few with thousands of orders. */
function generate(): HierOrder[][] {
  const customers: HierOrder[][] = [];
  let id = 0;
  const next = (): number => id++;
  for (let c = 0; c < BIG_CUSTOMERS && id + BIG_CUSTOMER_ORDERS <= ORDERS / 2; c++) customers.push(customerOrders(customers.length, BIG_CUSTOMER_ORDERS, next));
  const p = 1 / MEAN_ORDERS_PER_CUSTOMER;
  while (id < ORDERS) {
    const size = Math.min(ORDERS - id, 1 + Math.floor(Math.log(1 - random()) / Math.log(1 - p)));
    customers.push(customerOrders(customers.length, size, next));
  }
  return customers;
}

function timed<T>(label: string, orders: number, work: () => T): T {
  const started = process.hrtime.bigint();
  const result = work();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const rate = Math.round(orders / (ms / 1000));
  process.stdout.write(`[bench:engine] ${label}: ${ms.toFixed(0)} ms, ${rate.toLocaleString('en')} orders/s\n`);
  return result;
}

function main(): void {
  const customers = generate();
  const total = customers.reduce((n, c) => n + c.length, 0);
  process.stdout.write(`[bench:engine] ${total.toLocaleString('en')} orders in ${customers.length.toLocaleString('en')} customers (largest ${customers.reduce((n, c) => Math.max(n, c.length), 0)})\n`);
  const settings = DEFAULT_HIERARCHY_SETTINGS;
  let linkId = 0;
  const plans = timed('first detection (no links)', total, () => customers.map((orders) => planCustomer(orders, [], [], settings)));
  const linksByCustomer = plans.map((plan) => applyPlan([], plan, () => `l${linkId++}`));
  const created = linksByCustomer.reduce((n, links) => n + links.length, 0);
  process.stdout.write(`[bench:engine] links created: ${created.toLocaleString('en')}\n`);
  const changes = timed('re-detection (links stored)', total, () => {
    let count = 0;
    customers.forEach((orders, i) => {
      const links: StoredLink[] = linksByCustomer[i] ?? [];
      const plan = planCustomer(orders, links, [], settings);
      count += plan.create.length + plan.deactivate.length;
    });
    return count;
  });
  if (changes !== 0) throw new Error(`re-detection should change nothing, planned ${changes} changes`);
}

main();
