import { fileURLToPath } from 'node:url';
import { spawnScript, waitFor, type ScriptProcess } from '@hvar/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffOrderBook, groundTruth } from './ground-truth.js';
import { count } from './harness.js';
import { startSyncStack, type SyncStack } from './sync-stack.js';

const DELIVERIES = 2_000;
const PAGE_SIZE = 50;
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
let stack: SyncStack;
const children: ScriptProcess[] = [];

beforeAll(async () => {
  // No worker in this process: the real service (main.ts) runs as a child process.
  stack = await startSyncStack({ deliveries: DELIVERIES, worker: false, seed: 5 });
}, 60_000);
afterAll(async () => {
  for (const child of children) await child.kill();
  await stack?.close();
});

function startService(): ScriptProcess {
  const child = spawnScript(MAIN, {
    DATABASE_URL: stack.infra.env.databaseUrl,
    REDIS_URL: stack.infra.env.redisUrl,
    QUEUE_PREFIX: stack.infra.prefix,
    BOSTA_BASE_URL: stack.sim.apiBase,
    BOSTA_API_KEY: stack.apiKey,
    INTERNAL_PORT: '0',
    LOG_LEVEL: 'silent',
    SYNC_PAGE_SIZE: String(PAGE_SIZE),
    SYNC_CONCURRENCY: '2',
    SYNC_LOCK_MS: '2000',
    SYNC_FULL_ON_FIRST_START: 'false',
    SYNC_INCREMENTAL_EVERY_MS: String(24 * 3_600_000),
  });
  children.push(child);
  return child;
}

async function fullRun(): Promise<{ id: string; status: string; pages_done: number; pages_total: number | null } | undefined> {
  return (await stack.database.pool.query(`select id, status, pages_done, pages_total from sync.runs where mode = 'full'`)).rows[0] as never;
}

describe('a backfill killed with SIGKILL (acceptance 3)', () => {
  it('resumes after a restart from the last committed page; the result equals an uninterrupted run', async () => {
    await stack.admin('PUT', '/faults', { latencyMs: 60 });
    const first = startService();
    await stack.queue.add('start-run', { mode: 'full', requested_by: 'test' });
    await waitFor(async () => ((await fullRun())?.pages_done ?? 0) >= 6, { timeoutMs: 30_000, intervalMs: 10, message: 'backfill under way' });
    expect(await first.kill()).toBe('SIGKILL');
    const killed = await fullRun();
    expect(killed?.status).toBe('running');
    expect(killed?.pages_done).toBeLessThan(DELIVERIES / PAGE_SIZE);

    await stack.admin('PUT', '/faults', { latencyMs: 0 });
    startService();
    const done = await waitFor(async () => {
      const run = await fullRun();
      return run?.status === 'completed' || run?.status === 'failed' ? run : undefined;
    }, { timeoutMs: 45_000, intervalMs: 50, message: 'resumed run finished' });
    expect(done).toMatchObject({ status: 'completed', pages_done: DELIVERIES / PAGE_SIZE, pages_total: DELIVERIES / PAGE_SIZE });
    // Every page committed exactly once: counters and order-changed batches as in an uninterrupted run.
    const runRow: unknown = (await stack.database.pool.query('select deliveries_seen, deliveries_written from sync.runs where id = $1', [done.id])).rows[0];
    expect(runRow).toEqual({ deliveries_seen: DELIVERIES, deliveries_written: DELIVERIES });
    expect(await count(stack.database, 'select count(*) n from sync.run_pages where run_id = $1', [done.id])).toBe(DELIVERIES / PAGE_SIZE);
    expect(await count(stack.database, `select count(*) n from sync.outbox where job_name = 'order-changed'`)).toBe(DELIVERIES / PAGE_SIZE); // the classifier's (demo orders are not case deliveries)
    expect(await diffOrderBook(stack.database, await groundTruth(stack.sim.url))).toEqual([]);
  }, 90_000);
});
