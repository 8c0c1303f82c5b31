import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@hvar/platform/testing';
import { diffOrderBook, groundTruth } from './ground-truth.js';
import { count } from './harness.js';
import { startSyncStack, type SyncStack } from './sync-stack.js';

const DELIVERIES = 10_000;
let stack: SyncStack;

beforeAll(async () => {
  stack = await startSyncStack({ deliveries: DELIVERIES, pageSize: 200, concurrency: 4 });
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

describe('full sync, then webhooks and an incremental sync (acceptance 1)', () => {
  it('stores every simulated delivery exactly once with every mapped field equal to the ground truth', async () => {
    const run = await stack.runSync('full', 90_000);
    expect(run).toMatchObject({ status: 'completed', pages_total: DELIVERIES / 200, pages_done: DELIVERIES / 200, deliveries_seen: DELIVERIES, deliveries_written: DELIVERIES, deliveries_quarantined: 0, progress: 1 });
    expect(await count(stack.database, 'select count(*) n from sync.orders')).toBe(DELIVERIES);
    expect(await count(stack.database, 'select count(distinct tracking_number) n from sync.orders')).toBe(DELIVERIES);
    expect(await diffOrderBook(stack.database, await groundTruth(stack.sim.url))).toEqual([]);
    // One order-changed batch per page and consumer, never one per delivery.
    expect(await count(stack.database, `select count(*) n from sync.outbox where job_name = 'order-changed'`)).toBe(DELIVERIES / 200); // the classifier's (demo orders are not case deliveries)
  }, 120_000);

  it('follows state changes by webhook, and an incremental sync makes the book equal again', async () => {
    const before = await count(stack.database, 'select count(*) n from sync.webhook_inbox');
    const advanced = (await stack.admin('POST', '/advance', { hours: 30 })) as { transitions: number };
    expect(advanced.transitions).toBeGreaterThan(100);
    await stack.admin('POST', '/webhooks/flush');
    const stats = (await stack.admin('GET', '/stats')) as { webhooks: { sent: number } };
    await waitFor(async () => (await count(stack.database, 'select count(*) n from sync.webhook_inbox')) - before >= stats.webhooks.sent, { timeoutMs: 30_000, message: 'every webhook recorded' });
    await stack.drain();
    expect(await count(stack.database, `select count(*) n from sync.webhook_inbox where outcome = 'applied'`)).toBeGreaterThan(100);
    const run = await stack.runSync('incremental');
    expect(run.status).toBe('completed');
    expect(run.deliveries_seen).toBeLessThan(DELIVERIES);
    expect(await diffOrderBook(stack.database, await groundTruth(stack.sim.url))).toEqual([]);
  }, 90_000);

  it('a second full sync writes nothing (no row written twice)', async () => {
    const outbox = await count(stack.database, 'select count(*) n from sync.outbox');
    const run = await stack.runSync('full', 90_000);
    expect(run).toMatchObject({ status: 'completed', deliveries_written: 0, deliveries_unchanged: DELIVERIES });
    expect(await count(stack.database, 'select count(*) n from sync.outbox')).toBe(outbox);
  }, 120_000);
});
