import type { HierarchyStatus, RelationshipType } from '@hvar/contracts';
import type { HierOrder, LinkedBy, StoredLink } from './types.js';

/** The parts of an active link an order's facts are made of. */
export type LinkFacts = Pick<StoredLink, 'main_order_id' | 'sub_order_id' | 'relationship_type' | 'relationship_level' | 'confidence' | 'linked_by'>;

/** One order's hierarchy facts (the service adds `state_at` and `revision` for `hierarchy-changed`). */
export interface OrderFacts {
  order_id: string;
  tracking_number: string;
  hierarchy_status: HierarchyStatus;
  main_order_id: string | null;
  /** Null when the main is not among the orders given (and not in the extra lookup). */
  main_tracking_number: string | null;
  relationship_type: RelationshipType | null;
  relationship_level: number | null;
  confidence: number | null;
  linked_by: LinkedBy | null;
}

/** An order's status: `linked` with an active link as sub; else `main` for a main; else `unlinked`. */
export function statusOf(order: Pick<HierOrder, 'service_type'>, linkAsSub: LinkFacts | undefined): HierarchyStatus {
  if (linkAsSub) return 'linked';
  return order.service_type === 'main' ? 'main' : 'unlinked';
}

/**
 * The facts of every order after an evaluation, from the active links after it. Main tracking
 * numbers come from `orders`, then from `trackingNumbers` (mains of other customers).
 */
export function factsFor(orders: readonly HierOrder[], activeLinksAfter: readonly LinkFacts[], trackingNumbers?: ReadonlyMap<string, string>): OrderFacts[] {
  const asSub = new Map<string, LinkFacts>();
  for (const link of activeLinksAfter) if (!asSub.has(link.sub_order_id)) asSub.set(link.sub_order_id, link);
  const tracking = new Map<string, string>(trackingNumbers);
  for (const order of orders) tracking.set(order.order_id, order.tracking_number);
  return orders.map((order) => orderFacts(order, asSub.get(order.order_id), tracking));
}

function orderFacts(order: HierOrder, link: LinkFacts | undefined, tracking: ReadonlyMap<string, string>): OrderFacts {
  return {
    order_id: order.order_id,
    tracking_number: order.tracking_number,
    hierarchy_status: statusOf(order, link),
    main_order_id: link?.main_order_id ?? null,
    main_tracking_number: link ? (tracking.get(link.main_order_id) ?? null) : null,
    relationship_type: link?.relationship_type ?? null,
    relationship_level: link?.relationship_level ?? null,
    confidence: link?.confidence ?? null,
    linked_by: link?.linked_by ?? null,
  };
}
