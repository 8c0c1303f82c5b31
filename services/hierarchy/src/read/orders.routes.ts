import { normalizePhone } from '@hvar/bosta';
import {
  HierarchyCustomerParams, HierarchyNoQuery, HierarchyOrderParams, HierarchySubsQuery, isYes,
  type CustomerFamilies, type FamilyTree, type HierarchyLinkHistory, type HierarchyMainOf, type HierarchySubs,
} from '@hvar/contracts';
import { AppError, type Database, notFound, parseInput } from '@hvar/platform';
import type { Request, Router } from 'express';
import { findOrder } from '../db/customers.repo.js';
import { linkHistory } from '../db/links.read.js';
import { poolQuery } from '../db/sql.js';
import { buildTree, familiesOf, forEachNode, type TreeNode } from '../domain/tree.js';
import type { HierOrder } from '../domain/types.js';
import { loadCustomerView, storedLinks, toFamilyNode, toHierarchyOrder, treeSize, type CustomerView } from './customer.view.js';

type Query = ReturnType<typeof poolQuery>;

/** The order of `:ref` (404 when unknown) and its customer; query parameters checked with `query`. */
async function orderAndCustomer(db: Query, req: Request): Promise<{ order: HierOrder; view: CustomerView }> {
  const { ref } = parseInput(HierarchyOrderParams, req.params, 'params');
  const order = await findOrder(db, ref);
  if (!order) throw notFound(`order ${ref}`);
  return { order, view: await loadCustomerView(db, order.phone) };
}

/** Registers the order reads: family tree, subs of a main, main of a sub, link history. */
export function orderRoutes(router: Router, database: Database): void {
  const db = poolQuery(database.pool);

  router.get('/orders/:ref/tree', async (req, res) => {
    parseInput(HierarchyNoQuery, req.query, 'query');
    const { order, view } = await orderAndCustomer(db, req);
    const tree = buildTree(order.order_id, storedLinks(view), view.ordersById);
    const body: FamilyTree = { order_id: order.order_id, root: toFamilyNode(tree, view), size: treeSize(tree) };
    res.json(body);
  });

  router.get('/orders/:ref/subs', async (req, res) => {
    const all = isYes(parseInput(HierarchySubsQuery, req.query, 'query').all) ?? false;
    const { order, view } = await orderAndCustomer(db, req);
    const body: HierarchySubs = { main: toHierarchyOrder(order, view), all, subs: subsBelow(order, view, all) };
    res.json(body);
  });

  router.get('/orders/:ref/main', async (req, res) => {
    parseInput(HierarchyNoQuery, req.query, 'query');
    const { order, view } = await orderAndCustomer(db, req);
    const link = view.linkOfSub.get(order.order_id);
    const main = link ? view.ordersById.get(link.main_order_id) : undefined;
    if (!link || !main) throw new AppError('not_found', `Order ${order.order_id} has no main.`, { code: 'no_main' });
    const body: HierarchyMainOf = { sub: toHierarchyOrder(order, view), main: toHierarchyOrder(main, view), link };
    res.json(body);
  });

  router.get('/orders/:ref/links', async (req, res) => {
    parseInput(HierarchyNoQuery, req.query, 'query');
    const { order, view } = await orderAndCustomer(db, req);
    const links = await linkHistory(db, order.order_id);
    const body: HierarchyLinkHistory = {
      order: toHierarchyOrder(order, view),
      as_sub: links.filter((l) => l.sub_order_id === order.order_id),
      as_main: links.filter((l) => l.main_order_id === order.order_id),
    };
    res.json(body);
  });

  router.get('/customers/:phone/families', async (req, res) => {
    parseInput(HierarchyNoQuery, req.query, 'query');
    const raw = parseInput(HierarchyCustomerParams, req.params, 'params').phone;
    const phone = normalizePhone(raw);
    if (!phone) throw new AppError('invalid_data', `Invalid params: params.phone "${raw}" is not an Egyptian mobile number`, { errors: [{ path: 'params.phone', message: 'not an Egyptian mobile number' }] });
    const view = await loadCustomerView(db, phone);
    if (view.orders.length === 0) throw notFound(`orders for phone ${phone}`);
    const { families, unlinked } = familiesOf(view.orders, storedLinks(view));
    const body: CustomerFamilies = {
      phone, orders: view.orders.length, families: families.map((f) => toFamilyNode(f, view)), unlinked: unlinked.map((o) => toHierarchyOrder(o, view)),
    };
    res.json(body);
  });
}

/** The subs under `main`: its direct subs, or with `all` every level below (depth relative to it). */
function subsBelow(main: HierOrder, view: CustomerView, all: boolean): HierarchySubs['subs'] {
  const tree = buildTree(main.order_id, storedLinks(view), view.ordersById);
  let start: TreeNode | undefined;
  forEachNode(tree, (n) => {
    if (n.order_id === main.order_id) start = n;
  });
  const out: HierarchySubs['subs'] = [];
  const visit = (node: TreeNode, depth: number): void => {
    for (const child of node.children) {
      const link = child.link ? view.linkById.get(child.link.id) : undefined;
      if (child.order && link) out.push({ depth, order: toHierarchyOrder(child.order, view), link });
      if (all) visit(child, depth + 1);
    }
  };
  if (start) visit(start, 1);
  return out;
}
