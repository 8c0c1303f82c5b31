import {
  after, DAY, exchangeCod, maintenanceCod, outcomeFor, pickProduct, planned, type PlannedOrder, type PlanWindow,
  refundCod, returnPickupCod, saleCod, timeAgo,
} from './plan.js';
import { PRODUCTS } from './products.js';
import { weightTable, type Rng } from './random.js';

/** Case kinds: pickup+maintenance, pickup+service, pickup+refund, exchange, part order, maintenance. */
const CASE_TABLE = weightTable([30, 15, 15, 10, 15, 15]);
import type { DemoOutcome, DemoRole } from './types.js';

/**
 * A customer's story: a list of planned orders in story order (a follow-up always comes after the
 * order it follows). Builders add orders; the story kinds in stories.ts compose them.
 */
export class Story {
  readonly orders: PlannedOrder[] = [];

  constructor(readonly rng: Rng, readonly w: PlanWindow) {}

  /** Adds a sale at `t`; delivered for sure when old enough and `keep` (follow-ups depend on it). */
  sale(t: number, keep = false, outcome?: DemoOutcome): number {
    const { rng } = this;
    const product = pickProduct(rng);
    const r = rng.next();
    const items = r < 0.92 ? 1 : r < 0.99 ? 2 : 3;
    return this.push(planned(rng, {
      t, type: 10, role: 'main', parent: -1, product, items,
      cod: saleCod(rng, product, items),
      outcome: outcome ?? outcomeFor(rng, 'main', t, this.w, keep),
    }));
  }

  /** Adds a follow-up of `role` at `t` for the order at `parent` (-1: none, e.g. bought in a store). */
  followUp(role: Exclude<DemoRole, 'main'>, parent: number, t: number, outcome?: DemoOutcome): number {
    const { rng } = this;
    const source = this.orders[parent];
    const product = source ? source.product : pickProduct(rng);
    const part = role === 'maintenance' && rng.chance(0.5) ? rng.int(0, (PRODUCTS[product]?.parts.length ?? 1) - 1) : -1;
    const base = { t, parent, product, part, role, outcome: outcome ?? outcomeFor(rng, role, t, this.w) };
    switch (role) {
      case 'maintenance':
        return this.push(planned(rng, { ...base, type: 10, cod: maintenanceCod(rng, product, part) }));
      case 'service':
        return this.push(planned(rng, { ...base, type: 10, cod: 0 }));
      case 'refund':
        return this.push(planned(rng, { ...base, type: rng.chance(0.7) ? 15 : 10, cod: refundCod(rng, source?.cod ?? 0) }));
      case 'return_pickup':
        return this.push(planned(rng, { ...base, type: 25, cod: returnPickupCod(rng) }));
      case 'exchange':
        return this.push(planned(rng, { ...base, type: 30, cod: exchangeCod(rng) }));
    }
  }

  /** Adds an order with exact values (the coverage stories use these). */
  exact(role: DemoRole, parent: number, t: number, type: PlannedOrder['type'], cod: number, outcome: DemoOutcome): number {
    const source = this.orders[parent];
    return this.push(planned(this.rng, { t, type, cod, outcome, role, parent, product: source?.product ?? pickProduct(this.rng) }));
  }

  /**
   * A case opened about the order at `parent`, `delayDays` after `from`: a return pickup followed by
   * the repaired / serviced / refunded order, or a direct maintenance, exchange or part order.
   */
  serviceCase(parent: number, from: number, delayDays: number, room: number): void {
    const { rng, w } = this;
    const t = after(rng, w, from, delayDays);
    const kind = rng.weighted(CASE_TABLE);
    if (kind <= 2 && room >= 2) {
      this.followUp('return_pickup', parent, t, 'delivered');
      const next: Exclude<DemoRole, 'main'> = kind === 0 ? 'maintenance' : kind === 1 ? 'service' : 'refund';
      this.followUp(next, parent, after(rng, w, t, rng.int(4, 15)));
      return;
    }
    const role: Exclude<DemoRole, 'main'> = kind === 3 ? 'exchange' : kind === 2 ? 'refund' : kind === 1 ? 'service' : 'maintenance';
    this.followUp(role, parent, t);
  }

  /** Fills the story with extra sales (loyal buyers) until it has `count` orders, or cuts it. */
  fit(count: number): PlannedOrder[] {
    while (this.orders.length < count) this.sale(timeAgo(this.rng, this.w, 0));
    if (this.orders.length > count) this.orders.length = count;
    return this.orders;
  }

  /** Days between `t` and now. */
  ageDays(t: number): number {
    return (this.w.now - t) / DAY;
  }

  private push(order: PlannedOrder): number {
    // Fixed offsets (coverage stories) can overshoot a short window: keep every order inside it.
    order.t = Math.min(this.w.now, Math.max(this.w.start, order.t));
    this.orders.push(order);
    return this.orders.length - 1;
  }
}
