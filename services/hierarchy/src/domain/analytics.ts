import type { RelationshipType } from '@hvar/contracts';
import type { LinkFacts } from './facts.js';
import { isSubType } from './link-rules.js';
import type { HierOrder } from './types.js';

/** Hierarchy analytics over a set of orders and their active links. */
export interface HierarchyAnalytics {
  /** Orders of a sub service type. */
  subs: number;
  /** Of those, the ones with an active link as sub. */
  linked_subs: number;
  /** linked_subs / subs (0 when there is no sub), 4 decimals. */
  coverage: number;
  /** Active links by relationship type. */
  by_relationship_type: Record<RelationshipType, number>;
  /** Mean confidence of the active links (null without links), 4 decimals. */
  average_confidence: number | null;
  /** Active links made by the engine (`auto_sync`) and by hand (`manual` or `api`). */
  auto_links: number;
  manual_links: number;
  /** Phones with at least one active link. */
  customers_with_hierarchy: number;
  /** Orders that have at least one direct sub; the mean and the most direct subs among them. */
  mains_with_subs: number;
  avg_subs_per_main: number;
  max_subs_per_main: number;
}

/**
 * Analytics of `orders` and the active `links` between them: coverage (linked subs / subs), links
 * by relationship type, average confidence, auto vs manual, customers with a hierarchy, average and
 * maximum direct subs per main (over mains that have subs). One pass over each input.
 */
export function analyticsOf(orders: readonly Pick<HierOrder, 'order_id' | 'phone' | 'service_type'>[], links: readonly LinkFacts[]): HierarchyAnalytics {
  const phoneOf = new Map<string, string>();
  for (const order of orders) phoneOf.set(order.order_id, order.phone);
  const byType: Record<RelationshipType, number> = { maintenance: 0, service: 0, return: 0, refund: 0, other: 0 };
  const linkedSubs = new Set<string>();
  const subsPerMain = new Map<string, number>();
  const phones = new Set<string>();
  let confidenceSum = 0;
  let auto = 0;
  for (const link of links) {
    byType[link.relationship_type]++;
    confidenceSum += link.confidence;
    if (link.linked_by === 'auto_sync') auto++;
    linkedSubs.add(link.sub_order_id);
    subsPerMain.set(link.main_order_id, (subsPerMain.get(link.main_order_id) ?? 0) + 1);
    const phone = phoneOf.get(link.sub_order_id) ?? phoneOf.get(link.main_order_id);
    if (phone !== undefined) phones.add(phone);
  }
  const subs = orders.filter((o) => isSubType(o.service_type));
  const linked = subs.filter((o) => linkedSubs.has(o.order_id)).length;
  return {
    subs: subs.length,
    linked_subs: linked,
    coverage: ratio(linked, subs.length),
    by_relationship_type: byType,
    average_confidence: links.length === 0 ? null : round4(confidenceSum / links.length),
    auto_links: auto,
    manual_links: links.length - auto,
    customers_with_hierarchy: phones.size,
    mains_with_subs: subsPerMain.size,
    avg_subs_per_main: ratio(links.length, subsPerMain.size),
    max_subs_per_main: largest(subsPerMain.values()),
  };
}

// A loop, not Math.max(...spread): a spread of 100k+ values overflows the call stack.
function largest(values: Iterable<number>): number {
  let max = 0;
  for (const value of values) if (value > max) max = value;
  return max;
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : round4(part / whole);
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
