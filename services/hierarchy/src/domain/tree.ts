import { isSubType } from './link-rules.js';
import type { HierOrder, StoredLink } from './types.js';

/** One order of a family tree with the link to its parent and its children (every level). */
export interface TreeNode {
  order_id: string;
  /** Null when the order is not among the orders given (a link into another customer). */
  order: HierOrder | null;
  /** 0 for the root, 1 for its direct subs, ... (position in the tree, not the stored level). */
  depth: number;
  /** The active link to the parent (null for the root). */
  link: StoredLink | null;
  /** Children by creation time, then id. */
  children: TreeNode[];
}

/** Every family of a customer, and its subs without a main. */
export interface Families {
  /** One tree per root (a main, or an unlinked order with orders below it), by root creation time. */
  families: TreeNode[];
  /** Orders of a sub service type without an active link as sub. */
  unlinked: HierOrder[];
}

/** Active links indexed both ways (the first active link of a sub wins should there be two). */
interface LinkIndex {
  parent: Map<string, StoredLink>;
  children: Map<string, StoredLink[]>;
}

function indexLinks(links: readonly StoredLink[]): LinkIndex {
  const parent = new Map<string, StoredLink>();
  const children = new Map<string, StoredLink[]>();
  for (const link of links) {
    if (parent.has(link.sub_order_id)) continue;
    parent.set(link.sub_order_id, link);
    const list = children.get(link.main_order_id);
    if (list) list.push(link);
    else children.set(link.main_order_id, [link]);
  }
  return { parent, children };
}

/** The root above `orderId`: follow active links to mains until none (or until a cycle closes). */
function rootOf(orderId: string, index: LinkIndex): string {
  const seen = new Set<string>([orderId]);
  let current = orderId;
  for (let link = index.parent.get(current); link && !seen.has(link.main_order_id); link = index.parent.get(current)) {
    current = link.main_order_id;
    seen.add(current);
  }
  return current;
}

/**
 * The family tree of `orderId`: walks up its active links to the root main, then down every level.
 * Each order appears once even if links form a cycle.
 */
export function buildTree(orderId: string, links: readonly StoredLink[], ordersById: ReadonlyMap<string, HierOrder>): TreeNode {
  const index = indexLinks(links);
  return treeFrom(rootOf(orderId, index), index, ordersById);
}

function treeFrom(rootId: string, index: LinkIndex, ordersById: ReadonlyMap<string, HierOrder>): TreeNode {
  const root = node(rootId, null, 0, ordersById);
  const seen = new Set<string>([rootId]);
  const stack = [root];
  for (let parent = stack.pop(); parent; parent = stack.pop()) {
    for (const link of index.children.get(parent.order_id) ?? []) {
      if (seen.has(link.sub_order_id)) continue;
      seen.add(link.sub_order_id);
      const child = node(link.sub_order_id, link, parent.depth + 1, ordersById);
      parent.children.push(child);
      stack.push(child);
    }
    parent.children.sort(byOrderCreation);
  }
  return root;
}

function node(orderId: string, link: StoredLink | null, depth: number, ordersById: ReadonlyMap<string, HierOrder>): TreeNode {
  return { order_id: orderId, order: ordersById.get(orderId) ?? null, depth, link, children: [] };
}

function byOrderCreation(a: TreeNode, b: TreeNode): number {
  const at = a.order?.created_at ?? 0;
  const bt = b.order?.created_at ?? 0;
  if (at !== bt) return at - bt;
  return a.order_id < b.order_id ? -1 : a.order_id > b.order_id ? 1 : 0;
}

/**
 * Every family of one customer: a tree for each root reached from its mains and linked orders
 * (a main without subs is a family of one), and the list of its unlinked subs. `links` are the
 * active links touching the customer's orders.
 */
export function familiesOf(orders: readonly HierOrder[], links: readonly StoredLink[]): Families {
  const index = indexLinks(links);
  const ordersById = new Map<string, HierOrder>();
  for (const order of orders) ordersById.set(order.order_id, order);
  const roots = new Set<string>();
  for (const order of orders) {
    const id = order.order_id;
    if (order.service_type === 'main' || index.parent.has(id) || index.children.has(id)) roots.add(rootOf(id, index));
  }
  const families: TreeNode[] = [];
  const placed = new Set<string>();
  for (const id of roots) {
    // Only a cycle can make two walks end at different orders of one family.
    if (placed.has(id)) continue;
    const tree = treeFrom(id, index, ordersById);
    forEachNode(tree, (n) => placed.add(n.order_id));
    families.push(tree);
  }
  families.sort(byOrderCreation);
  const unlinked = orders.filter((o) => isSubType(o.service_type) && !index.parent.has(o.order_id));
  return { families, unlinked };
}

/** Calls `visit` for every node of the tree (parents before children). */
export function forEachNode(tree: TreeNode, visit: (node: TreeNode) => void): void {
  const stack = [tree];
  for (let n = stack.pop(); n; n = stack.pop()) {
    visit(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
}
