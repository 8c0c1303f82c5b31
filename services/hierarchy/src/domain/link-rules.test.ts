import { ServiceTypeSchema, SUB_SERVICE_TYPES } from '@hvar/contracts';
import { describe, expect, it } from 'vitest';
import { order } from './engine.fixtures.js';
import { chooseMain, confidenceFor, DEFAULT_HIERARCHY_SETTINGS, isSubType, manualRelationshipFor, relationshipFor, sameProduct, sortMains } from './link-rules.js';
import type { HierOrder } from './types.js';

const settings = DEFAULT_HIERARCHY_SETTINGS;

function best(sub: HierOrder, orders: HierOrder[], excluded?: Set<string>): string | null {
  return chooseMain(sub, sortMains(orders), settings, excluded)?.main.order_id ?? null;
}

describe('choosing the main', () => {
  it('takes the only main', () => {
    const main = order('m', 'main', 0);
    expect(chooseMain(order('s', 'maintenance', 10), sortMains([main]), settings)).toEqual({ main, candidates: 1 });
  });

  it('prefers the closest main created before the sub', () => {
    const mains = [order('m1', 'main', 0), order('m2', 'main', 50), order('m3', 'main', 95), order('m4', 'main', 101)];
    expect(best(order('s', 'service', 100), mains)).toBe('m3');
  });

  it('takes a main created at the same instant as the sub as "before"', () => {
    expect(best(order('s', 'service', 100), [order('m1', 'main', 90), order('m2', 'main', 100), order('m3', 'main', 100.5)])).toBe('m2');
  });

  it('takes the closest main created after when none is before', () => {
    expect(best(order('s', 'service', 100), [order('m1', 'main', 300), order('m2', 'main', 120), order('m3', 'main', 200)])).toBe('m2');
  });

  it('breaks ties at the same created_at by the smaller order_id', () => {
    expect(best(order('s', 'service', 100), [order('mb', 'main', 90), order('ma', 'main', 90), order('mc', 'main', 80)])).toBe('ma');
    expect(best(order('s', 'service', 100), [order('mb', 'main', 110), order('ma', 'main', 110)])).toBe('ma');
  });

  it('links 365 days apart exactly, not one millisecond more', () => {
    expect(best(order('s', 'service', 365), [order('m', 'main', 0)])).toBe('m');
    expect(best(order('s', 'service', 0), [order('m', 'main', 365)])).toBe('m');
    const past = order('s', 'service', 365, { created_at: order('x', 'main', 365).created_at + 1 });
    expect(best(past, [order('m', 'main', 0)])).toBeNull();
    expect(best(order('s', 'service', 400), [order('m', 'main', 0)])).toBeNull();
  });

  it('uses the configured window', () => {
    const sub = order('s', 'service', 40);
    expect(chooseMain(sub, sortMains([order('m', 'main', 0)]), { windowDays: 30 })).toBeNull();
    expect(chooseMain(sub, sortMains([order('m', 'main', 0)]), { windowDays: 40 })?.main.order_id).toBe('m');
  });

  it('counts only the mains within the window as candidates', () => {
    const mains = sortMains([order('m1', 'main', -400), order('m2', 'main', 0), order('m3', 'main', 50), order('m4', 'main', 500), order('op', 'operational', 90)]);
    expect(chooseMain(order('s', 'service', 100), mains, settings)?.candidates).toBe(2);
  });

  it('skips excluded orders (descendants of the sub) and does not count them', () => {
    const mains = [order('m1', 'main', 0), order('m2', 'main', 90), order('m3', 'main', 150)];
    const choice = chooseMain(order('s', 'service', 100), sortMains(mains), settings, new Set(['m2']));
    expect(choice?.main.order_id).toBe('m1');
    expect(choice?.candidates).toBe(2);
    expect(best(order('s', 'service', 100), mains, new Set(['m1', 'm2']))).toBe('m3');
    expect(best(order('s', 'service', 100), mains, new Set(['m1', 'm2', 'm3']))).toBeNull();
  });

  it('skips an excluded order among equal creation times', () => {
    expect(best(order('s', 'service', 100), [order('ma', 'main', 90), order('mb', 'main', 90)], new Set(['ma']))).toBe('mb');
  });

  it('finds nothing without mains', () => {
    expect(best(order('s', 'service', 100), [order('x', 'operational', 100)])).toBeNull();
  });
});

describe('relationship by sub service type', () => {
  it.each([
    ['maintenance', 'maintenance', 'cod_based_maintenance'],
    ['service', 'service', 'cod_based_service'],
    ['return', 'refund', 'cod_based_return'],
    ['return_pickup', 'return', 'type_based_return_pickup'],
    ['exchange', 'other', 'type_based_exchange'],
  ] as const)('%s -> %s / %s', (serviceType, type, rule) => {
    expect(relationshipFor(serviceType)).toEqual({ relationship_type: type, business_rule: rule });
  });

  it('treats as subs exactly the SUB_SERVICE_TYPES of the contracts (the SQL analytics count subs by that list)', () => {
    expect(ServiceTypeSchema.options.filter(isSubType)).toEqual([...SUB_SERVICE_TYPES]);
  });

  it('has none for main and operational orders', () => {
    expect(relationshipFor('main')).toBeNull();
    expect(relationshipFor('operational')).toBeNull();
  });

  it('gives manual links the given type, else the derived one, with rule manual_link', () => {
    expect(manualRelationshipFor('maintenance')).toEqual({ relationship_type: 'maintenance', business_rule: 'manual_link' });
    expect(manualRelationshipFor('return')).toEqual({ relationship_type: 'refund', business_rule: 'manual_link' });
    expect(manualRelationshipFor('main')).toEqual({ relationship_type: 'other', business_rule: 'manual_link' });
    expect(manualRelationshipFor('operational')).toEqual({ relationship_type: 'other', business_rule: 'manual_link' });
    expect(manualRelationshipFor('service', 'return')).toEqual({ relationship_type: 'return', business_rule: 'manual_link' });
  });
});

describe('confidence', () => {
  const sub = order('s', 'service', 100);

  it('is 0.95 for a single candidate', () => {
    expect(confidenceFor(sub, order('m', 'main', 90), 1, settings)).toEqual({ confidence: 0.95, reasons: ['single main within 365 days'] });
  });

  it('is 0.85 for two candidates, 0.05 less per extra one, never below 0.60', () => {
    const main = order('m', 'main', 90);
    expect(confidenceFor(sub, main, 2, settings)).toEqual({ confidence: 0.85, reasons: ['2 mains within 365 days; closest chosen'] });
    expect(confidenceFor(sub, main, 3, settings).confidence).toBe(0.8);
    expect(confidenceFor(sub, main, 7, settings).confidence).toBe(0.6);
    expect(confidenceFor(sub, main, 40, settings)).toEqual({ confidence: 0.6, reasons: ['40 mains within 365 days; closest chosen'] });
  });

  it('names the configured window', () => {
    expect(confidenceFor(sub, order('m', 'main', 90), 1, { windowDays: 30 }).reasons).toEqual(['single main within 30 days']);
  });

  it('loses 0.15 when the main was created after the sub', () => {
    expect(confidenceFor(sub, order('m', 'main', 110), 1, settings)).toEqual({
      confidence: 0.8,
      reasons: ['single main within 365 days', 'main created after the sub (-0.15)'],
    });
  });

  it('gains 0.04 for the same product name (trimmed, case-insensitive, both named)', () => {
    const named = order('s', 'service', 100, { product_name: '  Split AC ' });
    expect(confidenceFor(named, order('m', 'main', 90, { product_name: 'split ac' }), 1, settings)).toEqual({
      confidence: 0.99,
      reasons: ['single main within 365 days', 'same product name (+0.04)'],
    });
    expect(confidenceFor(named, order('m', 'main', 90, { product_name: 'split ac' }), 2, settings).confidence).toBe(0.89);
    expect(confidenceFor(named, order('m', 'main', 90), 2, settings).confidence).toBe(0.85);
    expect(sameProduct(null, null)).toBe(false);
    expect(sameProduct(' ', ' ')).toBe(false);
    expect(sameProduct('Fan', 'Heater')).toBe(false);
  });

  it('loses 0.10 beyond 180 days apart (180 exactly keeps it)', () => {
    expect(confidenceFor(sub, order('m', 'main', -80), 1, settings).confidence).toBe(0.95);
    expect(confidenceFor(sub, order('m', 'main', -81), 1, settings)).toEqual({
      confidence: 0.85,
      reasons: ['single main within 365 days', 'more than 180 days apart (-0.10)'],
    });
  });

  it('combines modifiers in exact hundredths (lowest 0.35, highest 0.99)', () => {
    const named = order('s', 'service', 100, { product_name: 'X' });
    const after = order('m', 'main', 300, { product_name: 'x' });
    // 0.60 - 0.15 + 0.04 - 0.10
    expect(confidenceFor(named, after, 9, settings).confidence).toBe(0.39);
    expect(confidenceFor(named, order('m', 'main', 90, { product_name: 'x' }), 1, settings).confidence).toBe(0.99);
    expect(confidenceFor(sub, order('m', 'main', 300), 9, { windowDays: 365 }).confidence).toBe(0.35);
  });
});
