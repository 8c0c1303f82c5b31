import type { RelationshipType, ServiceType } from '@hvar/contracts';
import type { HierOrder, HierarchySettings } from './types.js';

/** One day in epoch ms (the linking window is measured in days of `created_at`). */
export const DAY_MS = 86_400_000;

/** The domain's defaults (domain.md §4). */
export const DEFAULT_HIERARCHY_SETTINGS: HierarchySettings = { windowDays: 365 };

/** Past this gap an automatic link loses confidence (it stays within the window). */
export const FAR_GAP_DAYS = 180;

/** Business rule of every manual (or API) link. */
export const MANUAL_LINK_RULE = 'manual_link';

/** What a sub is to its main and the business rule that made the link. */
export interface Relationship {
  relationship_type: RelationshipType;
  business_rule: string;
}

// Presence in this table is what makes a service type a sub.
const SUB_RELATIONSHIPS: Partial<Record<ServiceType, Relationship>> = {
  maintenance: { relationship_type: 'maintenance', business_rule: 'cod_based_maintenance' },
  service: { relationship_type: 'service', business_rule: 'cod_based_service' },
  return: { relationship_type: 'refund', business_rule: 'cod_based_return' },
  return_pickup: { relationship_type: 'return', business_rule: 'type_based_return_pickup' },
  exchange: { relationship_type: 'other', business_rule: 'type_based_exchange' },
};

/** Whether orders of this service type are subs (linked to a main automatically). */
export function isSubType(serviceType: ServiceType): boolean {
  return SUB_RELATIONSHIPS[serviceType] !== undefined;
}

/** The automatic relationship of a sub's service type (null for `main` and `operational`). */
export function relationshipFor(serviceType: ServiceType): Relationship | null {
  return SUB_RELATIONSHIPS[serviceType] ?? null;
}

/** A manual link's relationship: the given type, else derived from the sub's service type (`other` for non-subs). */
export function manualRelationshipFor(serviceType: ServiceType, given?: RelationshipType): Relationship {
  const type = given ?? SUB_RELATIONSHIPS[serviceType]?.relationship_type ?? 'other';
  return { relationship_type: type, business_rule: MANUAL_LINK_RULE };
}

/** Whether two creation times are at most the window apart (the window's last day included). */
export function withinWindow(a: number, b: number, settings: HierarchySettings): boolean {
  return Math.abs(a - b) <= settings.windowDays * DAY_MS;
}

/** Order of the main index: `created_at`, then `order_id` (the tie-breaks of the best-main rule). */
export function compareMains(a: HierOrder, b: HierOrder): number {
  if (a.created_at !== b.created_at) return a.created_at - b.created_at;
  return a.order_id < b.order_id ? -1 : a.order_id > b.order_id ? 1 : 0;
}

/** The customer's mains sorted for {@link chooseMain} (`created_at`, then `order_id`). */
export function sortMains(orders: readonly HierOrder[]): HierOrder[] {
  const mains: HierOrder[] = [];
  for (const order of orders) if (order.service_type === 'main') mains.push(order);
  return mains.sort(compareMains);
}

/** The best main for a sub and how many mains competed for it. */
export interface MainChoice {
  main: HierOrder;
  /** Candidates: mains within the window, the sub and excluded orders left out (at least 1). */
  candidates: number;
}

/**
 * The best main for `sub` among `mains` (sorted by {@link sortMains}): candidates are mains within
 * the window, without the sub and `excluded` (the sub's descendants, which would close a cycle).
 * The closest created at or before the sub wins; if none, the closest after; equal times go to the
 * smaller `order_id`. Null when no candidate. O(log n) unless orders are excluded.
 */
export function chooseMain(sub: HierOrder, mains: readonly HierOrder[], settings: HierarchySettings, excluded?: ReadonlySet<string>): MainChoice | null {
  const window = settings.windowDays * DAY_MS;
  const lo = firstAtOrAfter(mains, sub.created_at - window);
  const hi = firstAfter(mains, sub.created_at + window);
  if (lo >= hi) return null;
  const split = firstAfter(mains, sub.created_at);
  const skip = (main: HierOrder): boolean => main.order_id === sub.order_id || (excluded?.has(main.order_id) ?? false);
  const main = closestBefore(mains, lo, split, skip) ?? firstKept(mains, split, hi, skip);
  if (!main) return null;
  const mayExclude = (excluded !== undefined && excluded.size > 0) || sub.service_type === 'main';
  return { main, candidates: mayExclude ? countKept(mains, lo, hi, skip) : hi - lo };
}

// Mains in [lo, split) are created at or before the sub: the latest time wins, then the smallest id.
function closestBefore(mains: readonly HierOrder[], lo: number, split: number, skip: (m: HierOrder) => boolean): HierOrder | undefined {
  let best: HierOrder | undefined;
  for (let i = split - 1; i >= lo; i--) {
    const main = mains[i]!;
    if (best && main.created_at !== best.created_at) break;
    if (!skip(main)) best = main;
  }
  return best;
}

function firstKept(mains: readonly HierOrder[], from: number, to: number, skip: (m: HierOrder) => boolean): HierOrder | undefined {
  for (let i = from; i < to; i++) if (!skip(mains[i]!)) return mains[i];
  return undefined;
}

function countKept(mains: readonly HierOrder[], from: number, to: number, skip: (m: HierOrder) => boolean): number {
  let count = 0;
  for (let i = from; i < to; i++) if (!skip(mains[i]!)) count++;
  return count;
}

/** Index of the first main created at or after `t` (binary search). */
function firstAtOrAfter(mains: readonly HierOrder[], t: number): number {
  return searchMains(mains, (createdAt) => createdAt < t);
}

/** Index of the first main created after `t` (binary search). */
function firstAfter(mains: readonly HierOrder[], t: number): number {
  return searchMains(mains, (createdAt) => createdAt <= t);
}

// First index whose main is not `before` (mains sorted by created_at, so `before` holds for a prefix).
function searchMains(mains: readonly HierOrder[], before: (createdAt: number) => boolean): number {
  let lo = 0;
  let hi = mains.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mains[mid]!.created_at)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A confidence (two decimals) and the reasons that produced it. */
export interface Confidence {
  confidence: number;
  reasons: string[];
}

/**
 * Confidence of linking `sub` to `main` when `candidates` mains competed: 0.95 for a single
 * candidate, else 0.85 - 0.05 per extra candidate (not below 0.60); -0.15 when the main was created
 * after the sub; +0.04 for the same product name; -0.10 beyond 180 days apart; clamped to 0.05..0.99.
 */
export function confidenceFor(sub: HierOrder, main: HierOrder, candidates: number, settings: HierarchySettings): Confidence {
  // Hundredths as integers, so 0.85 - 0.15 is exactly 0.70.
  let cents: number;
  const reasons: string[] = [];
  if (candidates <= 1) {
    cents = 95;
    reasons.push(`single main within ${settings.windowDays} days`);
  } else {
    cents = Math.max(60, 85 - 5 * (candidates - 2));
    reasons.push(`${candidates} mains within ${settings.windowDays} days; closest chosen`);
  }
  if (main.created_at > sub.created_at) {
    cents -= 15;
    reasons.push('main created after the sub (-0.15)');
  }
  if (sameProduct(sub.product_name, main.product_name)) {
    cents += 4;
    reasons.push('same product name (+0.04)');
  }
  if (Math.abs(main.created_at - sub.created_at) > FAR_GAP_DAYS * DAY_MS) {
    cents -= 10;
    reasons.push(`more than ${FAR_GAP_DAYS} days apart (-0.10)`);
  }
  return { confidence: Math.min(99, Math.max(5, cents)) / 100, reasons };
}

/** Same product: both named, equal once trimmed and case-folded. */
export function sameProduct(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const left = a.trim();
  return left !== '' && left.toLowerCase() === b.trim().toLowerCase();
}
