import { describe, expect, it } from 'vitest';
import { churnLevel, customerAnalytics, medianIntervalDays, orderFrequencyPerMonth, type AnalyticsInput } from './customer-analytics.js';

const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 5, 1));
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

function input(over: Partial<AnalyticsInput> = {}): AnalyticsInput {
  return {
    totalOrders: 4, totalValuePiastres: 600_000, returnRate: 0, firstOrderAt: daysAgo(100), lastOrderAt: daysAgo(10),
    medianIntervalDays: 30, satisfaction: null, ...over,
  };
}

describe('medianIntervalDays', () => {
  it('needs two dates; odd and even counts; order of the dates does not matter', () => {
    expect(medianIntervalDays([])).toBeNull();
    expect(medianIntervalDays([daysAgo(5)])).toBeNull();
    expect(medianIntervalDays([daysAgo(0), daysAgo(10)])).toBe(10);
    // intervals 10, 30, 5 → median 10
    expect(medianIntervalDays([daysAgo(45), daysAgo(5), daysAgo(35), daysAgo(0)])).toBe(10);
    // intervals 10, 30 → 20
    expect(medianIntervalDays([daysAgo(40), daysAgo(30), daysAgo(0)])).toBe(20);
  });
});

describe('orderFrequencyPerMonth', () => {
  it('orders over the span, at least one month', () => {
    expect(orderFrequencyPerMonth({ totalOrders: 0, firstOrderAt: null, lastOrderAt: null })).toBe(0);
    expect(orderFrequencyPerMonth({ totalOrders: 3, firstOrderAt: daysAgo(5), lastOrderAt: daysAgo(1) })).toBe(3);
    expect(orderFrequencyPerMonth({ totalOrders: 6, firstOrderAt: daysAgo(365.25), lastOrderAt: NOW })).toBe(0.5);
  });
});

describe('churn risk and next purchase', () => {
  it('0 within the usual interval, linear to 1 at three intervals, capped', () => {
    expect(customerAnalytics(input({ lastOrderAt: daysAgo(30) }), NOW).churn_risk).toBe(0);
    expect(customerAnalytics(input({ lastOrderAt: daysAgo(60) }), NOW).churn_risk).toBe(0.5);
    expect(customerAnalytics(input({ lastOrderAt: daysAgo(90) }), NOW).churn_risk).toBe(1);
    expect(customerAnalytics(input({ lastOrderAt: daysAgo(900) }), NOW).churn_risk).toBe(1);
  });

  it('explains itself and predicts the next purchase from the median interval', () => {
    const a = customerAnalytics(input({ lastOrderAt: daysAgo(45) }), NOW);
    expect(a.churn_risk).toBe(0.25);
    expect(a.churn_level).toBe('low');
    expect(a.next_purchase_date).toBe(daysAgo(15).toISOString());
    expect(a.reasons).toContain('last order 45 days ago; usually orders every 30 days (median interval) → churn risk 0.25 (0 within the usual interval, 1 at 3×)');
    expect(a.reasons).toContain('next purchase expected 2026-05-17 (last order + 30 days), overdue by 15 days');
  });

  it('one order: a 90-day baseline and no next purchase', () => {
    const a = customerAnalytics(input({ totalOrders: 1, medianIntervalDays: null, firstOrderAt: daysAgo(180), lastOrderAt: daysAgo(180) }), NOW);
    expect(a.churn_risk).toBe(0.5);
    expect(a.next_purchase_date).toBeNull();
    expect(a.reasons.join('\n')).toMatch(/90-day baseline/);
    expect(a.reasons.join('\n')).toMatch(/needs at least two orders/);
  });

  it('no orders: no risk, no prediction, a neutral health', () => {
    const a = customerAnalytics({ totalOrders: 0, totalValuePiastres: 0, returnRate: 0, firstOrderAt: null, lastOrderAt: null, medianIntervalDays: null, satisfaction: null }, NOW);
    expect(a).toMatchObject({ churn_risk: null, churn_level: null, next_purchase_date: null, days_since_last_order: null, lifetime_value: 0 });
    // recency 20 (half) + returns 25 + frequency 0 + satisfaction 10 (half)
    expect(a.health_score).toBe(55);
    expect(a.reasons[1]).toBe('no orders yet: no churn risk or next purchase to estimate');
  });

  it('levels', () => {
    expect([churnLevel(null), churnLevel(0), churnLevel(0.34), churnLevel(0.67), churnLevel(1)]).toEqual([null, 'low', 'medium', 'high', 'high']);
  });
});

describe('health score', () => {
  it('a recent, frequent, satisfied customer without returns is 100; returns and churn lower it', () => {
    const best = input({ totalOrders: 10, firstOrderAt: daysAgo(60), lastOrderAt: daysAgo(1), medianIntervalDays: 6, satisfaction: 1 });
    expect(customerAnalytics(best, NOW).health_score).toBe(100);
    expect(customerAnalytics({ ...best, returnRate: 0.25 }, NOW).health_score).toBe(88);
    expect(customerAnalytics({ ...best, returnRate: 0.6 }, NOW).health_score).toBe(75);
    expect(customerAnalytics({ ...best, lastOrderAt: daysAgo(400) }, NOW).health_score).toBeLessThan(70);
    expect(customerAnalytics({ ...best, satisfaction: 0 }, NOW).health_score).toBe(80);
  });

  it('lists its components', () => {
    const a = customerAnalytics(input({ satisfaction: 0.8 }), NOW);
    expect(a.reasons.at(-1)).toMatch(/^health \d+\/100 = recency 40\/40 \+ returns 25\/25 \+ frequency [\d.]+\/15 \+ satisfaction 16\/20$/);
  });
});
