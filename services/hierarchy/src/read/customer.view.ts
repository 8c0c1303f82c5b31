import type { FamilyNode, HierarchyLink, HierarchyOrder } from '@hvar/contracts';
import { ordersOfPhone } from '../db/customers.repo.js';
import { LINK_DTO_COLUMNS } from '../db/links.read.js';
import type { SqlTx } from '../db/sql.js';
import { statusOf } from '../domain/facts.js';
import type { TreeNode } from '../domain/tree.js';
import type { HierOrder, StoredLink } from '../domain/types.js';

/** One customer as the reads need it: orders, active links (full), and lookups. */
export interface CustomerView {
  orders: HierOrder[];
  ordersById: Map<string, HierOrder>;
  /** Active links as the API shows them; also the engine's `StoredLink`s (same fields). */
  links: HierarchyLink[];
  linkById: Map<string, HierarchyLink>;
  linkOfSub: Map<string, HierarchyLink>;
}

/** Loads one customer's orders and active links (two queries). */
export async function loadCustomerView(tx: Pick<SqlTx, 'query'>, phone: string): Promise<CustomerView> {
  const orders = await ordersOfPhone(tx, phone);
  const links = await tx.query<HierarchyLink>(`select ${LINK_DTO_COLUMNS} from hierarchy.links l where l.active and l.phone = $1`, [phone]);
  return {
    orders,
    ordersById: new Map(orders.map((o) => [o.order_id, o])),
    links,
    linkById: new Map(links.map((l) => [l.id, l])),
    linkOfSub: new Map(links.map((l) => [l.sub_order_id, l])),
  };
}

/** The engine's view of the active links. */
export function storedLinks(view: CustomerView): StoredLink[] {
  return view.links;
}

/** An order as the API shows it (money in EGP, times ISO), with its status. */
export function toHierarchyOrder(order: HierOrder, view: CustomerView): HierarchyOrder {
  return {
    order_id: order.order_id,
    tracking_number: order.tracking_number,
    phone: order.phone,
    service_type: order.service_type,
    state_code: order.state_code,
    state_at: new Date(order.state_at).toISOString(),
    created_at: new Date(order.created_at).toISOString(),
    cod: order.cod_piastres / 100,
    product_name: order.product_name,
    hierarchy_status: statusOf(order, view.linkOfSub.get(order.order_id)),
  };
}

/** An engine tree as the API shows it. */
export function toFamilyNode(node: TreeNode, view: CustomerView): FamilyNode {
  return {
    order_id: node.order_id,
    order: node.order ? toHierarchyOrder(node.order, view) : null,
    depth: node.depth,
    link: node.link ? (view.linkById.get(node.link.id) ?? null) : null,
    children: node.children.map((c) => toFamilyNode(c, view)),
  };
}

/** Orders in a tree. */
export function treeSize(node: TreeNode): number {
  let n = 1;
  for (const child of node.children) n += treeSize(child);
  return n;
}
