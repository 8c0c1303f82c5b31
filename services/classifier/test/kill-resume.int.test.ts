import { fileURLToPath } from 'node:url';
import { classifierQueue, RuleSetSchema, type OrderChange } from '@hvar/contracts';
import { createProducer, listServices, type Database, type Producer } from '@hvar/platform';
import { createTestInfra, deletePrefix, spawnScript, waitFor, type ScriptProcess, type TestInfra } from '@hvar/platform/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from '../src/domain/default-rule-set.js';
import { classifyBatch } from '../src/handlers/order-changed.handler.js';
import { batchId, count, openClassifierDb, orderChange, testDeps } from './harness.js';

const ORDERS = 3_000;
const CHUNK = 100;
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const idOf = (i: number) => `km${String(i).padStart(5, '0')}`;

let database: Database;
let infra: TestInfra;
let queue: Producer<typeof classifierQueue>;
const children: ScriptProcess[] = [];

beforeAll(async () => {
  database = await openClassifierDb();
  const deps = testDeps(database);
  // Delivered orders with COD 0, 10, 20, ... EGP: v1 makes those above 500 mains.
  const orders: OrderChange[] = Array.from({ length: ORDERS }, (_, i) => orderChange({ order_id: idOf(i), cod_piastres: i * 10_00 }));
  for (let i = 0; i < ORDERS; i += 1_000) await classifyBatch(deps, { batch_id: batchId(), source: 'backfill', orders: orders.slice(i, i + 1_000) });
  infra = await createTestInfra('classifier-kill');
  queue = createProducer(classifierQueue, { connection: infra.producerRedis, prefix: infra.prefix });
});
afterAll(async () => {
  for (const child of children) await child.kill();
  await queue?.close();
  await deletePrefix(infra.producerRedis, infra.prefix);
  await infra?.close();
  await database?.close();
});

function startService(): ScriptProcess {
  const child = spawnScript(MAIN, {
    DATABASE_URL: infra.env.databaseUrl,
    REDIS_URL: infra.env.redisUrl,
    QUEUE_PREFIX: infra.prefix,
    INTERNAL_PORT: '0',
    LOG_LEVEL: 'silent',
    CLASSIFIER_RECLASSIFY_CHUNK: String(CHUNK),
    CLASSIFIER_LOCK_MS: '2000',
  });
  children.push(child);
  return child;
}

async function run(id: string): Promise<{ status: string; orders_done: number; orders_changed: number; chunks_done: number }> {
  return (await database.pool.query('select status, orders_done, orders_changed, chunks_done from classifier.reclassify_runs where id = $1', [id])).rows[0] as never;
}

describe('a reclassify run whose process is killed (SIGKILL)', () => {
  it('resumes in a new process from the last committed chunk and ends exactly as an uninterrupted run', async () => {
    const first = startService();
    const job = await queue.add('publish-rules', { rule_set: { ...DEFAULT_RULE_SET, parameters: { main_cod_threshold: 1000 } }, published_by: 'admin@hvar' });
    const published = await waitFor(async () => ((await job.isCompleted()) ? RuleSetSchema.parse((await queue.queue.getJob(job.id ?? ''))?.returnvalue) : undefined), {
      timeoutMs: 20_000, message: 'publish-rules answered by the service',
    });
    const runId = published.reclassify_run_id ?? '';

    // Hold one order in the middle of the book: the run blocks on it, mid-way, in a chunk's transaction.
    const blocker: pg.PoolClient = await database.pool.connect();
    try {
      await blocker.query('begin');
      await blocker.query('select 1 from classifier.classifications where order_id = $1 for update', [idOf(1_550)]);
      await waitFor(async () => (await count(database, "select count(*) as n from pg_stat_activity where datname = current_database() and application_name = 'classifier' and wait_event_type = 'Lock'")) > 0, {
        timeoutMs: 20_000, message: 'the run waiting on the held order',
      });
      const killedAt = await run(runId);
      expect(killedAt).toMatchObject({ status: 'running', orders_done: 1_500, chunks_done: 15 });
      expect(await first.kill()).toBe('SIGKILL');
    } finally {
      await blocker.query('rollback');
      blocker.release();
    }

    const second = startService();
    const done = await waitFor(async () => {
      const r = await run(runId);
      return r.status === 'completed' ? r : undefined;
    }, { timeoutMs: 25_000, message: 'run completed by the second process' });
    // COD 510..1000 EGP (50 orders) moved from main to maintenance; every order counted once.
    expect(done).toEqual({ status: 'completed', orders_done: ORDERS, orders_changed: 50, chunks_done: ORDERS / CHUNK + 1 });
    expect(await count(database, 'select count(*) as n from classifier.classifications where rule_set_version = 2')).toBe(ORDERS);
    expect(await count(database, "select count(*) as n from classifier.classifications where rule_id = 'R2'")).toBe(100);
    const perOrder = await database.pool.query("select order_id, count(*)::int as n from classifier.classification_history where cause = 'reclassify' group by order_id");
    expect(perOrder.rows).toHaveLength(50);
    expect(perOrder.rows.every((r: { n: number }) => r.n === 1)).toBe(true);

    // The new process announced itself and serves its read API (the killed one's entry no longer answers).
    const rules = await waitFor(async () => {
      for (const s of await listServices(infra.producerRedis, infra.prefix)) {
        if (s.name !== 'classifier') continue;
        const res = await fetch(`${s.internal_url}/rules`).catch(() => undefined);
        if (res?.ok) return (await res.json()) as { version: number };
      }
      return undefined;
    }, { timeoutMs: 15_000, message: 'read API of the new process' });
    expect(rules.version).toBe(2);
    expect(second.child.exitCode).toBeNull();
  }, 60_000);
});
