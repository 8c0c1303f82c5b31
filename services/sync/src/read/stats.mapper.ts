import { z } from 'zod';
import { OrderStatsSchema, StateAnalysisSchema } from '@hvar/contracts';
import { egp } from './order.mapper.js';
import type { OrderBuckets } from './stats.repo.js';

type Raw = Record<string, unknown>;

const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);
const money = (v: unknown): number => egp(Number(v ?? 0));
const moneyOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : egp(Number(v)));
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string | Date).toISOString());
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** `{ category: count }` of a day (jsonb from the query), sorted by category for a stable answer. */
function categoryCounts(v: unknown): Record<string, number> {
  const parsed = (typeof v === 'string' ? JSON.parse(v) : (v ?? {})) as Record<string, unknown>;
  return Object.fromEntries(Object.keys(parsed).sort().map((k) => [k, num(parsed[k])]));
}

/** Aggregates of `orderTotals` and `orderBuckets` → `OrderStats`. */
export function toStats(t: Raw, b: OrderBuckets): z.infer<typeof OrderStatsSchema> {
  return {
    total_orders: num(t.total_orders), cod_total: money(t.cod_total), cod_average: moneyOrNull(t.cod_average),
    delivered: num(t.delivered), returned: num(t.returned), in_progress: num(t.in_progress), exceptions: num(t.exceptions),
    sla_exceeded: num(t.sla_exceeded), with_product_description: num(t.with_product_description), customers: num(t.customers),
    average_delivery_time_hours: numOrNull(t.average_delivery_time_hours),
    first_created_at: isoOrNull(t.first_created_at), last_created_at: isoOrNull(t.last_created_at), last_synced: isoOrNull(t.last_synced),
    by_state: b.byState.map((r) => ({ state_code: num(r.code), state_value: strOrNull(r.value), count: num(r.count), cod_total: money(r.cod_total) })),
    by_type: b.byType.map((r) => ({ order_type_code: num(r.code), order_type_value: strOrNull(r.value), count: num(r.count), cod_total: money(r.cod_total) })),
    bosta_fees_total: money(t.bosta_fees_total),
    by_service_type: b.byServiceType.map((r) => ({ service_type: String(r.value), count: num(r.count), cod_total: money(r.cod_total) })),
    by_city: b.byCity.map((r) => ({ city: String(r.value), count: num(r.count), cod_total: money(r.cod_total), returned: num(r.returned) })),
    by_day: b.byDay.map((r) => ({
      day: String(r.value), count: num(r.count), cod_total: money(r.cod_total), delivered: num(r.delivered), returned: num(r.returned), in_progress: num(r.in_progress),
      by_category: categoryCounts(r.categories),
    })),
  };
}

/** Rows of `stateAnalysis` → `StateAnalysis` with each state's share of the total. */
export function toStateAnalysis(rows: Raw[]): z.infer<typeof StateAnalysisSchema> {
  const total = rows.reduce((sum, r) => sum + num(r.count), 0);
  return {
    total_orders: total,
    states: rows.map((r) => ({
      state_code: num(r.state_code), state_value: strOrNull(r.state_value), masked_state: strOrNull(r.masked_state),
      count: num(r.count), share: total > 0 ? Math.round((num(r.count) / total) * 10_000) / 10_000 : 0,
      cod_total: money(r.cod_total), cod_average: moneyOrNull(r.cod_average), sla_exceeded: num(r.sla_exceeded),
      average_attempts: numOrNull(r.average_attempts), average_delivery_time_hours: numOrNull(r.average_delivery_time_hours),
      average_hours_in_state: numOrNull(r.average_hours_in_state),
      oldest_state_at: isoOrNull(r.oldest_state_at), newest_state_at: isoOrNull(r.newest_state_at),
    })),
  };
}
