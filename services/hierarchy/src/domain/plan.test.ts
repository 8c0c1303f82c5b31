import { describe, expect, it } from 'vitest';
import { manualLink, order, PHONE, World } from './engine.fixtures.js';
import { DEFAULT_HIERARCHY_SETTINGS } from './link-rules.js';
import { applyPlan, DEACTIVATION, planCustomer } from './plan.js';
import type { HierOrder, StoredLink } from './types.js';

const settings = DEFAULT_HIERARCHY_SETTINGS;

function world(...orders: HierOrder[]): World {
  const w = new World(orders, settings);
  w.evaluateAll();
  return w;
}

function linkOf(w: World, subId: string): StoredLink | undefined {
  return w.links.find((l) => l.sub_order_id === subId);
}

function update(w: World, id: string, patch: Partial<HierOrder>): void {
  w.orders.set(id, { ...w.orders.get(id)!, ...patch });
}

describe('planning one customer', () => {
  it('links a sub to the only main with the full link facts', () => {
    const plan = planCustomer([order('m', 'main', 0), order('s', 'maintenance', 10)], [], [], settings);
    expect(plan).toEqual({
      create: [
        {
          main_order_id: 'm',
          sub_order_id: 's',
          relationship_type: 'maintenance',
          relationship_level: 1,
          business_rule: 'cod_based_maintenance',
          confidence: 0.95,
          confidence_reasons: ['single main within 365 days'],
        },
      ],
      deactivate: [],
    });
  });

  it('links every kind of sub and leaves mains and operational orders alone', () => {
    const w = world(
      order('m', 'main', 0),
      order('a', 'maintenance', 1),
      order('b', 'service', 2),
      order('c', 'return', 3),
      order('d', 'return_pickup', 4),
      order('e', 'exchange', 5),
      order('op', 'operational', 6),
    );
    expect(w.linkKeys()).toEqual(['m>a:maintenance:1', 'm>b:service:1', 'm>c:refund:1', 'm>d:return:1', 'm>e:other:1']);
  });

  it('links with several mains to the closest before, confidence lowered by the competition', () => {
    const w = world(order('m1', 'main', 0), order('m2', 'main', 80), order('m3', 'main', 120), order('s', 'service', 100));
    expect(linkOf(w, 's')).toMatchObject({ main_order_id: 'm2', confidence: 0.8, confidence_reasons: ['3 mains within 365 days; closest chosen'] });
  });

  it('leaves a sub unlinked when every main is more than the window away', () => {
    expect(planCustomer([order('m', 'main', 0), order('s', 'service', 366)], [], [], settings)).toEqual({ create: [], deactivate: [] });
    expect(planCustomer([order('m', 'main', 0), order('s', 'service', 366)], [], [], { windowDays: 400 }).create).toHaveLength(1);
  });

  it('plans nothing for a customer without orders', () => {
    expect(planCustomer([], [], [], settings)).toEqual({ create: [], deactivate: [] });
  });

  it('is idempotent: a second plan is empty and links keep their ids', () => {
    const w = world(order('m1', 'main', 0), order('m2', 'main', 50), order('s1', 'service', 60), order('s2', 'return', 20));
    const ids = w.links.map((l) => l.id);
    expect(w.replan(PHONE)).toEqual({ create: [], deactivate: [] });
    expect(w.links.map((l) => l.id)).toEqual(ids);
  });

  it('keeps a matching auto link without recomputing its stored confidence', () => {
    const w = world(order('m1', 'main', 0), order('s', 'service', 10));
    expect(linkOf(w, 's')?.confidence).toBe(0.95);
    w.orders.set('m2', order('m2', 'main', 200));
    expect(w.replan(PHONE)).toEqual({ create: [], deactivate: [] });
    expect(linkOf(w, 's')?.confidence).toBe(0.95);
  });
});

describe('locks', () => {
  it('keeps a manual link through re-evaluation even when another main is a better fit', () => {
    const w = world(order('m1', 'main', 0), order('m2', 'main', 100), order('s', 'service', 101));
    expect(w.link('m1', 's')).toBe(true);
    expect(w.replan(PHONE)).toEqual({ create: [], deactivate: [] });
    expect(linkOf(w, 's')).toMatchObject({ main_order_id: 'm1', locked: true, linked_by: 'manual', business_rule: 'manual_link' });
    expect(w.links).toHaveLength(1);
  });

  it('keeps a manual link even to an order that is no longer a main', () => {
    const w = world(order('m1', 'main', 0), order('s', 'service', 10));
    w.link('m1', 's');
    update(w, 'm1', { service_type: 'operational' });
    expect(w.replan(PHONE)).toEqual({ create: [], deactivate: [] });
    expect(w.linkKeys()).toEqual(['m1>s:service:1']);
  });

  it('keeps an unlinked sub unlinked, then a relink sticks', () => {
    const w = world(order('m1', 'main', 0), order('m2', 'main', 5), order('s', 'service', 10));
    expect(w.unlink('s')).toBe(true);
    expect(linkOf(w, 's')).toBeUndefined();
    expect(w.replan(PHONE)).toEqual({ create: [], deactivate: [] });
    expect(w.link('m1', 's')).toBe(true);
    expect(w.replan(PHONE)).toEqual({ create: [], deactivate: [] });
    expect(w.linkKeys()).toEqual(['m1>s:service:1']);
  });

  it('deactivates an auto link whose sub became locked', () => {
    const w = world(order('m', 'main', 0), order('s', 'service', 10));
    const autoId = linkOf(w, 's')!.id;
    const plan = planCustomer([...w.orders.values()], w.links, [{ order_id: 's', kind: 'unlinked' }], settings);
    expect(plan).toEqual({ create: [], deactivate: [{ link_id: autoId, reason: DEACTIVATION.subLocked }] });
  });
});

describe('levels', () => {
  it('gives auto subs of a main that is manually a sub level 2, and back to 1 when the manual link goes', () => {
    const w = world(order('top', 'main', 0), order('m', 'main', 30), order('s', 'service', 40));
    expect(linkOf(w, 's')).toMatchObject({ main_order_id: 'm', relationship_level: 1 });
    expect(w.link('top', 'm')).toBe(true);
    expect(w.linkKeys()).toEqual(['m>s:service:2', 'top>m:other:1']);
    w.unlink('m');
    expect(w.linkKeys()).toEqual(['m>s:service:1']);
  });

  it('records the level change as the reason', () => {
    const orders = [order('top', 'main', 0), order('m', 'main', 30), order('s', 'service', 40)];
    const auto: StoredLink = { ...manualLink('a1', 'm', 's', 1, 'service'), linked_by: 'auto_sync', locked: false, business_rule: 'cod_based_service' };
    const plan = planCustomer(orders, [auto, manualLink('x', 'top', 'm')], [{ order_id: 'm', kind: 'linked' }], settings);
    expect(plan.deactivate).toEqual([{ link_id: 'a1', reason: DEACTIVATION.levelChanged }]);
    expect(plan.create).toEqual([expect.objectContaining({ main_order_id: 'm', sub_order_id: 's', relationship_level: 2 })]);
  });

  it('gives a manual link of a sub under another sub level 2', () => {
    const w = world(order('m', 'main', 0), order('s1', 'maintenance', 10), order('s2', 'service', 20));
    expect(w.link('s1', 's2')).toBe(true);
    expect(w.linkKeys()).toEqual(['m>s1:maintenance:1', 's1>s2:service:2']);
  });
});

describe('cycles', () => {
  it('never takes a main hanging below the sub', () => {
    // s is the manual parent of m2 (its closest main): it must take m1 instead.
    const orders = [order('m1', 'main', 0), order('m2', 'main', 90), order('s', 'maintenance', 100)];
    const plan = planCustomer(orders, [manualLink('x', 's', 'm2')], [{ order_id: 'm2', kind: 'linked' }], settings);
    expect(plan.create).toEqual([expect.objectContaining({ main_order_id: 'm1', sub_order_id: 's', confidence: 0.95 })]);
  });

  it('leaves a sub unlinked when its only main hangs below it, and says why an old auto link goes', () => {
    const orders = [order('m', 'main', 90), order('s', 'maintenance', 100)];
    const auto: StoredLink = { ...manualLink('a1', 'm', 's', 1, 'maintenance'), linked_by: 'auto_sync', locked: false, business_rule: 'cod_based_maintenance' };
    const plan = planCustomer(orders, [auto, manualLink('x', 's', 'm')], [{ order_id: 'm', kind: 'linked' }], settings);
    expect(plan).toEqual({ create: [], deactivate: [{ link_id: 'a1', reason: DEACTIVATION.cycle }] });
  });

  it('avoids a cycle made of two auto links decided together', () => {
    // s1 -> m1 and s2 -> m2 by hand; s1's closest main is m2 and s2's is m1: both at once would loop.
    const orders = [order('m1', 'main', 10), order('m2', 'main', 20), order('s1', 'service', 21), order('s2', 'service', 11), order('m0', 'main', 0)];
    const fixed = [manualLink('x1', 's1', 'm1'), manualLink('x2', 's2', 'm2')];
    const plan = planCustomer(orders, fixed, [], settings);
    const keys = plan.create.map((l) => `${l.main_order_id}>${l.sub_order_id}`).sort();
    // s2 (created first) takes m1; m2 is then below s1, so s1 falls back to m0.
    expect(keys).toEqual(['m0>s1', 'm1>s2']);
  });
});

describe('stale auto links', () => {
  it('deactivates the link of a sub whose main stops being a main, and relinks it elsewhere', () => {
    const w = world(order('m1', 'main', 0), order('m2', 'main', 50), order('s', 'service', 60));
    const old = linkOf(w, 's')!;
    update(w, 'm2', { service_type: 'operational' });
    const plan = w.replan(PHONE);
    expect(plan.deactivate).toEqual([{ link_id: old.id, reason: DEACTIVATION.notAMain }]);
    expect(plan.create).toEqual([expect.objectContaining({ main_order_id: 'm1', sub_order_id: 's' })]);
  });

  it('deactivates the link of an order that stops being a sub', () => {
    const w = world(order('m', 'main', 0), order('s', 'service', 10));
    const old = linkOf(w, 's')!;
    update(w, 's', { service_type: 'operational' });
    expect(w.replan(PHONE)).toEqual({ create: [], deactivate: [{ link_id: old.id, reason: DEACTIVATION.notASub }] });
  });

  it('deactivates a link whose orders drifted out of the window', () => {
    const w = world(order('m', 'main', 0), order('s', 'service', 10));
    const old = linkOf(w, 's')!;
    update(w, 's', { created_at: order('s', 'service', 400).created_at });
    expect(w.replan(PHONE)).toEqual({ create: [], deactivate: [{ link_id: old.id, reason: DEACTIVATION.outOfWindow }] });
  });

  it('replaces a link when a closer main appears', () => {
    const w = world(order('m1', 'main', 0), order('s', 'service', 60));
    const old = linkOf(w, 's')!;
    w.orders.set('m2', order('m2', 'main', 50));
    const plan = w.replan(PHONE);
    expect(plan.deactivate).toEqual([{ link_id: old.id, reason: DEACTIVATION.betterMain }]);
    expect(plan.create).toEqual([expect.objectContaining({ main_order_id: 'm2', confidence: 0.85 })]);
  });

  it('replaces a link when the sub changes service type', () => {
    const w = world(order('m', 'main', 0), order('s', 'maintenance', 10));
    const old = linkOf(w, 's')!;
    update(w, 's', { service_type: 'service' });
    const plan = w.replan(PHONE);
    expect(plan.deactivate).toEqual([{ link_id: old.id, reason: DEACTIVATION.relationshipChanged }]);
    expect(w.linkKeys()).toEqual(['m>s:service:1']);
  });

  it('deactivates links whose sub or main moved to another phone, on both customers', () => {
    const other = '+201000000002';
    const w = world(order('m', 'main', 0), order('s', 'service', 10), order('m2', 'main', 0, { phone: other }));
    const old = linkOf(w, 's')!;
    update(w, 's', { phone: other });
    // The new customer sees the link first (sub there, main not) ...
    const planNew = w.replan(other);
    expect(planNew.deactivate).toEqual([{ link_id: old.id, reason: DEACTIVATION.customerChanged }]);
    expect(planNew.create).toEqual([expect.objectContaining({ main_order_id: 'm2', sub_order_id: 's' })]);
    // ... and the old customer has nothing left to do.
    expect(w.replan(PHONE)).toEqual({ create: [], deactivate: [] });
    // The old customer alone also drops a link whose sub left it.
    expect(planCustomer([order('m', 'main', 0)], [old], [], settings).deactivate).toEqual([{ link_id: old.id, reason: DEACTIVATION.customerChanged }]);
  });

  it('deactivates a duplicate active auto link of the same sub', () => {
    const orders = [order('m', 'main', 0), order('s', 'service', 10)];
    const first = planCustomer(orders, [], [], settings);
    const links = applyPlan(applyPlan([], first, () => 'a1'), first, () => 'a2');
    expect(planCustomer(orders, links, [], settings)).toEqual({ create: [], deactivate: [{ link_id: 'a2', reason: DEACTIVATION.duplicate }] });
  });
});
