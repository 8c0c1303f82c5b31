/**
 * The order book as the public API answers it (the contracts' `Order`, `HierarchyOrder`,
 * `HierarchyLink`, `FamilyNode` and `FamilyTree`, imported as types only), and the codes and values
 * its filters offer.
 */
import type { FamilyNode, OrderHierarchyStatus, RelationshipType, ServiceType } from '@hvar/contracts';

export type { FamilyNode, FamilyTree, HierarchyLink, HierarchyOrder, Order } from '@hvar/contracts';

/** Bosta state codes (bosta-api.md §5) in the order the filter lists them. */
export const STATE_CODES = [10, 11, 20, 21, 22, 23, 24, 30, 40, 41, 45, 46, 47, 48, 49, 60, 100, 101, 102, 103, 104, 105] as const;
/** Order type codes the API filters on. */
export const TYPE_CODES = [10, 15, 20, 25, 30, 35] as const;
/** The default rule set's categories (a newer rule set may add others: they show as the API writes them). */
export const BUSINESS_CATEGORIES = ['Real Sales Order', 'Maintenance Order', 'Service Order', 'Refund Order', 'Return Pickup', 'Exchange Order', 'Operational Order'] as const;
export const SERVICE_TYPES = ['main', 'maintenance', 'service', 'return', 'return_pickup', 'exchange', 'operational'] as const satisfies readonly ServiceType[];
export const HIERARCHY_STATUSES = ['main', 'linked', 'unlinked', 'pending_review'] as const satisfies readonly OrderHierarchyStatus[];
export const RELATIONSHIP_TYPES = ['maintenance', 'service', 'return', 'refund', 'other'] as const satisfies readonly RelationshipType[];

/** Every node of a tree, top down. */
export function flatten(node: FamilyNode): FamilyNode[] {
  return [node, ...node.children.flatMap(flatten)];
}

/** Path of an order's page (by Bosta id or tracking number). */
export const orderHref = (ref: string): string => `/orders/${encodeURIComponent(ref)}`;
