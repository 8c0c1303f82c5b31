/**
 * Per-customer analytics (domain.md §5): simple, explainable numbers from the customer's aggregates
 * and the dates of their orders. Every estimate says why in `reasons`.
 */

const DAY_MS = 86_400_000;
/** Average month length in days (365.25 / 12). */
const MONTH_DAYS = 30.4375;
/** With a single order there is no interval: its age is compared with this baseline instead. */
export const SINGLE_ORDER_BASELINE_DAYS = 90;
/** Churn risk is 0 until the usual interval has passed and reaches 1 at this many intervals. */
const FULL_CHURN_INTERVALS = 3;

/** What the analytics are computed from (money in piastres). */
export interface AnalyticsInput {
  totalOrders: number;
  totalValuePiastres: number;
  returnRate: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  /** Median of the days between consecutive orders (null with fewer than two orders). */
  medianIntervalDays: number | null;
  /** 0-1, null when unknown. */
  satisfaction: number | null;
}

/** The analytics of one customer (EGP in the API; shares 0-1). */
export interface CustomerAnalytics {
  lifetime_value: number;
  order_frequency_per_month: number;
  return_rate: number;
  days_since_last_order: number | null;
  median_interval_days: number | null;
  churn_risk: number | null;
  churn_level: 'low' | 'medium' | 'high' | null;
  next_purchase_date: string | null;
  health_score: number;
  reasons: string[];
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

/** Median of the days between consecutive dates (sorted here); null with fewer than two dates. */
export function medianIntervalDays(dates: readonly Date[]): number | null {
  if (dates.length < 2) return null;
  const times = dates.map((d) => d.getTime()).sort((a, b) => a - b);
  const gaps = times.slice(1).map((t, i) => (t - (times[i] ?? t)) / DAY_MS).sort((a, b) => a - b);
  const mid = Math.floor(gaps.length / 2);
  const median = gaps.length % 2 === 1 ? (gaps[mid] ?? 0) : ((gaps[mid - 1] ?? 0) + (gaps[mid] ?? 0)) / 2;
  return round(median, 2);
}

/** Orders per month over the customer's span (first to last order, at least one month). */
export function orderFrequencyPerMonth(input: Pick<AnalyticsInput, 'totalOrders' | 'firstOrderAt' | 'lastOrderAt'>): number {
  if (input.totalOrders === 0 || !input.firstOrderAt || !input.lastOrderAt) return 0;
  const months = Math.max(1, (input.lastOrderAt.getTime() - input.firstOrderAt.getTime()) / DAY_MS / MONTH_DAYS);
  return round(input.totalOrders / months, 2);
}

/** Churn level of a risk: below 0.34 low, below 0.67 medium, else high. */
export function churnLevel(risk: number | null): CustomerAnalytics['churn_level'] {
  if (risk === null) return null;
  return risk < 0.34 ? 'low' : risk < 0.67 ? 'medium' : 'high';
}

/**
 * Churn risk 0-1: how far past their usual interval the customer is. 0 while the days since the last
 * order are within the usual interval (the median interval, or the single-order baseline), rising
 * linearly to 1 at three usual intervals. Null without orders.
 */
export function churnRisk(input: Pick<AnalyticsInput, 'totalOrders' | 'lastOrderAt' | 'medianIntervalDays'>, now: Date, reasons: string[] = []): number | null {
  if (!input.lastOrderAt || input.totalOrders === 0) {
    reasons.push('no orders yet: no churn risk or next purchase to estimate');
    return null;
  }
  const since = Math.max(0, (now.getTime() - input.lastOrderAt.getTime()) / DAY_MS);
  const usual = input.medianIntervalDays === null ? SINGLE_ORDER_BASELINE_DAYS : Math.max(1, input.medianIntervalDays);
  const risk = round(clamp01((since / usual - 1) / (FULL_CHURN_INTERVALS - 1)), 2);
  const basis = input.medianIntervalDays === null
    ? `only one order: compared with a ${SINGLE_ORDER_BASELINE_DAYS}-day baseline`
    : `usually orders every ${input.medianIntervalDays} days (median interval)`;
  reasons.push(`last order ${Math.floor(since)} days ago; ${basis} → churn risk ${risk} (0 within the usual interval, 1 at ${FULL_CHURN_INTERVALS}×)`);
  return risk;
}

/** The next purchase: the last order plus the median interval (null with fewer than two orders). */
function nextPurchase(input: AnalyticsInput, now: Date, reasons: string[]): string | null {
  if (!input.lastOrderAt || input.medianIntervalDays === null) {
    if (input.totalOrders === 1) reasons.push('next purchase: needs at least two orders to know the usual interval');
    return null;
  }
  const next = new Date(input.lastOrderAt.getTime() + input.medianIntervalDays * DAY_MS);
  const overdue = Math.floor((now.getTime() - next.getTime()) / DAY_MS);
  reasons.push(`next purchase expected ${next.toISOString().slice(0, 10)} (last order + ${input.medianIntervalDays} days)${overdue > 0 ? `, overdue by ${overdue} days` : ''}`);
  return next.toISOString();
}

/**
 * Health score 0-100, a weighted sum: recency 40 (1 - churn risk; half without orders), returns 25
 * (full at a 0% return rate, none from 50%), frequency 15 (full from one order a month), satisfaction
 * 20 (the score; half when unknown).
 */
function healthScore(input: AnalyticsInput, risk: number | null, frequency: number, reasons: string[]): number {
  const recency = 40 * (risk === null ? 0.5 : 1 - risk);
  const returns = 25 * clamp01(1 - input.returnRate / 0.5);
  const often = 15 * clamp01(frequency);
  const satisfied = 20 * (input.satisfaction ?? 0.5);
  const score = Math.round(recency + returns + often + satisfied);
  reasons.push(
    `health ${score}/100 = recency ${round(recency, 1)}/40 + returns ${round(returns, 1)}/25 + frequency ${round(often, 1)}/15 + satisfaction ${round(satisfied, 1)}/20${input.satisfaction === null ? ' (unknown, counted as half)' : ''}`,
  );
  return score;
}

/** Lifetime value, order frequency, return rate, churn risk, next purchase and health, with their reasons. */
export function customerAnalytics(input: AnalyticsInput, now: Date): CustomerAnalytics {
  const reasons: string[] = [];
  const frequency = orderFrequencyPerMonth(input);
  reasons.push(`lifetime value: delivered orders' COD, ${input.totalOrders} orders, ${frequency} orders a month over the customer's span`);
  const risk = churnRisk(input, now, reasons);
  const next = nextPurchase(input, now, reasons);
  return {
    lifetime_value: input.totalValuePiastres / 100,
    order_frequency_per_month: frequency,
    return_rate: round(input.returnRate, 4),
    days_since_last_order: input.lastOrderAt ? Math.floor((now.getTime() - input.lastOrderAt.getTime()) / DAY_MS) : null,
    median_interval_days: input.medianIntervalDays,
    churn_risk: risk,
    churn_level: churnLevel(risk),
    next_purchase_date: next,
    health_score: healthScore(input, risk, frequency, reasons),
    reasons,
  };
}
