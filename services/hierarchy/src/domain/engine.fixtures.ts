/**
 * Test support for the engine's unit and property tests (no I/O): order builders and a tiny
 * in-memory "service" that loads one customer, plans, and applies the plan like the real one does.
 */
import type { RelationshipType, ServiceType } from '@hvar/contracts';
import { DAY_MS } from './link-rules.js';
import { validateManualLink } from './manual-link.js';
import { applyPlan, isFixedLink, planCustomer } from './plan.js';
import type { CustomerPlan, HierOrder, HierarchySettings, StoredLink, SubLock } from './types.js';

/** Day 0 of the test calendar. */
export const T0 = Date.UTC(2024, 0, 1);
/** The default test customer. */
export const PHONE = '+201000000001';

/** An order created on `day` (days after T0, fractions allowed). */
export function order(id: string, serviceType: ServiceType, day: number, extra: Partial<HierOrder> = {}): HierOrder {
  return {
    order_id: id,
    tracking_number: String(1000 + hash(id)),
    phone: PHONE,
    service_type: serviceType,
    state_code: 45,
    state_at: T0 + day * DAY_MS,
    created_at: T0 + day * DAY_MS,
    cod_piastres: serviceType === 'main' ? 100_000 : 10_000,
    product_name: null,
    ...extra,
  };
}

function hash(id: string): number {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) % 1_000_000;
  return h;
}

/** A manual (locked) link as the service stores it. */
export function manualLink(id: string, main: string, sub: string, level = 1, type: RelationshipType = 'other'): StoredLink {
  return {
    id,
    main_order_id: main,
    sub_order_id: sub,
    relationship_type: type,
    relationship_level: level,
    business_rule: 'manual_link',
    confidence: 1,
    confidence_reasons: ['linked by hand'],
    linked_by: 'manual',
    locked: true,
  };
}

/** Orders, active links and locks of every customer: the service's tables, in memory. */
export class World {
  readonly orders = new Map<string, HierOrder>();
  links: StoredLink[] = [];
  locks = new Map<string, SubLock>();
  private seq = 0;

  constructor(
    orders: readonly HierOrder[],
    readonly settings: HierarchySettings,
  ) {
    for (const o of orders) this.orders.set(o.order_id, o);
  }

  /** What the service loads for one customer: its orders, the links touching them, their locks. */
  load(phone: string): { orders: HierOrder[]; links: StoredLink[]; locks: SubLock[] } {
    const orders = [...this.orders.values()].filter((o) => o.phone === phone);
    const ids = new Set(orders.map((o) => o.order_id));
    const links = this.links.filter((l) => ids.has(l.sub_order_id) || ids.has(l.main_order_id));
    const locks = orders.flatMap((o) => this.locks.get(o.order_id) ?? []);
    return { orders, links, locks };
  }

  plan(phone: string): CustomerPlan {
    const input = this.load(phone);
    return planCustomer(input.orders, input.links, input.locks, this.settings);
  }

  /** Plans and applies one customer; returns the plan. */
  replan(phone: string): CustomerPlan {
    const plan = this.plan(phone);
    this.links = applyPlan(this.links, plan, () => `a${++this.seq}`);
    return plan;
  }

  phones(): string[] {
    return [...new Set([...this.orders.values()].map((o) => o.phone))].sort();
  }

  evaluateAll(): void {
    for (const phone of this.phones()) this.replan(phone);
  }

  /** A manual link through the same checks as the API; false when refused. */
  link(mainId: string, subId: string): boolean {
    const main = this.orders.get(mainId);
    const sub = this.orders.get(subId);
    if (!main || !sub) return false;
    const check = validateManualLink(main, sub, this.load(main.phone).links);
    if (!check.ok || check.kind === 'existing') return check.ok;
    this.links = this.links.filter((l) => l !== check.replaces);
    this.links.push(manualLink(`m${++this.seq}`, mainId, subId, check.relationship_level, check.relationship_type));
    this.locks.set(subId, { order_id: subId, kind: 'linked' });
    this.replan(main.phone);
    return true;
  }

  /** An agent's unlink: false when the order has no active link. */
  unlink(subId: string): boolean {
    const link = this.links.find((l) => l.sub_order_id === subId);
    const sub = this.orders.get(subId);
    if (!link || !sub) return false;
    this.links = this.links.filter((l) => l !== link);
    this.locks.set(subId, { order_id: subId, kind: 'unlinked' });
    this.replan(sub.phone);
    return true;
  }

  /**
   * An order moves to another phone. As in the service, a link whose two orders no longer share a
   * phone goes at once, a manual one too (a link never spans customers), and the sub of a manual
   * link that went loses its `linked` lock. The caller re-plans both customers.
   */
  moveOrder(id: string, phone: string): void {
    const order = this.orders.get(id);
    if (!order) return;
    this.orders.set(id, { ...order, phone });
    const apart = (l: StoredLink) =>
      (l.main_order_id === id || l.sub_order_id === id) && this.orders.get(l.main_order_id)?.phone !== this.orders.get(l.sub_order_id)?.phone;
    for (const link of this.links.filter(apart)) {
      if (isFixedLink(link) && this.locks.get(link.sub_order_id)?.kind === 'linked') this.locks.delete(link.sub_order_id);
    }
    this.links = this.links.filter((l) => !apart(l));
  }

  /** The active links as comparable keys `main>sub:type:level`, sorted. */
  linkKeys(): string[] {
    return this.links.map((l) => `${l.main_order_id}>${l.sub_order_id}:${l.relationship_type}:${l.relationship_level}`).sort();
  }
}
