import { syncQueue } from '@hvar/contracts';
import { waitFor } from '@hvar/platform/testing';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from './harness.js';
import { startSyncStack, type SyncStack } from './sync-stack.js';

const DELIVERIES = 300;
let stack: SyncStack;

beforeAll(async () => {
  stack = await startSyncStack({ deliveries: DELIVERIES, pageSize: 100, seed: 9 });
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

async function someTrackingNumber(index: number): Promise<string> {
  const lines = (await (await fetch(`${stack.sim.url}/__sim/export`)).text()).split('\n').filter(Boolean);
  return String((JSON.parse(lines[index] ?? '{}') as { trackingNumber: unknown }).trackingNumber);
}

describe('quarantine (acceptance 4)', () => {
  it('quarantines a delivery that cannot be normalized with its reason and applies the rest of its page', async () => {
    const tn = await someTrackingNumber(150);
    await stack.admin('POST', `/deliveries/${tn}/corrupt`, { patch: { receiver: { phone: 'not a phone' } } });
    const run = await stack.runSync('full');
    expect(run).toMatchObject({ status: 'completed', deliveries_seen: DELIVERIES, deliveries_written: DELIVERIES - 1, deliveries_quarantined: 1, detail_calls: 1 });
    const q: unknown[] = (await stack.database.pool.query('select source_key, source, reason, resolved_at, run_id from sync.quarantine')).rows;
    expect(q).toEqual([{ source_key: tn, source: 'detail', reason: expect.stringMatching(/phone/i) as unknown, resolved_at: null, run_id: run.id }]);
    expect(await count(stack.database, 'select count(*) n from sync.orders')).toBe(DELIVERIES - 1);
    expect(await count(stack.database, 'select count(*) n from sync.orders where tracking_number = $1', [tn])).toBe(0);

    await stack.admin('DELETE', `/deliveries/${tn}/corrupt`);
    const again = await stack.runSync('full');
    expect(again).toMatchObject({ status: 'completed', deliveries_written: 1, deliveries_quarantined: 0 });
    expect(await count(stack.database, 'select count(*) n from sync.quarantine where resolved_at is not null')).toBe(1);
  });
});

describe('search/detail inconsistency', () => {
  it('records a detail 404 for a listed delivery without failing the run; stale search copies never regress a state', async () => {
    // The newest delivery is in its first state: the search serves it as is (a stale copy needs an earlier state).
    const tn = await someTrackingNumber(DELIVERIES - 1);
    const states = await stack.database.pool.query<{ n: string }>('select md5(string_agg(id || state_code || state_at::text, \',\' order by id)) n from sync.orders');
    await stack.admin('POST', `/deliveries/${tn}/corrupt`, { patch: { receiver: { phone: 'still not a phone' } } });
    await stack.admin('PUT', '/faults', { searchDetailMismatch: 1 });
    try {
      const run = await stack.runSync('full');
      expect(run, JSON.stringify(run)).toMatchObject({ status: 'completed', errors_count: 1, deliveries_quarantined: 1 });
      expect(run.last_error).toMatch(new RegExp(`${tn}.*404.*mismatch`));
      const q = await stack.database.pool.query<{ reason: string }>(`select reason from sync.quarantine where source_key = $1 and resolved_at is null`, [tn]);
      expect(q.rows[0]?.reason).toMatch(/detail: 404/);
    } finally {
      await stack.admin('PUT', '/faults', { searchDetailMismatch: 0 });
      await stack.admin('DELETE', `/deliveries/${tn}/corrupt`);
    }
    // Search served every delivery one state behind: nothing it said overwrote a newer stored state.
    const after = await stack.database.pool.query<{ n: string }>(`select md5(string_agg(id || state_code || state_at::text, ',' order by id)) n from sync.orders`);
    expect(after.rows[0]?.n).toBe(states.rows[0]?.n);
  });
});

describe('bad webhook-received payloads (acceptance 5)', () => {
  it('fail for good (UnrecoverableError, one attempt) into the failed set and write nothing', async () => {
    const tn = await someTrackingNumber(3);
    const before = await snapshot();
    // Producers validate; this raw queue plays a producer that does not (or an older contract).
    const raw = new Queue(syncQueue.name, { connection: stack.infra.producerRedis, prefix: stack.infra.prefix });
    try {
      const jobs = await Promise.all([
        raw.add('webhook-received', { received_at: 'yesterday', body: { trackingNumber: tn, state: 45 } }, { attempts: 3 }),
        raw.add('webhook-received', { received_at: new Date().toISOString(), body: 'not an object' }, { attempts: 3 }),
        raw.add('webhook-received', { received_at: new Date().toISOString(), body: { trackingNumber: tn, state: 'delivered', timeStamp: 'soon' } }, { attempts: 3 }),
        raw.add('webhook-received', { received_at: new Date().toISOString(), body: { state: 45, timeStamp: Date.now() } }, { attempts: 3 }),
      ]);
      for (const job of jobs) {
        const failed = await waitFor(async () => ((await job.getState()) === 'failed' ? raw.getJob(job.id ?? '') : undefined), { message: `job ${job.id ?? ''} failed` });
        expect(failed.attemptsMade).toBe(1);
        expect(failed.failedReason).toContain('invalid_data');
      }
    } finally {
      await raw.close();
    }
    expect(await snapshot()).toEqual(before);
  });
});

async function snapshot(): Promise<Record<string, unknown>> {
  const row = await stack.database.pool.query(`select
      (select count(*) from sync.webhook_inbox) as inbox,
      (select count(*) from sync.outbox) as outbox,
      (select count(*) from sync.timeline_events) as steps,
      (select md5(string_agg(id || state_code || state_at::text, ',' order by id)) from sync.orders) as orders`);
  return row.rows[0] as Record<string, unknown>;
}
