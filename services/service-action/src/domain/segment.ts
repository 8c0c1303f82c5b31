import type { CustomerSegment } from '@hvar/contracts';
import type { SegmentSettings } from '../deps.js';

/**
 * A customer's aggregates over the orders of their phone (service_action.orders):
 * - `totalOrders`: every order of the phone, whatever its type or state;
 * - `totalValuePiastres`: sum of the positive COD of delivered (state 45) orders (the lifetime value);
 * - `valuedOrders`: how many orders that sum covers (delivered, positive COD); the average order
 *   value is `totalValuePiastres / valuedOrders`;
 * - `firstOrderAt` / `lastOrderAt`: min / max `created_at`;
 * - `deliveredMainOrders`: service type `main` in state 45;
 * - `returnedOrders`: state 46 (returned / refused at the door) or service type `return` / `return_pickup`;
 * - `maintenanceOrders`: service type `maintenance`;
 * - the return rate is `returnedOrders / totalOrders` (0 without orders).
 */
export interface CustomerAggregates {
  totalOrders: number;
  totalValuePiastres: number;
  valuedOrders: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  deliveredMainOrders: number;
  returnedOrders: number;
  maintenanceOrders: number;
}

/** A segment and the human reason naming the numbers behind it. */
export interface SegmentDecision {
  segment: CustomerSegment;
  reason: string;
}

const DAY_MS = 86_400_000;

/** `returnedOrders / totalOrders`, 0 without orders. */
export function returnRateOf(agg: Pick<CustomerAggregates, 'totalOrders' | 'returnedOrders'>): number {
  return agg.totalOrders === 0 ? 0 : agg.returnedOrders / agg.totalOrders;
}

/** Average order value in piastres (integer): lifetime value over the delivered, positive-COD orders it sums. */
export function avgOrderValueOf(agg: Pick<CustomerAggregates, 'totalValuePiastres' | 'valuedOrders'>): number {
  return agg.valuedOrders === 0 ? 0 : Math.round(agg.totalValuePiastres / agg.valuedOrders);
}

const egp = (piastres: number) => `${(piastres / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} EGP`;
const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The problematic rule's reason, or null when it does not apply. */
function problematic(agg: CustomerAggregates, s: SegmentSettings): string | null {
  const rate = returnRateOf(agg);
  // A tiny tolerance: 3 of 10 is exactly 30% even though 3/10 is not exactly 0.3 in binary.
  if (agg.totalOrders >= s.problemMinOrders && rate >= s.problemReturnRate - 1e-9) {
    return `return rate ${pct(rate)} (${agg.returnedOrders} of ${plural(agg.totalOrders, 'order')}) ≥ ${pct(s.problemReturnRate)} with ≥ ${s.problemMinOrders} orders`;
  }
  if (agg.returnedOrders >= s.problemReturned) {
    return `${plural(agg.returnedOrders, 'returned or refused order')} ≥ ${s.problemReturned}`;
  }
  return null;
}

/** The vip rule's reason, or null when it does not apply. */
function vip(agg: CustomerAggregates, s: SegmentSettings): string | null {
  if (agg.totalValuePiastres >= s.vipValuePiastres) return `lifetime value ${egp(agg.totalValuePiastres)} ≥ ${egp(s.vipValuePiastres)}`;
  if (agg.deliveredMainOrders >= s.vipMainOrders) return `${plural(agg.deliveredMainOrders, 'delivered main order')} ≥ ${s.vipMainOrders}`;
  return null;
}

/** The new rule's reason, or null when it does not apply. */
function isNew(agg: CustomerAggregates, s: SegmentSettings, now: Date): string | null {
  if (agg.totalOrders === 0 || !agg.firstOrderAt) return 'no orders yet';
  if (agg.totalOrders === 1) return 'only 1 order';
  const days = (now.getTime() - agg.firstOrderAt.getTime()) / DAY_MS;
  if (days < s.newDays) return `first order ${Math.floor(days)} days ago (< ${s.newDays})`;
  return null;
}

/**
 * The segment of a customer (domain.md §5), first rule that applies wins:
 * 1. `problematic`: return rate ≥ problemReturnRate with ≥ problemMinOrders orders, or ≥ problemReturned
 *    returned/refused orders. First because it is the one that asks agents to act (every return costs
 *    two courier legs), and a big spender who returns a third of what they buy must not hide behind
 *    the vip label;
 * 2. `vip`: lifetime value ≥ vipValue or ≥ vipMainOrders delivered main orders. Before `new` so that a
 *    first order worth more than the vip threshold is treated as vip at once;
 * 3. `new`: no orders, only one order, or the first order younger than newDays;
 * 4. `regular` otherwise.
 */
export function segmentOf(agg: CustomerAggregates, settings: SegmentSettings, now: Date): SegmentDecision {
  const bad = problematic(agg, settings);
  if (bad) return { segment: 'problematic', reason: bad };
  const best = vip(agg, settings);
  if (best) return { segment: 'vip', reason: best };
  const fresh = isNew(agg, settings, now);
  if (fresh) return { segment: 'new', reason: fresh };
  return {
    segment: 'regular',
    reason: `${plural(agg.totalOrders, 'order')} since ${agg.firstOrderAt?.toISOString().slice(0, 10) ?? '-'}, lifetime value ${egp(agg.totalValuePiastres)}: no vip, problematic or new rule applies`,
  };
}
