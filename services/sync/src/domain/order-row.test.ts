import { normalizeDelivery, type Delivery } from '@hvar/bosta';
import { describe, expect, it } from 'vitest';
import { rawDelivery } from '../../test/raw-delivery.js';
import { contentHash, dedupeDeliveries, DELIVERY_COLUMNS, orderRowJson, timelineColumns } from './order-row.js';

function delivery(n: number, over: Partial<Delivery> = {}): Delivery {
  const r = normalizeDelivery(rawDelivery({ n }));
  if (!r.ok) throw new Error(r.reason);
  return { ...r.value, ...over };
}

describe('order rows', () => {
  it('maps every Delivery field but the timeline to a column, plus raw and the content hash', () => {
    const d = delivery(1);
    const built = orderRowJson(d, { raw: true });
    const row = JSON.parse(built.json) as Record<string, unknown>;
    expect(DELIVERY_COLUMNS).not.toContain('timeline');
    for (const c of DELIVERY_COLUMNS) expect(row[c]).toEqual(d[c]);
    expect(row.raw).toEqual({ raw: true });
    expect(row.content_hash).toBe(contentHash(d));
  });

  it('hashes content but not the detail-only fees', () => {
    const d = delivery(1);
    expect(contentHash({ ...d, shipment_fees_piastres: 999 })).toBe(contentHash(d));
    expect(contentHash({ ...d, notes: 'other' })).not.toBe(contentHash(d));
    expect(contentHash({ ...d, timeline: [] })).not.toBe(contentHash(d));
  });

  it('numbers timeline steps by position', () => {
    const columns = timelineColumns([delivery(1), delivery(2)]);
    expect(columns.seq).toEqual([0, 1, 2, 0, 1, 2]);
    expect(columns.order_id).toEqual(['d1', 'd1', 'd1', 'd2', 'd2', 'd2']);
    expect([columns.code, columns.value, columns.at, columns.done].map((c) => c.length)).toEqual([6, 6, 6, 6]);
  });

  it('keeps one copy per delivery (the newer), sorted by id', () => {
    const old = { delivery: delivery(2, { updated_at: '2025-01-01T00:00:00.000Z' }) };
    const newer = { delivery: delivery(2, { updated_at: '2025-02-01T00:00:00.000Z' }) };
    const other = { delivery: delivery(1) };
    expect(dedupeDeliveries([old, other, newer])).toEqual([other, newer]);
    expect(dedupeDeliveries([newer, old])).toEqual([newer]);
  });
});
