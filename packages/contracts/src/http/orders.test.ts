import { describe, expect, it } from 'vitest';
import { OrdersQuery, orderFilters, orderSort } from './orders.js';
import { toSearchParams } from './query.js';

const parse = (qs: string) => OrdersQuery.parse(Object.fromEntries(new URLSearchParams(qs)));

describe('OrdersQuery', () => {
  it('a parsed query written back as a query string parses to the same value (gateway → service)', () => {
    for (const qs of ['cod_min=1000&city=القاهرة', 'has_product_desc=true&order_type=10', 'sla_exceeded=1&state=45,46&sort_by=cod&sort_dir=DESC', 'created_from=2025-01-01&delivered_to=2025-02-01T10:00:00%2B02:00&q=blender&limit=7',
      'delivery_category=maintenance&customer_segment=vip&sort_by=cod&sort_dir=DESC', 'has_service_actions=true&service_status=requested,return_ordered', '']) {
      const once = parse(qs);
      expect(parse(toSearchParams(once).toString()), qs).toEqual(once);
    }
  });

  it('rejects unknown parameters and bad values', () => {
    expect(OrdersQuery.safeParse({ colour: 'red' }).success).toBe(false);
    expect(OrdersQuery.safeParse({ cod_min: '1.234' }).success).toBe(false);
    expect(OrdersQuery.safeParse({ state: '45,x' }).success).toBe(false);
    expect(OrdersQuery.safeParse({ created_from: '01-02-2025' }).success).toBe(false);
    expect(OrdersQuery.safeParse({ sort: 'price' }).success).toBe(false);
    expect(OrdersQuery.safeParse({ customer_segment: 'gold' }).success).toBe(false);
    expect(OrdersQuery.safeParse({ service_status: 'pending' }).success).toBe(false);
    expect(OrdersQuery.safeParse({ service_status: 'completed,' }).success).toBe(false);
    expect(OrdersQuery.safeParse({ service_status: 'completed,,cancelled' }).success).toBe(false);
    expect(OrdersQuery.safeParse({ has_service_actions: 'maybe' }).success).toBe(false);
  });

  it('sort: sort wins, sort_by/sort_dir is the seed alias, newest first by default', () => {
    expect(orderSort(parse('sort=-cod'))).toEqual({ field: 'cod', desc: true });
    expect(orderSort(parse('sort_by=cod&sort_dir=DESC'))).toEqual({ field: 'cod', desc: true });
    expect(orderSort(parse('sort_by=updated_at'))).toEqual({ field: 'updated_at', desc: false });
    expect(orderSort(parse('sort=state&sort_by=cod'))).toEqual({ field: 'state', desc: false });
    expect(orderSort(parse(''))).toEqual({ field: 'created_at', desc: true });
  });

  it('filters: lists split, booleans read, delivery_category is service_type', () => {
    expect(orderFilters(parse('state=45,46&has_returns=0&sla_exceeded=true&delivery_category=maintenance'))).toMatchObject({
      states: [45, 46], hasReturns: false, slaExceeded: true, serviceType: 'maintenance',
    });
    expect(orderFilters(parse('has_service_actions=1&service_status=completed,requested,completed&customer_segment=vip'))).toMatchObject({
      hasServiceActions: true, serviceStatuses: ['completed', 'requested'], customerSegment: 'vip',
    });
  });
});
