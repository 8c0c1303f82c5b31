import type { SyncRun } from '@hvar/contracts';
import { createBostaClient } from '@hvar/bosta';
import { waitFor } from '@hvar/platform/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { getCityByName, getDistricts } from '../../bosta-sim/src/demo/geography.js';
import { recoverRuns } from '../src/runs/schedule.js';
import { count } from './harness.js';
import { startSyncStack, type SyncStack } from './sync-stack.js';

let stack: SyncStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function startRun(s: SyncStack, mode: 'full' | 'incremental'): Promise<SyncRun> {
  const job = await s.queue.add('start-run', { mode, requested_by: 'test' });
  await waitFor(async () => (await job.getState()) === 'completed', { message: 'start-run completed' });
  return (await s.queue.queue.getJob(job.id ?? ''))?.returnvalue as SyncRun;
}

describe('runs', () => {
  it('allows one full run at a time: a second request returns the active run', async () => {
    stack = await startSyncStack({ deliveries: 400, pageSize: 100 });
    const s = stack;
    const [a, b] = await Promise.all([startRun(s, 'full'), startRun(s, 'full')]);
    expect(a.id).toBe(b.id);
    expect(a.mode).toBe('full');
    await waitFor(async () => (await count(s.database, `select count(*) n from sync.runs where status = 'completed'`)) === 1, { timeoutMs: 20_000 });
    expect(await count(s.database, 'select count(*) n from sync.runs')).toBe(1);
    expect(await count(s.database, 'select count(*) n from sync.orders')).toBe(400);
    // Finished: the next request is a new run; and it writes nothing new.
    const next = await s.runSync('full');
    expect(next.id).not.toBe(a.id);
    expect(next).toMatchObject({ deliveries_written: 0, deliveries_unchanged: 400 });
  });

  it('the incremental tick starts a run only when none is active, from the last cursor minus the overlap', async () => {
    stack = await startSyncStack({ deliveries: 200, pageSize: 100 });
    const s = stack;
    // Before any completed run there is no cursor: the tick leaves the work to a full sync.
    const idle = await s.queue.add('incremental-tick', {});
    await waitFor(async () => (await idle.getState()) === 'completed');
    expect(await count(s.database, 'select count(*) n from sync.runs')).toBe(0);
    const full = await s.runSync('full');
    await s.queue.add('incremental-tick', {});
    const run = await waitFor(async () => (await s.database.pool.query<{ cursor_from: Date; status: string }>(`select cursor_from, status from sync.runs where mode = 'incremental' and status = 'completed'`)).rows[0], { timeoutMs: 20_000, message: 'incremental run completed' });
    expect(run.cursor_from.getTime()).toBe(Date.parse(full.cursor_to ?? '') - 600_000);
    // With a run active, a tick starts no other run; an active run that lost its job (a crash
    // between creating the run and queueing it) gets it back and completes.
    const orphan = await s.database.pool.query<{ id: string }>(`insert into sync.runs (mode, status, requested_by, page_size) values ('full', 'running', 'test', 100) returning id`);
    const orphanId = orphan.rows[0]?.id ?? '';
    expect(await s.queue.queue.getJob(orphanId)).toBeUndefined();
    const tick = await s.queue.add('incremental-tick', {});
    await waitFor(async () => (await tick.getState()) === 'completed');
    expect(await count(s.database, `select count(*) n from sync.runs where mode = 'incremental'`)).toBe(1);
    await waitFor(async () => (await count(s.database, `select count(*) n from sync.runs where id = '${orphanId}' and status = 'completed'`)) === 1, { timeoutMs: 20_000, message: 'orphaned run resumed' });
  });

  it('after a full sync of an account that was empty then (no cursor), the tick still runs incremental syncs: a delivery whose webhooks were dropped arrives', async () => {
    stack = await startSyncStack({ deliveries: 0 });
    const s = stack;
    const full = await s.runSync('full');
    expect(full).toMatchObject({ status: 'completed', cursor_to: null });
    await s.admin('PUT', '/faults', { webhookDrop: 1 });
    const bosta = createBostaClient({ baseUrl: s.sim.apiBase, apiKey: s.apiKey });
    const created = await bosta.createDelivery({
      type: 10, cod: 250, receiver: { firstName: 'Mona', lastName: 'Adel', phone: '+201001234567' },
      dropOffAddress: { city: 'Cairo', districtId: getDistricts(getCityByName('Cairo')?._id ?? '')[0]?.districtId, firstLine: '12 Abbas El Akkad St' }, uniqueBusinessReference: 'empty-account-then-a-sale',
    } as never);
    await s.admin('POST', `/deliveries/${created.trackingNumber}/state`, { state: 21 });
    await s.queue.add('incremental-tick', {});
    await waitFor(async () => (await count(s.database, 'select count(*) n from sync.orders where tracking_number = $1 and state_code = 21', [created.trackingNumber])) === 1, {
      timeoutMs: 20_000, message: 'the delivery synced by an incremental run',
    });
    expect(await count(s.database, `select count(*) n from sync.runs where mode = 'incremental' and status = 'completed' and cursor_from is null`)).toBe(1);
  });

  it('queues a full sync on first start only (empty book, no completed full run)', async () => {
    stack = await startSyncStack({ deliveries: 100, pageSize: 100, worker: true });
    const s = stack;
    const deps = s.deps;
    if (!deps) throw new Error('in-process worker expected');
    await s.queue.queue.pause();
    await recoverRuns(deps, { fullOnFirstStart: true });
    await recoverRuns(deps, { fullOnFirstStart: true });
    const runs = await s.database.pool.query<{ id: string; requested_by: string }>(`select id, requested_by from sync.runs`);
    expect(runs.rows).toEqual([{ id: expect.any(String) as unknown, requested_by: 'first-start' }]);
    expect(await s.queue.queue.getJob(runs.rows[0]?.id ?? '')).toBeTruthy();
    await s.queue.queue.resume();
    await waitFor(async () => (await count(s.database, `select count(*) n from sync.runs where status = 'completed'`)) === 1, { timeoutMs: 20_000 });
    await recoverRuns(deps, { fullOnFirstStart: true });
    expect(await count(s.database, 'select count(*) n from sync.runs')).toBe(1);
  });

  it('fails a run for good on a bad Bosta key (401), with the error on the run', async () => {
    stack = await startSyncStack({ deliveries: 50, bostaKey: 'wrong-key-0123456789' });
    const run = await stack.runSync('full');
    expect(run.status).toBe('failed');
    expect(run.last_error).toMatch(/401/);
    const failed = await stack.queue.queue.getJob(run.id);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toContain('unauthorized');
    expect(await count(stack.database, 'select count(*) n from sync.orders')).toBe(0);
  });

  it('fetches a delivery in full when a webhook names one the book does not know', async () => {
    stack = await startSyncStack({ deliveries: 20 });
    const s = stack;
    const line = (await (await fetch(`${s.sim.url}/__sim/export`)).text()).split('\n')[0] ?? '{}';
    const tn = String((JSON.parse(line) as { trackingNumber: unknown }).trackingNumber);
    await s.admin('POST', `/deliveries/${tn}/state`, { state: 47, exceptionReason: 'Customer is not answering.', exceptionCode: 7 });
    await s.admin('POST', '/webhooks/flush');
    const order = await waitFor(async () => (await s.database.pool.query<{ state_code: number; shipment_fees_piastres: string | null }>(
      'select state_code, shipment_fees_piastres from sync.orders where tracking_number = $1', [tn])).rows[0], { timeoutMs: 10_000, message: 'order fetched' });
    expect(order.state_code).toBe(47);
    expect(order.shipment_fees_piastres).not.toBeNull();
    expect(await count(s.database, `select count(*) n from sync.webhook_inbox where outcome = 'unknown_delivery'`)).toBe(1);
  });
});
