import { describe, expect, it } from 'vitest';
import { manualLink, order, World } from './engine.fixtures.js';
import { DEFAULT_HIERARCHY_SETTINGS } from './link-rules.js';
import { validateManualLink } from './manual-link.js';

function world(): World {
  const w = new World([order('m', 'main', 0), order('m2', 'main', 5), order('s1', 'maintenance', 10), order('s2', 'service', 20)], DEFAULT_HIERARCHY_SETTINGS);
  w.evaluateAll();
  return w;
}

describe('validating a manual link', () => {
  it('accepts a link, derives the type, and names the auto link it replaces', () => {
    const w = world();
    const check = validateManualLink(w.orders.get('m')!, w.orders.get('s1')!, w.links);
    const auto = w.links.find((l) => l.sub_order_id === 's1');
    expect(auto?.main_order_id).toBe('m2');
    expect(check).toEqual({ ok: true, kind: 'new', relationship_type: 'maintenance', business_rule: 'manual_link', relationship_level: 1, replaces: auto });
  });

  it('takes the given relationship type', () => {
    const w = world();
    expect(validateManualLink(w.orders.get('m')!, w.orders.get('s1')!, w.links, 'refund')).toMatchObject({ ok: true, relationship_type: 'refund' });
  });

  it('puts a sub under another sub at level 2 with no auto link to replace when there is none', () => {
    const w = world();
    w.unlink('s2');
    expect(validateManualLink(w.orders.get('s1')!, w.orders.get('s2')!, w.links)).toMatchObject({ ok: true, kind: 'new', relationship_level: 2, replaces: null });
  });

  it('refuses linking an order to itself (422)', () => {
    const s1 = order('s1', 'maintenance', 10);
    expect(validateManualLink(s1, s1, [])).toMatchObject({ ok: false, kind: 'same_order', status: 422 });
  });

  it('refuses a link across customers (422)', () => {
    const main = order('m', 'main', 0, { phone: '+201000000009' });
    expect(validateManualLink(main, order('s', 'service', 1), [])).toMatchObject({ ok: false, kind: 'not_same_customer', status: 422 });
  });

  it('refuses a cycle (422), at any depth', () => {
    const w = world();
    expect(w.link('s1', 's2')).toBe(true);
    expect(validateManualLink(w.orders.get('s2')!, w.orders.get('s1')!, w.links)).toMatchObject({ ok: false, kind: 'cycle', status: 422 });
    expect(w.link('s2', 'm')).toBe(true);
    // m2 -> s1 -> s2 -> m: s1 cannot go under m.
    expect(w.linkKeys()).toEqual(['m2>s1:maintenance:1', 's1>s2:service:2', 's2>m:other:3']);
    expect(validateManualLink(w.orders.get('m')!, w.orders.get('s1')!, w.links)).toMatchObject({ ok: false, kind: 'cycle', status: 422 });
  });

  it('refuses a sub already linked by hand to another main (409) and returns the same link again', () => {
    const w = world();
    expect(w.link('m', 's1')).toBe(true);
    const manual = w.links.find((l) => l.sub_order_id === 's1');
    expect(validateManualLink(w.orders.get('m2')!, w.orders.get('s1')!, w.links)).toEqual({
      ok: false,
      kind: 'already_linked',
      status: 409,
      message: 'sub s1 is already linked by hand to m; unlink it first',
      link: manual,
    });
    expect(validateManualLink(w.orders.get('m')!, w.orders.get('s1')!, w.links)).toEqual({ ok: true, kind: 'existing', link: manual });
  });

  it('counts the main level from a manual link above it', () => {
    const check = validateManualLink(order('m2', 'main', 5), order('s', 'service', 9), [manualLink('x', 'm', 'm2', 3)]);
    expect(check).toMatchObject({ ok: true, relationship_level: 4 });
  });
});
