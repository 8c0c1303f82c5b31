/**
 * Throughput of the classifier's order-changed path, in orders per second.
 *
 *   node infra/bin/bootstrap.mjs bench services/classifier/bench/order-changed.bench.ts [orders]
 *
 * 1. `classifyBatch` called directly, sequentially (the database work of one job after another):
 *    first sight of every order (inserts), then a state change of every order (updates).
 * 2. The same through BullMQ: `order-changed` jobs of 200 orders (a sync page) consumed by the worker
 *    (concurrency 4) with the outbox relay enqueueing `order-classified` for both consumers; timed
 *    until every job completed and every outbox row is relayed.
 */
import type { OrderChange } from '@hvar/contracts';
import { createDatabase } from '@hvar/platform';
import { testEnv, waitFor } from '@hvar/platform/testing';
import { sql } from 'drizzle-orm';
import { migrateClassifier } from '../src/db/migrate.js';
import { classifyBatch } from '../src/handlers/order-changed.handler.js';
import { orderChange, resetClassifier, startQueueStack, testDeps } from '../test/harness.js';

const ORDERS = Number(process.argv[2] ?? 20_000);
const PAGE = 200;

function book(prefix: string, stateCode: number, at: string): OrderChange[] {
  return Array.from({ length: ORDERS }, (_, i) =>
    orderChange({ order_id: `${prefix}${String(i).padStart(7, '0')}`, state_code: stateCode, state_at: at, cod_piastres: (i % 3_000) * 100 - 50_00, type_code: i % 17 === 0 ? 25 : 10 }),
  );
}

function pages(orders: OrderChange[]): OrderChange[][] {
  const out: OrderChange[][] = [];
  for (let i = 0; i < orders.length; i += PAGE) out.push(orders.slice(i, i + PAGE));
  return out;
}

let cpu = process.cpuUsage();
/** Orders per second of wall time, and this process's CPU per order (robust when other work shares the cores). */
const rate = (n: number, ms: number) => {
  const used = process.cpuUsage(cpu);
  cpu = process.cpuUsage();
  return `${Math.round((n / ms) * 1000).toLocaleString('en')} orders/s (${n} in ${Math.round(ms)} ms; node CPU ${Math.round((used.user + used.system) / n)} µs/order)`;
};

const database = createDatabase({ url: testEnv().databaseUrl, applicationName: 'classifier-bench', max: 10 });
await migrateClassifier(database);
await resetClassifier(database);
const deps = testDeps(database);
let n = 0;

let started = performance.now();
cpu = process.cpuUsage();
for (const page of pages(book('b', 41, '2026-01-01T00:00:00.000Z'))) await classifyBatch(deps, { batch_id: `direct-${n++}`, source: 'backfill', orders: page });
process.stdout.write(`direct, new orders:      ${rate(ORDERS, performance.now() - started)}\n`);
started = performance.now();
cpu = process.cpuUsage();
for (const page of pages(book('b', 45, '2026-01-02T00:00:00.000Z'))) await classifyBatch(deps, { batch_id: `direct-${n++}`, source: 'webhook', orders: page });
process.stdout.write(`direct, state changes:   ${rate(ORDERS, performance.now() - started)}\n`);

await resetClassifier(database);
const stack = await startQueueStack(database);
const jobs = pages(book('q', 45, '2026-01-03T00:00:00.000Z')).map((orders) => ({ name: 'order-changed' as const, payload: { batch_id: `queued-${n++}`, source: 'backfill' as const, orders } }));
started = performance.now();
cpu = process.cpuUsage();
await stack.classifier.addBulk(jobs.map((j) => ({ ...j, opts: { jobId: j.payload.batch_id } })));
await waitFor(async () => (await stack.classifier.queue.getJobCounts('completed')).completed === jobs.length, { timeoutMs: 600_000, intervalMs: 20, message: 'jobs completed' });
await waitFor(async () => {
  const res = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from classifier.outbox where relayed_at is null`);
  return res.rows[0]?.n === 0;
}, { timeoutMs: 600_000, intervalMs: 20, message: 'outbox relayed' });
process.stdout.write(`through BullMQ (c=4):    ${rate(ORDERS, performance.now() - started)} incl. relay of ${jobs.length * 2} order-classified jobs\n`);
const failed = (await stack.classifier.queue.getJobCounts('failed')).failed;
if (failed) process.stdout.write(`WARNING: ${failed} failed jobs\n`);
await stack.close();
await database.close();
