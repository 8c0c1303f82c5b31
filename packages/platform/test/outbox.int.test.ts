import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { QueueContract } from '@hvar/contracts';
import { sql } from 'drizzle-orm';
import { pgSchema } from 'drizzle-orm/pg-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, createProducer, defineOutbox, startOutboxRelay, writeOutbox, type OutboxTable, type Producer } from '../src/index.js';
import {
  createTestInfra,
  createTestSchema,
  defineTestQueue,
  outboxTableSql,
  spawnScript,
  waitFor,
  type TestInfra,
  type TestSchema,
} from '../src/testing/index.js';

const RELAY_CHILD = fileURLToPath(new URL('./fixtures/relay-then-die.ts', import.meta.url));
const contract = defineTestQueue();
const log = createLogger({ service: 'outbox-test', level: 'silent' });

let infra: TestInfra;
let schema: TestSchema;
let outbox: OutboxTable;
let producer: Producer<typeof contract>;

beforeAll(async () => {
  infra = await createTestInfra('outbox');
});
afterAll(() => infra?.close());

beforeEach(async () => {
  schema = await createTestSchema(infra.database);
  await infra.database.pool.query(outboxTableSql(schema.name));
  await infra.database.pool.query(`create table "${schema.name}"."returns" (id text primary key, status text not null)`);
  outbox = defineOutbox(pgSchema(schema.name));
  producer = createProducer(contract, { connection: infra.producerRedis, prefix: infra.prefix });
});

afterEach(async () => {
  await producer.queue.obliterate({ force: true });
  await producer.close();
  await schema.drop();
});

/** One business transaction: a state change and its message, committed together. */
async function createReturn(id: string): Promise<string> {
  return infra.database.db.transaction(async (tx) => {
    await tx.execute(sql`insert into ${sql.identifier(schema.name)}."returns" (id, status) values (${id}, 'created')`);
    return writeOutbox(tx, outbox, { contract, name: 'apply-amount', payload: { message_id: id, amount: 1 } });
  });
}

function relay(): ReturnType<typeof startOutboxRelay> {
  const producers = new Map([[contract.name, producer as unknown as Producer<QueueContract>]]);
  return startOutboxRelay({ database: infra.database, table: outbox, producers, log, pollMs: 60_000 });
}

async function outboxRows(): Promise<{ id: string; relayed: boolean }[]> {
  const { rows } = await infra.database.pool.query<{ id: string; relayed: boolean }>(
    `select id, relayed_at is not null as relayed from "${schema.name}"."outbox" order by id`,
  );
  return rows;
}

async function queuedJobIds(): Promise<string[]> {
  const jobs = await producer.queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized']);
  return jobs.map((j) => j.id ?? '').sort();
}

describe('outbox relay', () => {
  it('enqueues every message exactly once even when the relay dies between enqueue and commit', async () => {
    const ids = (await Promise.all(['r-1', 'r-2', 'r-3', 'r-4', 'r-5'].map(createReturn))).sort();

    const child = spawnScript(RELAY_CHILD, {
      QUEUE_PREFIX: infra.prefix,
      OUTBOX_SCHEMA: schema.name,
      APP_NAME: `relay-child-${schema.name}`,
    });
    const isEnqueued = (m: unknown): m is { type: 'enqueued'; ids: string[] } => (m as { type?: string } | null)?.type === 'enqueued';
    const enqueued = await child.message(isEnqueued);
    expect(enqueued.ids.sort()).toEqual(ids);
    expect(await child.kill()).toBe('SIGKILL');

    // The jobs are in Redis, but the rows were never marked: the relay's transaction died with it.
    expect(await queuedJobIds()).toEqual(ids);
    await waitFor(async () => {
      const { rows } = await infra.database.pool.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where application_name = $1',
        [`relay-child-${schema.name}`],
      );
      return rows[0]?.n === 0;
    }, { message: "the killed relay's session to end" });
    expect((await outboxRows()).every((r) => !r.relayed)).toBe(true);

    // A fresh relay sends them again with the same job ids; BullMQ keeps one job per id.
    const fresh = relay();
    await waitFor(async () => (await outboxRows()).every((r) => r.relayed), { message: 'all rows relayed' });
    expect(await fresh.relayOnce()).toBe(0);
    await fresh.stop();
    expect(await queuedJobIds()).toEqual(ids);
    expect(await producer.queue.getJobCountByTypes('waiting', 'prioritized', 'delayed', 'active')).toBe(ids.length);
    const payloads = (await producer.queue.getJobs(['waiting'])).map((j) => (j.data as { message_id: string }).message_id).sort();
    expect(payloads).toEqual(['r-1', 'r-2', 'r-3', 'r-4', 'r-5']);
  });

  it('never enqueues a message written in a transaction that rolled back', async () => {
    const failed = infra.database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into ${sql.identifier(schema.name)}."returns" (id, status) values ('r-x', 'created')`);
      await writeOutbox(tx, outbox, { contract, name: 'apply-amount', payload: { message_id: 'r-x', amount: 1 } });
      throw new Error('business rule broken after the write');
    });
    await expect(failed).rejects.toThrow('business rule broken');
    const committed = await createReturn('r-ok');

    const running = relay();
    await running.stop(); // waits for the pass a relay runs when it starts
    expect(await running.relayOnce()).toBe(0);
    expect(await queuedJobIds()).toEqual([committed]);
    expect(await outboxRows()).toEqual([{ id: committed, relayed: true }]);
  });

  it('keeps messages for a queue it does not produce, logs them, and relays the others past them', async () => {
    const ghost = defineTestQueue({ name: 'ghost-queue' });
    await infra.database.db.transaction(async (tx) => {
      for (const id of ['g-1', 'g-2', 'g-3']) {
        await writeOutbox(tx, outbox, { contract: ghost, name: 'apply-amount', payload: { message_id: id, amount: 1 } });
      }
    });
    const committed = await createReturn('r-after-ghosts');
    const lines: { msg: string; queue?: string; pending?: number }[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(JSON.parse(chunk.toString()) as { msg: string });
        cb();
      },
    });
    const producers = new Map([[contract.name, producer as unknown as Producer<QueueContract>]]);
    // A batch smaller than the ghosts: they must not fill it.
    const running = startOutboxRelay({ database: infra.database, table: outbox, producers, log: createLogger({ service: 'outbox-test', destination }), pollMs: 60_000, batchSize: 2 });
    await running.stop();
    expect(await queuedJobIds()).toEqual([committed]);
    expect((await outboxRows()).filter((r) => r.relayed).map((r) => r.id)).toEqual([committed]);
    expect(lines.find((l) => l.queue === 'ghost-queue')).toMatchObject({ pending: 3, msg: 'outbox messages for a queue this service does not produce' });
  });

  it('refuses an invalid payload at write time, so nothing reaches the outbox', async () => {
    const write = infra.database.db.transaction((tx) =>
      writeOutbox(tx, outbox, { contract, name: 'apply-amount', payload: { message_id: 'r-1', amount: -1 } }),
    );
    await expect(write).rejects.toMatchObject({ type: 'invalid_data', message: expect.stringContaining('amount') as string });
    expect(await outboxRows()).toEqual([]);
  });
});
