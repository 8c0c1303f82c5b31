import { describe, expect, it } from 'vitest';
import { analyticsOf } from './analytics.js';
import { order, World } from './engine.fixtures.js';
import { DEFAULT_HIERARCHY_SETTINGS } from './link-rules.js';

describe('analytics', () => {
  it('measures coverage, types, confidence, auto vs manual and subs per main', () => {
    const other = '+201000000002';
    const w = new World(
      [
        order('m1', 'main', 0),
        order('a', 'maintenance', 10),
        order('b', 'service', 20),
        order('c', 'return', 900),
        order('m2', 'main', 0, { phone: other }),
        order('d', 'exchange', 5, { phone: other }),
        order('e', 'service', 2, { phone: '+201000000003' }),
        order('op', 'operational', 2),
      ],
      DEFAULT_HIERARCHY_SETTINGS,
    );
    w.evaluateAll();
    w.link('m1', 'op');
    expect(analyticsOf([...w.orders.values()], w.links)).toEqual({
      subs: 5,
      linked_subs: 3,
      coverage: 0.6,
      by_relationship_type: { maintenance: 1, service: 1, return: 0, refund: 0, other: 2 },
      average_confidence: 0.9625,
      auto_links: 3,
      manual_links: 1,
      customers_with_hierarchy: 2,
      mains_with_subs: 2,
      avg_subs_per_main: 2,
      max_subs_per_main: 3,
    });
  });

  it('is all zeros without orders', () => {
    expect(analyticsOf([], [])).toMatchObject({ subs: 0, coverage: 0, average_confidence: null, avg_subs_per_main: 0, max_subs_per_main: 0 });
  });
});
