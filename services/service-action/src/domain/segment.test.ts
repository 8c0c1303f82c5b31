import { describe, expect, it } from 'vitest';
import type { SegmentSettings } from '../deps.js';
import { avgOrderValueOf, returnRateOf, segmentOf, type CustomerAggregates } from './segment.js';

const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 5, 1));
const S: SegmentSettings = { newDays: 30, vipValuePiastres: 1_000_000, vipMainOrders: 5, problemReturnRate: 0.3, problemMinOrders: 3, problemReturned: 2 };

/** A customer with `orders` orders, the first `firstDaysAgo` days ago; other aggregates overridable. */
function agg(over: Partial<CustomerAggregates> & { firstDaysAgo?: number } = {}): CustomerAggregates {
  const { firstDaysAgo = 100, ...rest } = over;
  return {
    totalOrders: 4, totalValuePiastres: 400_000, valuedOrders: 4, firstOrderAt: new Date(NOW.getTime() - firstDaysAgo * DAY),
    lastOrderAt: new Date(NOW.getTime() - DAY), deliveredMainOrders: 4, returnedOrders: 0, maintenanceOrders: 0, ...rest,
  };
}

describe('segmentOf: each rule at its boundary', () => {
  it('no orders → new, "no orders yet"', () => {
    expect(segmentOf(agg({ totalOrders: 0, totalValuePiastres: 0, valuedOrders: 0, deliveredMainOrders: 0, firstOrderAt: null, lastOrderAt: null }), S, NOW))
      .toEqual({ segment: 'new', reason: 'no orders yet' });
  });

  it('one old order → new; two orders whose first is 30 days old → not new, 29 days → new', () => {
    expect(segmentOf(agg({ totalOrders: 1, deliveredMainOrders: 1, firstDaysAgo: 400 }), S, NOW)).toEqual({ segment: 'new', reason: 'only 1 order' });
    expect(segmentOf(agg({ totalOrders: 2, deliveredMainOrders: 2, firstDaysAgo: 30 }), S, NOW).segment).toBe('regular');
    const young = segmentOf(agg({ totalOrders: 2, deliveredMainOrders: 2, firstDaysAgo: 29.5 }), S, NOW);
    expect(young).toEqual({ segment: 'new', reason: 'first order 29 days ago (< 30)' });
  });

  it('vip from exactly the lifetime value threshold, not one piastre below', () => {
    expect(segmentOf(agg({ totalValuePiastres: 999_999 }), S, NOW).segment).toBe('regular');
    expect(segmentOf(agg({ totalValuePiastres: 1_000_000 }), S, NOW)).toEqual({ segment: 'vip', reason: 'lifetime value 10,000.00 EGP ≥ 10,000.00 EGP' });
  });

  it('vip from exactly the delivered main orders threshold', () => {
    expect(segmentOf(agg({ totalOrders: 6, deliveredMainOrders: 4 }), S, NOW).segment).toBe('regular');
    expect(segmentOf(agg({ totalOrders: 6, deliveredMainOrders: 5 }), S, NOW)).toEqual({ segment: 'vip', reason: '5 delivered main orders ≥ 5' });
  });

  it('problematic from a 30% return rate with 3+ orders; not with fewer orders or a lower rate', () => {
    // 3 of 10 is exactly the threshold although 3/10 is not exactly 0.3 in floating point.
    expect(segmentOf(agg({ totalOrders: 10, returnedOrders: 3 }), { ...S, problemReturned: 99 }, NOW))
      .toEqual({ segment: 'problematic', reason: 'return rate 30% (3 of 10 orders) ≥ 30% with ≥ 3 orders' });
    expect(segmentOf(agg({ totalOrders: 11, returnedOrders: 3 }), { ...S, problemReturned: 99 }, NOW).segment).toBe('regular');
    // 1 of 2 is 50% but only 2 orders: the rate rule needs 3; one return is below the count rule.
    expect(segmentOf(agg({ totalOrders: 2, returnedOrders: 1 }), S, NOW).segment).toBe('regular');
    expect(segmentOf(agg({ totalOrders: 3, returnedOrders: 1 }), S, NOW)).toEqual({ segment: 'problematic', reason: 'return rate 33.3% (1 of 3 orders) ≥ 30% with ≥ 3 orders' });
  });

  it('problematic from 2 returned or refused orders, whatever the rate', () => {
    expect(segmentOf(agg({ totalOrders: 20, returnedOrders: 1 }), S, NOW).segment).toBe('regular');
    expect(segmentOf(agg({ totalOrders: 20, returnedOrders: 2 }), S, NOW)).toEqual({ segment: 'problematic', reason: '2 returned or refused orders ≥ 2' });
  });

  it('precedence: problematic before vip before new', () => {
    const bigReturner = agg({ totalValuePiastres: 5_000_000, totalOrders: 6, returnedOrders: 2, deliveredMainOrders: 6 });
    expect(segmentOf(bigReturner, S, NOW).segment).toBe('problematic');
    const bigFirstOrder = agg({ totalOrders: 1, totalValuePiastres: 1_500_000, deliveredMainOrders: 1, firstDaysAgo: 2 });
    expect(segmentOf(bigFirstOrder, S, NOW).segment).toBe('vip');
    const newReturner = agg({ totalOrders: 2, returnedOrders: 2, firstDaysAgo: 3 });
    expect(segmentOf(newReturner, S, NOW).segment).toBe('problematic');
  });

  it('settings move the boundaries', () => {
    const strict: SegmentSettings = { ...S, vipValuePiastres: 100_000, newDays: 365 };
    expect(segmentOf(agg({ totalValuePiastres: 100_000 }), strict, NOW).segment).toBe('vip');
    expect(segmentOf(agg({ totalValuePiastres: 0, deliveredMainOrders: 0, firstDaysAgo: 200 }), strict, NOW).segment).toBe('new');
  });

  it('regular names its numbers', () => {
    expect(segmentOf(agg(), S, NOW).reason).toBe('4 orders since 2026-02-21, lifetime value 4,000.00 EGP: no vip, problematic or new rule applies');
  });
});

describe('aggregate helpers', () => {
  it('return rate and average order value', () => {
    expect(returnRateOf({ totalOrders: 0, returnedOrders: 0 })).toBe(0);
    expect(returnRateOf({ totalOrders: 4, returnedOrders: 1 })).toBe(0.25);
    expect(avgOrderValueOf({ totalValuePiastres: 0, valuedOrders: 0 })).toBe(0);
    expect(avgOrderValueOf({ totalValuePiastres: 1000, valuedOrders: 3 })).toBe(333);
  });
});
