import { DELIVERY_NOTES } from './names.js';
import { PRODUCTS, PRODUCT_WEIGHTS } from './products.js';
import { weightTable, type Rng, type WeightTable } from './random.js';
import type { DemoOutcome, DemoRole, DemoType } from './types.js';

/**
 * The building blocks of a customer's story: one planned order is a few numbers (time, type, COD,
 * outcome, links); text and objects are only made when a delivery is yielded.
 */

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** Orders younger than this may still be moving. */
const IN_FLIGHT_AGE = 5 * DAY;
const PRODUCT_TABLE = weightTable(PRODUCT_WEIGHTS);

/** One order of a customer's story, before it becomes a DemoDelivery. */
export interface PlannedOrder {
  t: number;
  type: DemoType;
  cod: number;
  outcome: DemoOutcome;
  role: DemoRole;
  /** Index (in the story) of the order this one follows up, or -1. */
  parent: number;
  product: number;
  /** Spare part index within the product, or -1. */
  part: number;
  items: number;
  /** Shipped to the customer's second address. */
  alt: boolean;
  /** Name written in the other script than the customer usually uses. */
  flip: boolean;
  /** Index into DELIVERY_NOTES, or -1. */
  note: number;
}

/** The time window and clock of one generation. */
export interface PlanWindow {
  now: number;
  start: number;
}

/** Outcomes with their weights, kept as two arrays so drawing allocates nothing. */
interface Weights {
  outcomes: readonly DemoOutcome[];
  weights: WeightTable;
}
const weights = (pairs: readonly (readonly [DemoOutcome, number])[]): Weights => ({
  outcomes: pairs.map((p) => p[0]),
  weights: weightTable(pairs.map((p) => p[1])),
});
const SETTLED: Record<DemoRole, Weights> = {
  main: weights([['delivered', 86], ['returned', 9], ['terminated', 5]]),
  maintenance: weights([['delivered', 90], ['returned', 5], ['terminated', 3], ['exception', 2]]),
  service: weights([['delivered', 92], ['returned', 4], ['terminated', 4]]),
  refund: weights([['delivered', 90], ['returned', 4], ['terminated', 6]]),
  return_pickup: weights([['delivered', 88], ['terminated', 8], ['exception', 4]]),
  exchange: weights([['delivered', 88], ['returned', 6], ['terminated', 6]]),
};
const FRESH = weights([['new', 80], ['in_transit', 20]]);
const MOVING = weights([['new', 12], ['in_transit', 58], ['exception', 12], ['delivered', 15], ['terminated', 3]]);
const LANDING = weights([['in_transit', 25], ['exception', 8], ['delivered', 60], ['returned', 4], ['terminated', 3]]);

function draw(rng: Rng, w: Weights): DemoOutcome {
  return w.outcomes[rng.weighted(w.weights)] ?? 'delivered';
}

/** Outcome by age: young orders are still moving; settled ones end per role. */
export function outcomeFor(rng: Rng, role: DemoRole, t: number, w: PlanWindow, settledDelivered = false): DemoOutcome {
  const age = w.now - t;
  let outcome: DemoOutcome;
  if (age < 6 * HOUR) outcome = draw(rng, FRESH);
  else if (age < 2 * DAY) outcome = draw(rng, MOVING);
  else if (age < IN_FLIGHT_AGE) outcome = draw(rng, LANDING);
  else outcome = settledDelivered ? 'delivered' : draw(rng, SETTLED[role]);
  // A return pickup is never "returned": its success already is the return to HVAR.
  return role === 'return_pickup' && outcome === 'returned' ? 'delivered' : outcome;
}

/** A time of day inside Cairo business hours (≈ 08:00-22:00 local), kept inside the window. */
export function atBusinessHours(rng: Rng, t: number, w: PlanWindow): number {
  const day = Math.floor(t / DAY) * DAY;
  const at = day + 6 * HOUR + Math.floor(rng.next() * 14 * HOUR);
  if (at > w.now) return Math.max(w.start, w.now - Math.floor(rng.next() * Math.min(HOUR, w.now - day)));
  return Math.max(w.start, at);
}

/**
 * A time between `minAgeDays` and `maxAgeDays` before now. The business grows: the newest days get
 * about twice the orders of the oldest (2/3 uniform, 1/3 triangular toward now).
 */
export function timeAgo(rng: Rng, w: PlanWindow, minAgeDays: number, maxAgeDays?: number): number {
  const span = (w.now - w.start) / DAY;
  const lo = Math.min(minAgeDays, span);
  const hi = Math.min(maxAgeDays ?? span, span);
  const u = rng.next();
  const f = rng.chance(1 / 3) ? 1 - Math.sqrt(u) : u;
  const age = lo + (hi - lo) * f;
  return atBusinessHours(rng, w.now - age * DAY, w);
}

/** `from` + delay days, at business hours, never after now (then somewhere between from and now). */
export function after(rng: Rng, w: PlanWindow, from: number, delayDays: number): number {
  let t = from + delayDays * DAY;
  if (t > w.now) t = from + rng.next() * (w.now - from);
  return Math.max(from, atBusinessHours(rng, t, w));
}

/** A product index, bestsellers more likely. */
export function pickProduct(rng: Rng): number {
  return rng.weighted(PRODUCT_TABLE);
}

/** COD of a sale: price × items, sometimes with shipping or a small discount (always > 500 EGP). */
export function saleCod(rng: Rng, product: number, items: number): number {
  const price = (PRODUCTS[product]?.pricePiastres ?? 100_000) * items;
  const r = rng.next();
  if (r < 0.001) return 50_001; // a clearance sale just over the threshold
  if (r < 0.3) return price + 4_500;
  if (r < 0.36) return Math.max(50_100, Math.round((price * 0.9) / 5_000) * 5_000);
  return price;
}

/** COD of a maintenance order: a spare part or a repair fee in (0, 500 EGP], with the edge values. */
export function maintenanceCod(rng: Rng, product: number, part: number): number {
  const r = rng.next();
  if (r < 0.01) return 50_000;
  if (r < 0.015) return 1;
  if (r < 0.02) return 49_999;
  const partPrice = part >= 0 ? PRODUCTS[product]?.parts[part]?.pricePiastres : undefined;
  if (partPrice !== undefined) return Math.min(50_000, partPrice + (rng.chance(0.3) ? 5_000 : 0));
  return rng.int(2, 9) * 5_000;
}

/** COD of a refund: negative, the whole amount or a part of it (or the 1-piastre rounding refund). */
export function refundCod(rng: Rng, paid: number): number {
  const base = Math.max(paid, 10_000);
  const r = rng.next();
  if (r < 0.01) return -1;
  if (r < 0.5) return -base;
  return -Math.max(5_000, Math.round((base * (0.1 + 0.4 * rng.next())) / 5_000) * 5_000);
}

/** COD of an exchange: usually nothing, sometimes a price difference either way (even > 500 EGP). */
export function exchangeCod(rng: Rng): number {
  const r = rng.next();
  if (r < 0.6) return 0;
  if (r < 0.85) return rng.int(5, 45) * 1_000;
  if (r < 0.95) return rng.int(51, 200) * 1_000;
  return -rng.int(1, 4) * 5_000;
}

/** COD of a return pickup: nothing, rarely a refund paid on pickup. */
export function returnPickupCod(rng: Rng): number {
  return rng.chance(0.05) ? -rng.int(1, 6) * 5_000 : 0;
}

/** A planned order with the per-order details (items, script flip, note) drawn. */
export function planned(rng: Rng, fields: Pick<PlannedOrder, 't' | 'type' | 'cod' | 'outcome' | 'role' | 'parent' | 'product'> & Partial<PlannedOrder>): PlannedOrder {
  return {
    part: -1,
    items: 1,
    alt: rng.chance(0.06),
    flip: rng.chance(0.08),
    note: rng.chance(0.3) ? rng.int(0, DELIVERY_NOTES.length - 1) : -1,
    ...fields,
  };
}
