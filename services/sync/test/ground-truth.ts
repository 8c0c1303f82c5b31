import { normalizeDelivery, type Delivery } from '@hvar/bosta';
import type { Database } from '@hvar/platform';
import { DELIVERY_COLUMNS } from '../src/domain/order-row.js';

/** Detail-only (search copies carry no fees): not compared after a search-based sync. */
const NOT_COMPARED = new Set(['shipment_fees_piastres']);

/** The simulator's ground truth (`GET /__sim/export`), normalized like the sync does. */
export async function groundTruth(simUrl: string): Promise<Map<string, Delivery>> {
  const text = await (await fetch(`${simUrl}/__sim/export`)).text();
  const out = new Map<string, Delivery>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const result = normalizeDelivery(JSON.parse(line));
    // The truth must be complete: a simulator object we cannot read is a failure, not a skip.
    if (!result.ok) throw new Error(`ground truth does not normalize: ${result.reason}`);
    out.set(result.value.id, result.value);
  }
  return out;
}

function same(expected: unknown, actual: unknown): boolean {
  if (expected === null || actual === null) return expected === actual;
  if (typeof expected === 'number') return Number(actual) === expected;
  if (typeof expected === 'string' && /^\d{4}-\d\d-\d\dT/.test(expected)) return typeof actual === 'string' && Date.parse(expected) === Date.parse(actual);
  return expected === actual;
}

/**
 * Differences between the order book and the truth: missing or extra orders, every mapped field,
 * and the REST timeline step by step. Empty when they are equal.
 */
export async function diffOrderBook(database: Database, truth: Map<string, Delivery>, limit = 20): Promise<string[]> {
  const diffs: string[] = [];
  const rows = (await database.pool.query<{ o: Record<string, unknown> }>("select to_jsonb(o) - 'raw' as o from sync.orders o")).rows.map((r) => r.o);
  const steps = await database.pool.query<{ order_id: string; seq: number; code: number | null; value: string; at: Date | null; done: boolean }>(
    `select order_id, seq, code, value, at, done from sync.timeline_events where source = 'rest' order by order_id, seq`,
  );
  const timelines = new Map<string, typeof steps.rows>();
  for (const s of steps.rows) timelines.set(s.order_id, [...(timelines.get(s.order_id) ?? []), s]);
  if (rows.length !== truth.size) diffs.push(`order book has ${rows.length} orders, truth ${truth.size}`);
  for (const row of rows) {
    const expected = truth.get(String(row.id));
    if (!expected) {
      diffs.push(`extra order ${String(row.id)}`);
      continue;
    }
    for (const column of DELIVERY_COLUMNS) {
      if (NOT_COMPARED.has(column)) continue;
      if (!same(expected[column], row[column])) diffs.push(`${expected.tracking_number}.${column}: expected ${JSON.stringify(expected[column])}, got ${JSON.stringify(row[column])}`);
    }
    const timeline = (timelines.get(expected.id) ?? []).map((s) => ({ code: s.code, value: s.value, at: s.at?.toISOString() ?? null, done: s.done }));
    if (JSON.stringify(timeline) !== JSON.stringify(expected.timeline)) diffs.push(`${expected.tracking_number}.timeline differs`);
    if (diffs.length >= limit) break;
  }
  return diffs;
}
