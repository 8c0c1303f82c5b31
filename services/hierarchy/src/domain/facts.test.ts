import { describe, expect, it } from 'vitest';
import { order, World } from './engine.fixtures.js';
import { factsFor, statusOf } from './facts.js';
import { DEFAULT_HIERARCHY_SETTINGS } from './link-rules.js';

describe('order facts', () => {
  it('gives linked to a linked order, main to an unlinked main, unlinked otherwise', () => {
    const link = { main_order_id: 'm', sub_order_id: 's', relationship_type: 'service', relationship_level: 1, confidence: 0.9, linked_by: 'auto_sync' } as const;
    expect(statusOf({ service_type: 'service' }, link)).toBe('linked');
    expect(statusOf({ service_type: 'main' }, link)).toBe('linked');
    expect(statusOf({ service_type: 'main' }, undefined)).toBe('main');
    expect(statusOf({ service_type: 'service' }, undefined)).toBe('unlinked');
    expect(statusOf({ service_type: 'operational' }, undefined)).toBe('unlinked');
  });

  it('lists every order with its main and link facts after an evaluation', () => {
    const w = new World([order('m', 'main', 0), order('s', 'return', 10), order('far', 'service', 900), order('op', 'operational', 1)], DEFAULT_HIERARCHY_SETTINGS);
    w.evaluateAll();
    w.link('m', 'op');
    const facts = factsFor([...w.orders.values()], w.links);
    const m = w.orders.get('m')!;
    expect(facts).toEqual([
      { order_id: 'm', tracking_number: m.tracking_number, hierarchy_status: 'main', main_order_id: null, main_tracking_number: null, relationship_type: null, relationship_level: null, confidence: null, linked_by: null },
      {
        order_id: 's',
        tracking_number: w.orders.get('s')!.tracking_number,
        hierarchy_status: 'linked',
        main_order_id: 'm',
        main_tracking_number: m.tracking_number,
        relationship_type: 'refund',
        relationship_level: 1,
        confidence: 0.95,
        linked_by: 'auto_sync',
      },
      expect.objectContaining({ order_id: 'far', hierarchy_status: 'unlinked', main_order_id: null }),
      expect.objectContaining({ order_id: 'op', hierarchy_status: 'linked', main_order_id: 'm', relationship_type: 'other', linked_by: 'manual', confidence: 1 }),
    ]);
  });

  it('finds the tracking number of a main of another customer in the extra lookup', () => {
    const link = { main_order_id: 'x', sub_order_id: 's', relationship_type: 'other', relationship_level: 1, confidence: 1, linked_by: 'manual' } as const;
    const sub = order('s', 'service', 1);
    expect(factsFor([sub], [link])[0]?.main_tracking_number).toBeNull();
    expect(factsFor([sub], [link], new Map([['x', '777']]))[0]?.main_tracking_number).toBe('777');
  });
});
