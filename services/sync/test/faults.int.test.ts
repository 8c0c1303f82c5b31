import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffOrderBook, groundTruth } from './ground-truth.js';
import { count } from './harness.js';
import { recordOrderHistory } from './history.js';
import { startSyncStack, type SyncStack } from './sync-stack.js';

const DELIVERIES = 1_000;
let stack: SyncStack;
let history: Awaited<ReturnType<typeof recordOrderHistory>>;

beforeAll(async () => {
  stack = await startSyncStack({ deliveries: DELIVERIES, pageSize: 100, concurrency: 4, seed: 11 });
  history = await recordOrderHistory(stack.database);
}, 60_000);
afterAll(async () => {
  await history?.drop();
  await stack?.close();
});

async function forEachBatch<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

/** Flush answers once every held webhook was delivered (the endpoint enqueues before answering); then drain. */
async function webhooksSettled(): Promise<void> {
  await stack.admin('POST', '/webhooks/flush');
  await stack.drain();
}

describe('faults: 429/5xx, duplicated, reordered and dropped webhooks (acceptance 2)', () => {
  it('converges to the ground truth after the next incremental sync, with no regression and no row written twice', async () => {
    await stack.admin('PUT', '/faults', { rate429: 0.2, rate5xx: 0.05, webhookDuplicate: 0.1, webhookReorder: 0.1, webhookDrop: 0.05, seed: 3 });
    const full = await stack.runSync('full');
    expect(full).toMatchObject({ status: 'completed', deliveries_seen: DELIVERIES, deliveries_written: DELIVERIES });
    // Demo data is mostly settled history: drive state changes on 120 deliveries, plus natural ones.
    const moved = (await stack.database.pool.query<{ tracking_number: string }>('select tracking_number from sync.orders order by id limit 120')).rows.map((r) => r.tracking_number);
    for (const state of [47, 45]) {
      await stack.admin('POST', '/advance', { minutes: 5 });
      await forEachBatch(moved, 20, (tn) => stack.admin('POST', `/deliveries/${tn}/state`, { state, ...(state === 47 ? { exceptionReason: 'Customer is not answering.', exceptionCode: 7 } : {}) }));
      await stack.admin('POST', '/advance', { hours: 10 });
      await webhooksSettled();
      const run = await stack.runSync('incremental');
      expect(run.status).toBe('completed');
      expect(await diffOrderBook(stack.database, await groundTruth(stack.sim.url))).toEqual([]);
    }
    // Two changes of one delivery in quick succession, so a held (reordered) webhook arrives after a
    // newer one of the same delivery: it must be recorded as stale and change nothing.
    const pairs = moved.slice(0, 80);
    await stack.admin('POST', '/advance', { minutes: 5 });
    for (const tn of pairs) {
      await stack.admin('POST', `/deliveries/${tn}/state`, { state: 47, exceptionReason: 'Customer is not answering.', exceptionCode: 7, hold: true });
      await stack.admin('POST', '/advance', { ms: 1_000 });
      await stack.admin('POST', `/deliveries/${tn}/state`, { state: 46, hold: true });
    }
    await webhooksSettled();
    expect(await count(stack.database, `select count(*) n from sync.webhook_inbox where outcome = 'stale'`)).toBeGreaterThan(0);
    expect((await stack.runSync('incremental')).status).toBe('completed');
    expect(await diffOrderBook(stack.database, await groundTruth(stack.sim.url))).toEqual([]);
    const stats = (await stack.admin('GET', '/stats')) as { webhooks: { dropped: number; duplicated: number; reordered: number }; faultsInjected: number };
    expect(stats.webhooks.duplicated).toBeGreaterThan(0);
    expect(stats.webhooks.dropped).toBeGreaterThan(0);
    expect(stats.webhooks.reordered).toBeGreaterThan(0);
    expect(stats.faultsInjected).toBeGreaterThan(0);
    expect(await history.updates()).toBeGreaterThan(0);
    expect(await history.regressions()).toBe(0);
    expect(await history.identicalWrites()).toBe(0);
    // Duplicates were recorded once; the stale ones changed nothing.
    expect(await count(stack.database, 'select count(*) n from (select tracking_number, state_code, event_at from sync.webhook_inbox group by 1, 2, 3 having count(*) > 1) d')).toBe(0);
    const applied = await count(stack.database, `select count(*) n from sync.webhook_inbox where outcome = 'applied'`);
    expect(applied).toBeGreaterThan(0);
    // Webhook changes leave in batches, not one order-changed job per webhook.
    const batches = await count(stack.database, `select count(*) n from sync.outbox where queue = 'classifier' and payload->>'source' = 'webhook'`);
    expect(batches).toBeGreaterThan(0);
    expect(batches).toBeLessThan(applied / 2);
  }, 90_000);
});
