import { describe, expect, it } from 'vitest';
import { manualLink, order, World } from './engine.fixtures.js';
import { DEFAULT_HIERARCHY_SETTINGS } from './link-rules.js';
import { buildTree, familiesOf, forEachNode, type TreeNode } from './tree.js';
import type { HierOrder } from './types.js';

/** A tree as nested `id(depth)[children]` text. */
function shape(node: TreeNode): string {
  const children = node.children.map(shape).join(',');
  return `${node.order_id}(${node.depth})${children ? `[${children}]` : ''}`;
}

function family(): World {
  const w = new World(
    [order('top', 'main', 0), order('m', 'main', 30), order('s1', 'service', 40), order('s2', 'maintenance', 35), order('s3', 'return', 50), order('lone', 'main', 700), order('u', 'exchange', 1500)],
    DEFAULT_HIERARCHY_SETTINGS,
  );
  w.evaluateAll();
  w.link('top', 'm');
  w.link('s1', 's3');
  return w;
}

describe('family trees', () => {
  it('walks up from any order to the root main, then down every level', () => {
    const w = family();
    const expected = 'top(0)[m(1)[s2(2),s1(2)[s3(3)]]]';
    for (const id of ['top', 'm', 's1', 's3']) expect(shape(buildTree(id, w.links, w.orders))).toBe(expected);
  });

  it('carries each child its link facts and order', () => {
    const tree = buildTree('s3', family().links, family().orders);
    expect(tree.link).toBeNull();
    expect(tree.order?.order_id).toBe('top');
    const s1 = tree.children[0]?.children[1];
    expect(s1?.link).toMatchObject({ main_order_id: 'm', sub_order_id: 's1', relationship_type: 'service', relationship_level: 2, linked_by: 'auto_sync' });
    expect(s1?.children[0]?.link).toMatchObject({ main_order_id: 's1', sub_order_id: 's3', relationship_level: 3, linked_by: 'manual' });
  });

  it('is a single node for an order without links', () => {
    expect(shape(buildTree('lone', family().links, family().orders))).toBe('lone(0)');
  });

  it('survives a cycle in the links, each order once', () => {
    const orders = new Map<string, HierOrder>([['a', order('a', 'main', 0)], ['b', order('b', 'service', 1)]]);
    const tree = buildTree('a', [manualLink('1', 'a', 'b'), manualLink('2', 'b', 'a')], orders);
    const seen: string[] = [];
    forEachNode(tree, (n) => seen.push(n.order_id));
    expect(seen.sort()).toEqual(['a', 'b']);
  });

  it('keeps a node for an order of another customer, without its order', () => {
    const tree = buildTree('s', [manualLink('1', 'elsewhere', 's')], new Map([['s', order('s', 'service', 1)]]));
    expect(tree.order_id).toBe('elsewhere');
    expect(tree.order).toBeNull();
    expect(tree.children[0]?.order?.order_id).toBe('s');
  });
});

describe('families of a customer', () => {
  it('lists each root once with its descendants, mains without subs, and the unlinked subs', () => {
    const w = family();
    const { families, unlinked } = familiesOf([...w.orders.values()], w.links);
    expect(families.map(shape)).toEqual(['top(0)[m(1)[s2(2),s1(2)[s3(3)]]]', 'lone(0)']);
    expect(unlinked.map((o) => o.order_id)).toEqual(['u']);
  });

  it('lists a cycle once', () => {
    const orders = [order('a', 'main', 0), order('b', 'service', 1)];
    expect(familiesOf(orders, [manualLink('1', 'a', 'b'), manualLink('2', 'b', 'a')]).families).toHaveLength(1);
  });

  it('has no family for a customer without mains or links', () => {
    expect(familiesOf([order('u', 'service', 0), order('op', 'operational', 0)], [])).toEqual({ families: [], unlinked: [order('u', 'service', 0)] });
  });
});
