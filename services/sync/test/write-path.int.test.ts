import { orderChangedConsumers, orderChangedRoutes } from '@hvar/contracts';
import { normalizeWebhook } from '@hvar/bosta';
import type { Database } from '@hvar/platform';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeBatch } from '../src/db/write/page-write.js';
import { flushPendingChanges } from '../src/db/write/pending-changes.js';
import { applyWebhook } from '../src/db/write/webhook-write.js';
import { count, normalized, openSyncDb, resetSyncTables } from './harness.js';
import { rawDelivery } from './raw-delivery.js';

let database: Database;
beforeAll(async () => {
  database = await openSyncDb();
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  await resetSyncTables(database);
});

const batch = (raws: unknown[], extra: Partial<Parameters<typeof writeBatch>[1]> = {}) =>
  writeBatch(database.pool, { source: 'backfill', deliveries: raws.map(normalized), quarantined: [], seen: raws.length, detailCalls: 0, errors: [], ...extra });

function webhook(body: Record<string, unknown>) {
  const event = normalizeWebhook(body);
  if (!event.ok) throw new Error(event.reason);
  return applyWebhook(database.pool, event.value, body, new Date().toISOString());
}

/** A webhook body of delivery d20 (override `_id` and `trackingNumber` for another). */
const body = (state: number, at: string, extra: Record<string, unknown> = {}) => ({
  _id: 'd20', trackingNumber: 50_000_020, state, type: 'SEND', timeStamp: Date.parse(at), ...extra,
});

/** The read model's hierarchy status of every order, by order id. */
const hierarchyStatuses = async (): Promise<string[]> =>
  (await database.pool.query<{ hierarchy_status: string }>('select hierarchy_status from sync.order_facts order by order_id')).rows.map((r) => r.hierarchy_status);

describe('batch write', () => {
  it('writes orders, timelines and one order-changed message per consumer that accepts them; an identical copy writes nothing', async () => {
    const raws = Array.from({ length: 50 }, (_, i) => rawDelivery({ n: i, steps: 4 }));
    const first = await batch(raws);
    expect(first).toMatchObject({ committed: true, written: 50, unchanged: 0 });
    expect(first.changes.every((c) => c.change === 'created')).toBe(true);
    expect(await count(database, 'select count(*) n from sync.orders')).toBe(50);
    expect(await count(database, 'select count(*) n from sync.timeline_events')).toBe(200);
    // Every new order gets its read-model row, unlinked.
    expect(await count(database, `select count(*) n from sync.orders o join sync.order_facts f on f.order_id = o.id where f.hierarchy_status = 'unlinked'`)).toBe(50);
    const outbox = await database.pool.query<{ queue: string; payload: { batch_id: string; orders: unknown[] }; id: string }>('select * from sync.outbox');
    // Ordinary orders go to the classifier only: the returns queue takes the deliveries created for cases.
    expect(outbox.rows.map((r) => r.queue)).toEqual(['classifier']);
    for (const row of outbox.rows) {
      expect(row.payload.batch_id).toBe(row.id);
      expect(row.payload.orders).toHaveLength(50);
    }
    const again = await batch(raws);
    expect(again).toMatchObject({ written: 0, unchanged: 50, changes: [] });
    expect(await count(database, 'select count(*) n from sync.outbox')).toBe(1);
  });

  it('routes the deliveries created for cases (reference SA-...) to the returns queue as well, and only them', async () => {
    expect(orderChangedConsumers.map((c) => c.name)).toEqual(['classifier', 'returns']);
    const raws = Array.from({ length: 6 }, (_, i) => ({ ...rawDelivery({ n: 100 + i, steps: 2 }), uniqueBusinessReference: i < 2 ? `SA-2026-00000${i + 1}-P1` : `shop-${i}` }));
    await batch(raws);
    const outbox = await database.pool.query<{ queue: string; payload: { orders: { unique_business_reference: string | null }[] } }>('select queue, payload from sync.outbox order by queue');
    expect(outbox.rows.map((r) => [r.queue, r.payload.orders.length])).toEqual([['classifier', 6], ['returns', 2]]);
    expect(outbox.rows[1]?.payload.orders.map((o) => o.unique_business_reference)).toEqual(['SA-2026-000001-P1', 'SA-2026-000002-P1']);
    expect(orderChangedRoutes.find((r) => r.queue.name === 'returns')?.accepts({ unique_business_reference: null } as never)).toBe(false);
  });

  it('never lets an older copy overwrite a newer state; a newer one is a state change', async () => {
    await batch([rawDelivery({ n: 1, state: 41, stateAt: '2025-08-15T10:00:00.000Z' })]);
    const older = await batch([rawDelivery({ n: 1, state: 30, stateAt: '2025-08-14T10:00:00.000Z' })]);
    expect(older.written).toBe(0);
    expect(await hierarchyStatuses()).toEqual(['unlinked']);
    const newer = await batch([rawDelivery({ n: 1, state: 45, stateAt: '2025-08-16T10:00:00.000Z' })]);
    expect(newer.changes).toEqual([expect.objectContaining({ change: 'state_changed', previous_state_code: 41, state_code: 45 })]);
    const row = await database.pool.query<{ state_code: number; last_state_change_at: Date }>('select state_code, last_state_change_at from sync.orders');
    expect(row.rows[0]).toEqual({ state_code: 45, last_state_change_at: new Date('2025-08-16T10:00:00.000Z') });
    expect(await hierarchyStatuses()).toEqual(['pending_review']);
  });

  it('a late copy of an earlier visit of the same state changes nothing (states repeat: 41, 47, 41)', async () => {
    // Second delivery attempt, 41 again: Bosta's updatedAt and the state time are later, more steps.
    await batch([rawDelivery({ n: 3, state: 41, stateAt: '2025-08-17T10:00:00.000Z', steps: 7 })]);
    // A page fetched before that (first attempt), written late (backoff, detail calls).
    const stale = await batch([rawDelivery({ n: 3, state: 41, stateAt: '2025-08-15T10:00:00.000Z', steps: 5 })]);
    expect(stale).toMatchObject({ written: 0, unchanged: 1 });
    const row = await database.pool.query('select state_at, rest_updated_at from sync.orders');
    expect(row.rows[0]).toEqual({ state_at: new Date('2025-08-17T10:00:00.000Z'), rest_updated_at: new Date('2025-08-17T10:00:00.000Z') });
    // The newer timeline is not trimmed by the stale copy.
    expect(await count(database, 'select count(*) n from sync.timeline_events')).toBe(7);
    // A late webhook for the exception in between (older than the stored state) is stale too.
    await webhook({ ...body(47, '2025-08-16T10:00:00.000Z'), _id: 'd3', trackingNumber: 50_000_003 });
    expect((await database.pool.query('select state_code from sync.orders')).rows[0]).toEqual({ state_code: 41 });
  });

  it('keeps detail-only shipment fees when a search copy has none', async () => {
    await batch([rawDelivery({ n: 2, fees: 63.95 })], { source: 'detail' });
    const search = await batch([rawDelivery({ n: 2 })]);
    expect(search.written).toBe(0);
    expect(await count(database, 'select shipment_fees_piastres n from sync.orders')).toBe(6395);
  });

  it('quarantines what fails with its reason, applies the rest, resolves it when a good copy comes', async () => {
    const res = await batch([rawDelivery({ n: 3 })], {
      quarantined: [{ sourceKey: '50000004', source: 'search', reason: 'receiver.phone: not an Egyptian mobile', raw: { trackingNumber: '50000004' } }],
      seen: 2,
      run: undefined,
    });
    expect(res).toMatchObject({ written: 1, quarantined: 1 });
    const q = await database.pool.query<{ reason: string; resolved_at: Date | null }>('select reason, resolved_at from sync.quarantine');
    expect(q.rows).toEqual([{ reason: 'receiver.phone: not an Egyptian mobile', resolved_at: null }]);
    await batch([rawDelivery({ n: 4 })]);
    expect(await count(database, 'select count(*) n from sync.quarantine where resolved_at is not null')).toBe(1);
  });

  it('moves the row version with every write (1 on insert, +1 on update, not on an unchanged copy) and sends it', async () => {
    const first = await batch([rawDelivery({ n: 5, state: 41, stateAt: '2025-08-15T10:00:00.000Z' })]);
    expect(first.changes).toEqual([expect.objectContaining({ change: 'created', sync_version: 1 })]);
    expect((await batch([rawDelivery({ n: 5, state: 41, stateAt: '2025-08-15T10:00:00.000Z' })])).written).toBe(0);
    const later = await batch([rawDelivery({ n: 5, state: 41, stateAt: '2025-08-15T10:00:00.000Z', updatedAt: '2025-08-15T11:00:00.000Z' })]);
    expect(later.changes).toEqual([expect.objectContaining({ change: 'updated', sync_version: 2 })]);
    // A stale copy is not written and does not move the version.
    expect((await batch([rawDelivery({ n: 5, state: 30, stateAt: '2025-08-14T10:00:00.000Z' })])).written).toBe(0);
    expect(await count(database, 'select version n from sync.orders')).toBe(2);
    const outbox = await database.pool.query<{ v: number[] }>(
      `select array_agg((payload->'orders'->0->>'sync_version')::int order by created_at, id) v from sync.outbox where queue = 'classifier'`,
    );
    expect(outbox.rows[0]?.v).toEqual([1, 2]);
  });

  it('records a run page once and moves the run counters in the same transaction', async () => {
    const run = await database.pool.query<{ id: string }>(`insert into sync.runs (mode, status, requested_by, page_size) values ('full', 'running', 't', 200) returning id`);
    const id = run.rows[0]?.id ?? '';
    const raws = [rawDelivery({ n: 10 }), rawDelivery({ n: 11 })];
    expect((await batch(raws, { run: { id, page: 1, activeMs: 100 } })).committed).toBe(true);
    expect((await batch(raws, { run: { id, page: 1, activeMs: 100 } })).committed).toBe(false);
    const row = await database.pool.query('select pages_done, deliveries_seen, deliveries_written, active_ms from sync.runs');
    expect(row.rows[0]).toEqual({ pages_done: 1, deliveries_seen: 2, deliveries_written: 2, active_ms: '100' });
  });
});

describe('webhooks', () => {

  it('applies a newer event forward-only, ignores duplicates and older events', async () => {
    await batch([rawDelivery({ n: 20, state: 41, stateAt: '2025-08-15T10:00:00.000Z' })]);
    await database.pool.query('truncate sync.outbox');
    const delivered = body(45, '2025-08-16T10:00:00.000Z', { cod: 1300, isConfirmedDelivery: true });
    expect((await webhook(delivered)).outcome).toBe('applied');
    expect((await webhook(delivered)).outcome).toBe('duplicate');
    expect((await webhook(body(47, '2025-08-15T12:00:00.000Z', { exceptionReason: 'x', exceptionCode: 7 }))).outcome).toBe('stale');
    const row = await database.pool.query('select state_code, cod_piastres, is_confirmed_delivery, exception_code, content_hash from sync.orders');
    expect(row.rows[0]).toEqual({ state_code: 45, cod_piastres: '130000', is_confirmed_delivery: true, exception_code: null, content_hash: null });
    expect(await hierarchyStatuses()).toEqual(['pending_review']);
    expect(await count(database, `select count(*) n from sync.timeline_events where source = 'webhook'`)).toBe(1);
    expect(await count(database, `select count(*) n from sync.pending_changes`)).toBe(1);
    expect(await count(database, `select count(*) n from sync.outbox`)).toBe(0);
    const outcomes = await database.pool.query('select outcome from sync.webhook_inbox order by id');
    expect(outcomes.rows.map((r: { outcome: string }) => r.outcome)).toEqual(['applied', 'stale']);
  });

  it('announces webhook changes in one batched order-changed message per consumer, once', async () => {
    await batch([20, 22, 23].map((n) => rawDelivery({ n, state: 41, stateAt: '2025-08-15T10:00:00.000Z' })));
    await database.pool.query('truncate sync.outbox');
    for (const n of [20, 22, 23]) await webhook({ ...body(47, '2025-08-16T10:00:00.000Z'), _id: `d${n}`, trackingNumber: 50_000_000 + n });
    await webhook({ ...body(45, '2025-08-17T10:00:00.000Z', { cod: 1250 }), _id: 'd22', trackingNumber: 50_000_022 });
    expect(await flushPendingChanges(database.pool)).toBe(3);
    expect(await flushPendingChanges(database.pool)).toBe(0);
    const rows = await database.pool.query<{ queue: string; payload: { source: string; orders: { tracking_number: string; change: string; previous_state_code: number; state_code: number; sync_version: number }[] } }>(
      'select queue, payload from sync.outbox order by queue',
    );
    expect(rows.rows.map((r) => r.queue)).toEqual(['classifier']);
    const orders = rows.rows[0]?.payload.orders ?? [];
    expect(rows.rows[0]?.payload.source).toBe('webhook');
    // Row versions: 1 from the page, +1 per applied webhook (d22 had two).
    expect(Object.fromEntries(orders.map((o) => [o.tracking_number, o.sync_version]))).toEqual({ '50000020': 2, '50000022': 3, '50000023': 2 });
    expect(orders.find((o) => o.tracking_number === '50000022')).toMatchObject({ change: 'state_changed', previous_state_code: 41, state_code: 45 });
    expect(orders).toHaveLength(3);
  });

  it('a flush sends the values and version current at flush time, after a page write that came in between', async () => {
    await batch([rawDelivery({ n: 25, state: 41, stateAt: '2025-08-15T10:00:00.000Z' })]);
    await webhook({ ...body(45, '2025-08-16T10:00:00.000Z', { cod: 900 }), _id: 'd25', trackingNumber: 50_000_025 });
    const rest = await batch([rawDelivery({ n: 25, state: 45, stateAt: '2025-08-16T10:00:00.000Z' })]);
    expect(rest.changes).toEqual([expect.objectContaining({ sync_version: 3, cod_piastres: 1250_00 })]);
    await database.pool.query('truncate sync.outbox');
    expect(await flushPendingChanges(database.pool)).toBe(1);
    const flushed = await database.pool.query<{ o: { sync_version: number; cod_piastres: number } }>(
      `select payload->'orders'->0 o from sync.outbox where queue = 'classifier'`,
    );
    // Not the webhook's version 2 with its COD: the row as it is now.
    expect(flushed.rows[0]?.o).toMatchObject({ sync_version: 3, cod_piastres: 1250_00 });
  });

  it('queues a detail fetch for an unknown delivery through the outbox', async () => {
    expect((await webhook(body(21, '2025-08-15T10:00:00.000Z'))).outcome).toBe('unknown_delivery');
    const rows = await database.pool.query<{ queue: string; job_name: string; payload: unknown }>('select queue, job_name, payload from sync.outbox');
    expect(rows.rows).toEqual([{ queue: 'sync', job_name: 'refresh-details', payload: { tracking_numbers: ['50000020'], reason: 'webhook for an unknown delivery' } }]);
  });

  it('a REST copy of the state a webhook set is applied even when its state time is a little earlier', async () => {
    await batch([rawDelivery({ n: 24, state: 41, stateAt: '2025-08-15T10:00:00.000Z' })]);
    await webhook({ ...body(45, '2025-08-16T10:00:00.500Z'), _id: 'd24', trackingNumber: 50_000_024 });
    const rest = await batch([rawDelivery({ n: 24, state: 45, stateAt: '2025-08-16T10:00:00.000Z' })]);
    expect(rest.written).toBe(1);
    // Its entry carries the stored (webhook's) state time and a larger version than the webhook's
    // entry: a consumer ordering entries by (state_at, sync_version) keeps the full REST data.
    expect(rest.changes).toEqual([expect.objectContaining({ state_at: '2025-08-16T10:00:00.500Z', sync_version: 3 })]);
    const row = await database.pool.query('select state_code, state_at, state_value, content_hash is not null as full from sync.orders');
    // The state time never steps back: the webhook's (later) time of the same state is kept.
    expect(row.rows[0]).toEqual({ state_code: 45, state_at: new Date('2025-08-16T10:00:00.500Z'), state_value: 'Picked up', full: true });
    // An older copy with another state still changes nothing.
    expect((await batch([rawDelivery({ n: 24, state: 41, stateAt: '2025-08-15T10:00:00.000Z' })])).written).toBe(0);
  });

  it('a REST copy of the same state after a webhook rewrites the row with the full data', async () => {
    await batch([rawDelivery({ n: 21, state: 41, stateAt: '2025-08-15T10:00:00.000Z' })]);
    await webhook({ ...body(45, '2025-08-16T10:00:00.000Z'), _id: 'd21', trackingNumber: 50_000_021 });
    const rest = await batch([rawDelivery({ n: 21, state: 45, stateAt: '2025-08-16T10:00:00.000Z' })]);
    expect(rest.changes).toEqual([expect.objectContaining({ change: 'updated', state_code: 45 })]);
    expect(await count(database, `select count(*) n from sync.orders where content_hash is not null`)).toBe(1);
  });
});
