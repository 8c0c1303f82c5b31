/**
 * The order book as the public API answers it (contracts `Order` in
 * `packages/contracts/src/http/orders.ts`, `FamilyNode` / `FamilyTree` in `http/hierarchy.ts`): the
 * fields the console reads, and the codes and values its filters offer.
 */
import type { ActionStatus } from './service-actions.js';
import type { Segment } from './customers.js';

/** Bosta state codes (bosta-api.md §5) in the order the filter lists them. */
export const STATE_CODES = [10, 11, 20, 21, 22, 23, 24, 30, 40, 41, 45, 46, 47, 48, 49, 60, 100, 101, 102, 103, 104, 105] as const;
/** Order type codes the API filters on. */
export const TYPE_CODES = [10, 15, 20, 25, 30, 35] as const;
/** The default rule set's categories (a newer rule set may add others: they show as the API writes them). */
export const BUSINESS_CATEGORIES = ['Real Sales Order', 'Maintenance Order', 'Service Order', 'Refund Order', 'Return Pickup', 'Exchange Order', 'Operational Order'] as const;
export const SERVICE_TYPES = ['main', 'maintenance', 'service', 'return', 'return_pickup', 'exchange', 'operational'] as const;
export const HIERARCHY_STATUSES = ['main', 'linked', 'unlinked', 'pending_review'] as const;
export const RELATIONSHIP_TYPES = ['maintenance', 'service', 'return', 'refund', 'other'] as const;

/** An order (contracts `Order`): the fields the console shows. */
export interface Order {
  id: string;
  tracking_number: string;
  business_reference: string | null;
  state_code: number;
  state_value: string | null;
  masked_state: string | null;
  state_at: string;
  order_type_code: number;
  order_type_value: string | null;
  cod: number;
  bosta_fees: number | null;
  receiver_phone: string;
  receiver_name: string | null;
  receiver_second_phone: string | null;
  product_name: string | null;
  product_count: number | null;
  specs_description: string | null;
  dropoff_city_name: string | null;
  dropoff_city_name_ar: string | null;
  dropoff_zone_name: string | null;
  dropoff_zone_name_ar: string | null;
  dropoff_district_name: string | null;
  dropoff_district_name_ar: string | null;
  dropoff_first_line: string | null;
  created_at: string;
  picked_up_at: string | null;
  delivered_at: string | null;
  returned_at: string | null;
  attempts_count: number | null;
  order_sla_exceeded: boolean | null;
  e2e_sla_exceeded: boolean | null;
  last_synced: string;
  business_category: string | null;
  service_type: string | null;
  order_level: number | null;
  hierarchy_status: string;
  main_order_id: string | null;
  main_tracking_number: string | null;
  service_status: ActionStatus | null;
  service_actions_count: number;
  customer_segment: Segment | null;
}

/** An order as the hierarchy sees it (contracts `HierarchyOrder`). */
export interface HierarchyOrder {
  order_id: string;
  tracking_number: string;
  service_type: string;
  state_code: number;
  created_at: string;
  cod: number;
  product_name: string | null;
}

/** The active link of a sub to its main (contracts `HierarchyLink`). */
export interface HierarchyLink {
  main_order_id: string;
  main_tracking_number: string;
  sub_order_id: string;
  sub_tracking_number: string;
  relationship_type: string;
  relationship_level: number;
  business_rule: string;
  confidence: number;
  relationship_reason: string | null;
  linked_by: string;
  locked: boolean;
}

/** One node of a family tree: the order, its link to the parent (none for the root), every level below. */
export interface FamilyNode {
  order_id: string;
  /** null when the order is not in the hierarchy's projection. */
  order: HierarchyOrder | null;
  depth: number;
  link: HierarchyLink | null;
  children: FamilyNode[];
}

/** `GET /api/v1/orders/hierarchy/:order_id`: the family from its root main down. */
export interface FamilyTree {
  order_id: string;
  root: FamilyNode;
  size: number;
}

/** Every node of a tree, top down. */
export function flatten(node: FamilyNode): FamilyNode[] {
  return [node, ...node.children.flatMap(flatten)];
}

/** Path of an order's page (by Bosta id or tracking number). */
export const orderHref = (ref: string): string => `/orders/${encodeURIComponent(ref)}`;
