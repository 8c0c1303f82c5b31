import { fileURLToPath } from 'node:url';
import { pgSchema } from 'drizzle-orm/pg-core';
import { QueueEvents, type Worker } from 'bullmq';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyOnce, createLogger, createProducer, createWorker, defineInbox, type InboxTable, type Producer } from '../src/index.js';
import {
  createTestInfra,
  createTestSchema,
  defineTestQueue,
  inboxTableSql,
  spawnScript,
  type TestInfra,
  type TestSchema,
} from '../src/testing/index.js';
import { addToCounter } from './fixtures/inbox-handler.js';

const WORKER_CHILD = fileURLToPath(new URL('./fixtures/worker-then-die.ts', import.meta.url));
const contract = defineTestQueue();
const log = createLogger({ service: 'inbox-test', level: 'silent' });

let infra: TestInfra;
let schema: TestSchema;
let inbox: InboxTable;
let producer: Producer<typeof contract>;
let events: QueueEvents;
const workers: Worker[] = [];

beforeAll(async () => {
  infra = await createTestInfra('inbox');
});
afterAll(() => infra?.close());

beforeEach(async () => {
  schema = await createTestSchema(infra.database);
  await infra.database.pool.query(inboxTableSql(schema.name));
  await infra.database.pool.query(`create table "${schema.name}"."counter" (id text primary key, total int not null)`);
  await infra.database.pool.query(`insert into "${schema.name}"."counter" values ('c', 0)`);
  inbox = defineInbox(pgSchema(schema.name));
  producer = createProducer(contract, { connection: infra.producerRedis, prefix: infra.prefix });
  events = new QueueEvents(contract.name, { connection: infra.workerRedis, prefix: infra.prefix });
  await events.waitUntilReady();
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
  await events.close();
  await producer.queue.obliterate({ force: true });
  await producer.close();
  await schema.drop();
});

/** A worker in this process, with a short lock and stalled check so a dead worker's job returns fast. */
function startWorker(): Worker {
  const worker = createWorker(
    contract,
    { 'apply-amount': (payload) => addToCounter(infra.database, inbox, schema.name, payload) },
    { connection: infra.workerRedis, prefix: infra.prefix, log, lockDuration: 1_000, stalledInterval: 250 },
  );
  workers.push(worker);
  return worker;
}

async function counter(): Promise<{ total: number; inbox: number }> {
  const { rows } = await infra.database.pool.query<{ total: number; inbox: number }>(
    `select (select total from "${schema.name}"."counter" where id = 'c') as total,
            (select count(*)::int from "${schema.name}"."inbox") as inbox`,
  );
  return rows[0] ?? { total: -1, inbox: -1 };
}

const isApplied = (m: unknown): m is { type: 'applied' } => (m as { type?: string } | null)?.type === 'applied';

describe('inbox: effects applied exactly once', () => {
  it.each([
    ['after its transaction committed', 'after-commit'],
    ['inside its transaction, before commit', 'before-commit'],
  ])('a worker killed mid-job %s: the stalled job runs again and the effect counts once', async (_label, stage) => {
    const job = await producer.add('apply-amount', { message_id: 'm-1', amount: 5 }, { jobId: 'job-1' });
    const child = spawnScript(WORKER_CHILD, {
      QUEUE_PREFIX: infra.prefix,
      INBOX_SCHEMA: schema.name,
      INBOX_STAGE: stage,
    });
    await child.message(isApplied);
    expect(await child.kill()).toBe('SIGKILL');

    let stalled = 0;
    events.on('stalled', () => (stalled += 1));
    startWorker();
    const result: unknown = await job.waitUntilFinished(events, 20_000);
    expect(result).toEqual({ total: 5 });
    expect(stalled).toBe(1);
    expect(await counter()).toEqual({ total: 5, inbox: 1 });
    const finished = await producer.queue.getJob('job-1');
    expect(await finished?.getState()).toBe('completed');
  });

  it('a redelivered message (same message id, another job id) applies once and answers the first result', async () => {
    startWorker();
    const first = await producer.add('apply-amount', { message_id: 'm-1', amount: 5 }, { jobId: 'job-a' });
    expect(await first.waitUntilFinished(events, 10_000)).toEqual({ total: 5 });
    const again = await producer.add('apply-amount', { message_id: 'm-1', amount: 5 }, { jobId: 'job-b' });
    expect(await again.waitUntilFinished(events, 10_000)).toEqual({ total: 5 });
    const other = await producer.add('apply-amount', { message_id: 'm-2', amount: 2 }, { jobId: 'job-c' });
    expect(await other.waitUntilFinished(events, 10_000)).toEqual({ total: 7 });
    expect(await counter()).toEqual({ total: 7, inbox: 2 });
  });

  it('two concurrent applyOnce calls for the same message: one applies, both see its result', async () => {
    const effect = async (): Promise<{ total: number }> =>
      addToCounter(infra.database, inbox, schema.name, { message_id: 'm-1', amount: 3 }, {
        // Keeps the first transaction open long enough for the second to run into its row.
        afterEffect: async () => {
          await infra.database.pool.query('select pg_sleep(0.2)');
        },
      });
    const results = await Promise.all([effect(), effect()]);
    expect(results).toEqual([{ total: 3 }, { total: 3 }]);
    expect(await counter()).toEqual({ total: 3, inbox: 1 });
  });

  it('reports whether this call applied the effect', async () => {
    const run = () => applyOnce(infra.database, inbox, { id: 'm-9', handler: 'test' }, () => Promise.resolve({ ok: true }));
    expect(await run()).toEqual({ applied: true, result: { ok: true } });
    expect(await run()).toEqual({ applied: false, result: { ok: true } });
    expect((await counter()).inbox).toBe(1);
  });
});
