import { randomUUID } from 'node:crypto';
import { normalizeWebhook } from '@hvar/bosta';
import { SyncServiceStatusSchema } from '@hvar/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runs } from '../src/db/schema.js';
import { applyWebhook, type WebhookResult } from '../src/db/write/webhook-write.js';
import { statusQuery } from '../src/read/status.repo.js';
import { orderRow, startReadApi, type ReadApiHarness } from './read-fixtures.js';

let api: ReadApiHarness;

beforeAll(async () => {
  api = await startReadApi();
});
afterAll(async () => {
  await api.close();
});

/** Applies a webhook of delivery 50000020 through the service's write path, received at `receivedAt`. */
function webhook(state: number, stateAt: string, receivedAt: Date, trackingNumber = 50_000_020): Promise<WebhookResult> {
  const body = { _id: `d${trackingNumber}`, trackingNumber, state, type: 'SEND', timeStamp: Date.parse(stateAt) };
  const event = normalizeWebhook(body);
  if (!event.ok) throw new Error(event.reason);
  return applyWebhook(api.database.pool, event.value, body, receivedAt.toISOString());
}

async function status() {
  const res = await api.get('/status');
  expect(res.status).toBe(200);
  return SyncServiceStatusSchema.parse(res.body);
}

describe('GET /status', () => {
  it('nothing received and no run completed: nulls and a zero count', async () => {
    await api.database.db.insert(runs).values({ id: randomUUID(), mode: 'full', status: 'running', requested_by: 'first-start', page_size: 200, started_at: new Date() });
    expect(await status()).toEqual({
      last_webhook_at: null, last_webhook_state_change_at: null, webhooks_last_hour: 0, last_completed_run_at: null, last_completed_run_mode: null,
    });
  });

  it('after webhooks are applied: the newest received time, its state time and the last hour’s count', async () => {
    await api.insertOrders([orderRow({ id: 'd50000020', tracking_number: '50000020', state_code: 41, state_at: new Date('2025-08-15T10:00:00.000Z') })]);
    const now = Date.now();
    const newest = new Date(now - 5_000);
    // Applied out of received order: the newest is the latest received, not the last written.
    expect((await webhook(45, '2025-08-16T10:00:00.000Z', newest)).outcome).toBe('applied');
    expect((await webhook(47, '2025-08-15T12:00:00.000Z', new Date(now - 20 * 60_000))).outcome).toBe('stale');
    expect((await webhook(24, '2025-08-15T09:00:00.000Z', new Date(now - 30 * 60_000), 50_000_099)).outcome).toBe('unknown_delivery');
    // A duplicate is not a second webhook; one received two hours ago is not in the last hour.
    expect((await webhook(45, '2025-08-16T10:00:00.000Z', new Date(now))).outcome).toBe('duplicate');
    expect((await webhook(41, '2025-08-15T08:00:00.000Z', new Date(now - 2 * 3_600_000))).outcome).toBe('stale');
    expect(await status()).toMatchObject({
      last_webhook_at: newest.toISOString(), last_webhook_state_change_at: '2025-08-16T10:00:00.000Z', webhooks_last_hour: 3,
    });
  });

  it('the last completed run is the one that finished last, with its mode; failed and running runs do not count', async () => {
    const at = (iso: string) => new Date(iso);
    await api.database.db.insert(runs).values([
      { id: randomUUID(), mode: 'full', status: 'completed', requested_by: 'first-start', page_size: 200, created_at: at('2025-03-01T10:00:00Z'), finished_at: at('2025-03-01T10:05:00Z') },
      { id: randomUUID(), mode: 'incremental', status: 'completed', requested_by: 'scheduler', page_size: 200, created_at: at('2025-03-01T09:00:00Z'), finished_at: at('2025-03-01T10:07:00Z') },
      { id: randomUUID(), mode: 'full', status: 'failed', requested_by: 'key-1', page_size: 200, created_at: at('2025-03-01T10:08:00Z'), finished_at: at('2025-03-01T10:09:00Z') },
    ]);
    expect(await status()).toMatchObject({ last_completed_run_at: '2025-03-01T10:07:00.000Z', last_completed_run_mode: 'incremental', webhooks_last_hour: 3 });
  });

  it('every part is read from an index, not a scan of the webhooks or the runs', async () => {
    // enable_seqscan off: the planner scans only where no index can serve the part.
    const plan = await api.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const res = await tx.execute<{ 'QUERY PLAN': unknown }>(sql`explain (format json) ${statusQuery}`);
      return JSON.stringify(res.rows[0]?.['QUERY PLAN']);
    });
    expect(plan).not.toContain('Seq Scan');
    expect(plan).not.toContain('"Node Type":"Sort"');
    expect(plan.match(/"Index Name":"webhook_received_idx"/g)).toHaveLength(2);
    expect(plan).toMatch(/"Index Name":"runs_completed_idx"/);
  });
});
