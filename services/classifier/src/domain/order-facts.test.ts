import type { OrderChange } from '@hvar/contracts';
import { describe, expect, it } from 'vitest';
import { changeCause, classifiedFromChange, latestPerOrder } from './order-facts.js';

const change = (order_id: string, state_at: string, state_code = 45, sync_version = 1): OrderChange => ({
  order_id, tracking_number: '1001', change: 'updated', state_code, previous_state_code: null, state_at, type_code: 10,
  cod_piastres: 100_00, receiver_phone: '+201001234567', created_at: '2026-01-01T00:00:00.000Z', delivered_at: null,
  returned_at: null, product_name: 'Heater', business_reference: null, unique_business_reference: null, sync_version, customer: null,
});

describe('latestPerOrder', () => {
  it('keeps the latest state time per order (the later one on a tie), sorted by order id', () => {
    const out = latestPerOrder([
      change('b', '2026-01-02T00:00:00.000Z', 41),
      change('a', '2026-01-01T00:00:00.000Z'),
      change('b', '2026-01-01T00:00:00.000Z', 24),
      change('a', '2026-01-01T00:00:00.000Z', 46),
    ]);
    expect(out.map((o) => [o.order_id, o.state_code])).toEqual([['a', 46], ['b', 41]]);
  });

  it('on the same state time keeps the higher sync version, wherever it is in the batch', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const out = latestPerOrder([change('a', at, 45, 3), change('a', at, 41, 2), change('b', at, 24, 1), change('b', at, 41, 5), change('b', '2025-12-31T00:00:00.000Z', 46, 9)]);
    expect(out.map((o) => [o.order_id, o.state_code, o.sync_version])).toEqual([['a', 45, 3], ['b', 41, 5]]);
  });
});

describe('changeCause and classifiedFromChange', () => {
  const previous = { business_category: 'Operational Order', service_type: 'operational' as const, order_level: 0, rule_id: 'R5', state_code: 41, rule_set_version: 1 };
  const result = { business_category: 'Service Order', service_type: 'service' as const, order_level: 1, rule_id: 'R3', rule_set_version: 2, revision: 7, changed: true };

  it('names the cause from the stored state', () => {
    expect(changeCause(undefined, 45)).toBe('created');
    expect(changeCause(previous, 45)).toBe('state_changed');
    expect(changeCause(previous, 41)).toBe('updated');
  });

  it('builds the fact from the change, the result and what was stored before', () => {
    const fact = classifiedFromChange(change('a', '2026-01-03T00:00:00.000Z'), result, previous);
    expect(fact).toMatchObject({ order_id: 'a', state_at: '2026-01-03T00:00:00.000Z', rule_id: 'R3', rule_set_version: 2, revision: 7, changed: true, state_changed: true, previous_service_type: 'operational' });
    expect(classifiedFromChange(change('a', '2026-01-03T00:00:00.000Z'), result, undefined)).toMatchObject({ state_changed: false, previous_service_type: null });
  });
});
