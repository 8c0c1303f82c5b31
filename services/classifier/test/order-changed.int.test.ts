import { OrderClassifiedBatchSchema, classifierQueue, hierarchyQueue, orderClassifiedConsumers, syncQueue, type OrderClassifiedBatch } from '@hvar/contracts';
import type { Database } from '@hvar/platform';
import { waitFor } from '@hvar/platform/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classifyBatch } from '../src/handlers/order-changed.handler.js';
import { batchId, count, openClassifierDb, orderChange, outboxRows, resetClassifier, startQueueStack, tableCounts, testDeps } from './harness.js';

let database: Database;
let deps: ReturnType<typeof testDeps>;

beforeAll(async () => {
  database = await openClassifierDb();
});
beforeEach(async () => {
  await resetClassifier(database);
  deps = testDeps(database);
});
afterAll(async () => {
  await database.close();
});

async function stored(orderId: string) {
  const res = await database.pool.query('select * from classifier.classifications where order_id = $1', [orderId]);
  return res.rows[0] as Record<string, unknown> | undefined;
}

async function history(orderId: string) {
  const res = await database.pool.query('select * from classifier.classification_history where order_id = $1 order by revision', [orderId]);
  return res.rows as Record<string, unknown>[];
}

/** The order-classified batches in the outbox, parsed with the contract (the write path does not use zod). */
async function emitted(): Promise<(OrderClassifiedBatch & { queue: string; id: string })[]> {
  return (await outboxRows(database, 'order-classified')).map((r) => ({ ...OrderClassifiedBatchSchema.parse(r.payload), queue: r.queue, id: r.id }));
}

describe('order-changed', () => {
  it('classifies a batch with v1, records the first classification and emits one valid batch per consumer', async () => {
    const main = orderChange({ cod_piastres: 1_500_00 });
    const pickup = orderChange({ type_code: 25, cod_piastres: -50_00, state_code: 45 });
    const refund = orderChange({ state_code: 46, cod_piastres: -1, delivered_at: null, returned_at: '2026-01-11T08:00:00.000Z' });
    const outcome = await classifyBatch(deps, { batch_id: batchId(), source: 'backfill', orders: [main, pickup, refund] });
    expect(outcome).toMatchObject({ applied: true, result: { rule_set_version: 1, applied: 3, stale: 0, changed: 3, messages: orderClassifiedConsumers.length } });
    expect(deps.kicks).toBe(1);

    expect(await stored(main.order_id)).toMatchObject({ rule_id: 'R1', service_type: 'main', business_category: 'Real Sales Order', order_level: 0, rule_set_version: 1, receiver_phone: '+201001234567', product_name: 'HVAR Heater 2000' });
    expect(await stored(pickup.order_id)).toMatchObject({ rule_id: 'T1', service_type: 'return_pickup' });
    expect(await stored(refund.order_id)).toMatchObject({ rule_id: 'R4', service_type: 'return', cod_piastres: '-1' });
    expect(await history(main.order_id)).toEqual([
      expect.objectContaining({ cause: 'created', from_rule_id: null, to_rule_id: 'R1', to_service_type: 'main', to_rule_set_version: 1, state_code: 45 }),
    ]);

    const batches = await emitted();
    expect(batches.map((b) => b.queue).sort()).toEqual(orderClassifiedConsumers.map((q) => q.name).sort());
    for (const b of batches) {
      expect(b.batch_id).toBe(b.id);
      expect(b.cause).toBe('order-changed');
      expect(b.orders.map((o) => o.order_id).sort()).toEqual([main.order_id, pickup.order_id, refund.order_id].sort());
    }
    const fact = batches[0]?.orders.find((o) => o.order_id === main.order_id);
    expect(fact).toMatchObject({
      tracking_number: main.tracking_number, receiver_phone: main.receiver_phone, state_at: main.state_at, cod_piastres: 1_500_00,
      created_at: main.created_at, product_name: 'HVAR Heater 2000', rule_id: 'R1', service_type: 'main', rule_set_version: 1,
      changed: true, state_changed: false, previous_service_type: null,
    });
    expect(fact?.revision).toBe(Number((await stored(main.order_id))?.revision));
  });

  it('applies a redelivered batch id once: no second write, history row or message', async () => {
    const id = batchId();
    const order = orderChange();
    await classifyBatch(deps, { batch_id: id, source: 'webhook', orders: [order] });
    const before = await tableCounts(database);
    const revision = (await stored(order.order_id))?.revision;
    const again = await classifyBatch(deps, { batch_id: id, source: 'webhook', orders: [{ ...order, state_at: '2026-02-01T00:00:00.000Z', cod_piastres: 9_999_00 }] });
    expect(again).toMatchObject({ applied: false, result: { applied: 1, changed: 1 } });
    expect(await tableCounts(database)).toEqual(before);
    expect((await stored(order.order_id))?.revision).toBe(revision);
  });

  it('re-classifies on a state change, records the change and announces it with a larger revision', async () => {
    const order = orderChange({ state_code: 41, cod_piastres: 600_00, delivered_at: null, state_at: '2026-01-05T10:00:00.000Z' });
    await classifyBatch(deps, { batch_id: batchId(), source: 'backfill', orders: [order] });
    const first = await stored(order.order_id);
    expect(first).toMatchObject({ rule_id: 'R5', service_type: 'operational' });

    const delivered = { ...order, change: 'state_changed' as const, previous_state_code: 41, state_code: 45, state_at: '2026-01-06T10:00:00.000Z', delivered_at: '2026-01-06T10:00:00.000Z' };
    await classifyBatch(deps, { batch_id: batchId(), source: 'webhook', orders: [delivered] });
    const second = await stored(order.order_id);
    expect(second).toMatchObject({ rule_id: 'R1', service_type: 'main', state_code: 45 });
    expect(Number(second?.revision)).toBeGreaterThan(Number(first?.revision));
    expect(await history(order.order_id)).toEqual([
      expect.objectContaining({ cause: 'created', to_rule_id: 'R5' }),
      expect.objectContaining({ cause: 'state_changed', state_code: 45, from_rule_id: 'R5', from_service_type: 'operational', from_rule_set_version: 1, to_rule_id: 'R1', to_service_type: 'main' }),
    ]);
    const last = (await emitted()).at(-1)?.orders[0];
    expect(last).toMatchObject({ order_id: order.order_id, rule_id: 'R1', changed: true, state_changed: true, previous_service_type: 'operational', revision: Number(second?.revision) });
  });

  it('skips a change older than the stored state entirely, and applies the rest of the batch', async () => {
    const order = orderChange({ state_code: 45, cod_piastres: 600_00, state_at: '2026-01-06T10:00:00.000Z' });
    await classifyBatch(deps, { batch_id: batchId(), source: 'webhook', orders: [order] });
    const before = await stored(order.order_id);
    const messagesBefore = (await outboxRows(database)).length;

    const late = { ...order, state_code: 41, delivered_at: null, state_at: '2026-01-05T10:00:00.000Z' };
    const other = orderChange();
    const outcome = await classifyBatch(deps, { batch_id: batchId(), source: 'backfill', orders: [late, other] });
    expect(outcome.result).toMatchObject({ applied: 1, stale: 1 });
    expect(await stored(order.order_id)).toEqual(before);
    expect(await history(order.order_id)).toHaveLength(1);
    const batches = (await emitted()).slice(messagesBefore);
    expect(batches).toHaveLength(orderClassifiedConsumers.length);
    for (const b of batches) expect(b.orders.map((o) => o.order_id)).toEqual([other.order_id]);

    // A batch of nothing but stale changes writes and emits nothing (its inbox row excepted).
    const counts = await tableCounts(database);
    expect((await classifyBatch(deps, { batch_id: batchId(), source: 'backfill', orders: [late] })).result).toMatchObject({ applied: 0, stale: 1, messages: 0 });
    expect(await tableCounts(database)).toEqual({ ...counts, inbox: (counts.inbox ?? 0) + 1 });
  });

  it('on the same state time, the higher sync version wins whichever batch commits first', async () => {
    // Bosta lowered the COD after delivery: sync wrote the order twice in the same state (versions 2, 3).
    const sale = orderChange({ cod_piastres: 1_500_00, sync_version: 2 });
    const repair = { ...sale, change: 'updated' as const, cod_piastres: 300_00, sync_version: 3 };

    // The newer copy's batch commits first; the older one arrives after it and is stale.
    await classifyBatch(deps, { batch_id: batchId(), source: 'webhook', orders: [repair] });
    const messagesBefore = (await outboxRows(database)).length;
    const late = await classifyBatch(deps, { batch_id: batchId(), source: 'backfill', orders: [sale] });
    expect(late.result).toMatchObject({ applied: 0, stale: 1, messages: 0 });
    expect(await stored(sale.order_id)).toMatchObject({ rule_id: 'R2', service_type: 'maintenance', cod_piastres: '30000', sync_version: '3' });
    expect(await history(sale.order_id)).toEqual([expect.objectContaining({ cause: 'created', to_rule_id: 'R2' })]);
    expect(await outboxRows(database)).toHaveLength(messagesBefore);

    // In commit order, the newer copy replaces the older one (and the change is recorded).
    const other = orderChange({ cod_piastres: 1_500_00, sync_version: 2 });
    await classifyBatch(deps, { batch_id: batchId(), source: 'backfill', orders: [other] });
    await classifyBatch(deps, { batch_id: batchId(), source: 'webhook', orders: [{ ...other, change: 'updated', cod_piastres: 300_00, sync_version: 3 }] });
    expect(await stored(other.order_id)).toMatchObject({ rule_id: 'R2', service_type: 'maintenance', sync_version: '3' });
    expect((await history(other.order_id)).map((h) => [h.cause, h.to_rule_id])).toEqual([['created', 'R1'], ['updated', 'R2']]);

    // A redelivered copy of the stored version (same state time, same version) is written again.
    const again = await classifyBatch(deps, { batch_id: batchId(), source: 'webhook', orders: [repair] });
    expect(again.result).toMatchObject({ applied: 1, stale: 0, changed: 0 });
  });

  it('keeps the highest sync version when batches of the same state time run at once', async () => {
    const orders = Array.from({ length: 50 }, () => orderChange({ cod_piastres: 1_500_00 }));
    // Version 4 holds the maintenance COD; versions 1..3 the sale COD, so any older copy winning shows.
    const variants = [4, 1, 3, 2].map((v) => orders.map((o) => ({ ...o, sync_version: v, cod_piastres: v === 4 ? 300_00 : o.cod_piastres + v })));
    const outcomes = await Promise.all(variants.map((v) => classifyBatch(deps, { batch_id: batchId(), source: 'backfill', orders: v })));
    expect(outcomes.every((o) => o.applied)).toBe(true);
    for (const o of orders) expect(await stored(o.order_id)).toMatchObject({ sync_version: '4', cod_piastres: '30000', rule_id: 'R2' });
    expect(await count(database, `select count(*) as n from classifier.classifications where rule_id <> 'R2'`)).toBe(0);
  });

  it('announces an update that keeps the classification without a history row, and takes the latest copy of a duplicated order', async () => {
    const order = orderChange({ cod_piastres: 700_00 });
    await classifyBatch(deps, { batch_id: batchId(), source: 'backfill', orders: [order] });
    const renamed = { ...order, change: 'updated' as const, product_name: 'HVAR Heater 3000' };
    const older = { ...order, state_at: '2026-01-09T00:00:00.000Z', product_name: 'old copy' };
    await classifyBatch(deps, { batch_id: batchId(), source: 'detail', orders: [renamed, older] });
    expect(await stored(order.order_id)).toMatchObject({ product_name: 'HVAR Heater 3000', rule_id: 'R1' });
    expect(await history(order.order_id)).toHaveLength(1);
    const last = (await emitted()).at(-1);
    expect(last?.orders).toHaveLength(1);
    expect(last?.orders[0]).toMatchObject({ product_name: 'HVAR Heater 3000', changed: false, state_changed: false, previous_service_type: 'main' });
  });

  it('keeps revisions strictly growing per order when batches for the same new orders run at once', async () => {
    const orders = Array.from({ length: 50 }, (_, i) => orderChange({ cod_piastres: i * 100_00 }));
    const variants = [0, 1, 2, 3].map((k) => orders.map((o) => ({ ...o, state_at: `2026-01-10T10:00:0${k}.000Z`, cod_piastres: o.cod_piastres + k })));
    const outcomes = await Promise.all(variants.map((v) => classifyBatch(deps, { batch_id: batchId(), source: 'webhook', orders: v })));
    expect(outcomes.every((o) => o.applied)).toBe(true);
    // Whatever the interleaving, the stored row is the latest state and its revision the largest announced.
    for (const o of orders) {
      const row = await stored(o.order_id);
      expect(row?.cod_piastres).toBe(String(o.cod_piastres + 3));
      const announced = (await emitted()).flatMap((b) => b.orders).filter((f) => f.order_id === o.order_id).map((f) => f.revision);
      expect(Math.max(...announced)).toBe(Number(row?.revision));
    }
    const firsts = await count(database, "select count(*) as n from classifier.classification_history where cause = 'created'");
    expect(firsts).toBe(50);
  });
});

describe('order-changed through BullMQ', () => {
  it('a job on the classifier queue ends as order-classified jobs on the hierarchy and sync queues', async () => {
    const stack = await startQueueStack(database);
    try {
      const order = orderChange({ cod_piastres: 0 });
      await stack.classifier.add('order-changed', { batch_id: 'bullmq-batch-1', source: 'webhook', orders: [order] }, { jobId: 'bullmq-batch-1' });
      const hierarchy = stack.producers.get(hierarchyQueue.name)?.queue;
      const jobs = await waitFor(async () => {
        const found = await hierarchy?.getJobs(['waiting']);
        return found && found.length > 0 ? found : undefined;
      }, { message: 'order-classified on the hierarchy queue' });
      expect(jobs[0]?.name).toBe('order-classified');
      const payload = OrderClassifiedBatchSchema.parse(jobs[0]?.data);
      expect(jobs[0]?.id).toBe(payload.batch_id);
      expect(payload.orders).toEqual([expect.objectContaining({ order_id: order.order_id, rule_id: 'R3', service_type: 'service' })]);
      expect(await stack.producers.get(syncQueue.name)?.queue.getJobCounts('waiting')).toMatchObject({ waiting: 1 });
    } finally {
      await stack.close();
    }
  });

  it('an entry queued before versions existed (no sync_version) counts as version 0: older than any versioned write', async () => {
    const versioned = orderChange({ sync_version: 2, cod_piastres: 30_000 });
    await classifyBatch(testDeps(database), { batch_id: 'versioned', source: 'incremental', orders: [versioned] });
    const { sync_version: _dropped, ...legacy } = { ...versioned, cod_piastres: 150_000 };
    const parsed = classifierQueue.jobs['order-changed'].payload.parse({ batch_id: 'legacy', source: 'backfill', orders: [legacy] });
    expect(parsed.orders[0]?.sync_version).toBe(0);
    await classifyBatch(testDeps(database), parsed);
    const { rows } = await database.pool.query<{ service_type: string; sync_version: string }>('select service_type, sync_version from classifier.classifications where order_id = $1', [versioned.order_id]);
    expect(rows[0]).toEqual({ service_type: 'maintenance', sync_version: '2' });
  });

  it('an invalid batch fails for good and writes nothing', async () => {
    const stack = await startQueueStack(database);
    try {
      const before = await tableCounts(database);
      const bad = { ...orderChange(), receiver_phone: '01001234567', cod_piastres: 10.5, sync_version: -1 };
      // Bypass the producer's parse, as a foreign or corrupted producer would.
      const job = await stack.classifier.queue.add('order-changed', { batch_id: 'bad-batch', source: 'webhook', orders: [bad] });
      const failed = await waitFor(async () => ((await job.isFailed()) ? await stack.classifier.queue.getJob(job.id ?? '') : undefined), { message: 'job failed' });
      expect(failed.failedReason).toMatch(/invalid_data/);
      expect(failed.failedReason).toMatch(/receiver_phone/);
      expect(failed.failedReason).toMatch(/cod_piastres/);
      expect(failed.failedReason).toMatch(/sync_version/);
      expect(failed.attemptsMade).toBe(1);
      expect(await tableCounts(database)).toEqual(before);
    } finally {
      await stack.close();
    }
  });
});
