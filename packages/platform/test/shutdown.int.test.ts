import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProducer, createRuntime, startWorker } from '../src/index.js';
import { createTestInfra, defineTestQueue, waitFor, type TestInfra } from '../src/testing/index.js';

const contract = defineTestQueue();
let infra: TestInfra;

beforeAll(async () => {
  infra = await createTestInfra('shutdown');
});
afterAll(() => infra?.close());

describe('ordered shutdown of a runtime', () => {
  it('lets the in-flight job finish, leaves waiting jobs queued, then closes Redis and Postgres', async () => {
    const runtime = createRuntime({
      name: 'shutdown-test',
      version: 'test',
      exit: () => undefined,
      config: {
        LOG_LEVEL: 'silent',
        DATABASE_URL: infra.env.databaseUrl,
        REDIS_URL: infra.env.redisUrl,
        QUEUE_PREFIX: infra.prefix,
        SHUTDOWN_TIMEOUT_MS: 15_000,
        INTERNAL_HOST: '127.0.0.1',
        INTERNAL_PORT: 0,
      },
    });
    const order: string[] = [];
    let markStarted = (): void => undefined;
    const started = new Promise<void>((resolve) => (markStarted = resolve));
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));

    const worker = startWorker(runtime, contract, {
      'apply-amount': async (payload, ctx) => {
        markStarted();
        await released;
        // Still usable: the shutdown has not closed Redis or Postgres under the running job.
        await ctx.job.updateProgress(50);
        const { rows } = await runtime.database.pool.query<{ total: number }>('select $1::int as total', [payload.amount]);
        order.push('job finished');
        return { total: rows[0]?.total ?? -1 };
      },
    });
    worker.once('closing', () => {
      order.push('worker closing');
      release();
    });
    runtime.workerRedis.once('end', () => order.push('redis closed'));
    runtime.database.pool.once('remove', () => order.push('postgres closed'));

    const producer = createProducer(contract, { connection: infra.producerRedis, prefix: infra.prefix });
    const events = new QueueEvents(contract.name, { connection: infra.workerRedis, prefix: infra.prefix });
    await events.waitUntilReady();
    try {
      const inFlight = await producer.add('apply-amount', { message_id: 'm-1', amount: 4 });
      const completed = inFlight.waitUntilFinished(events, 15_000);
      await started;
      const queued = await producer.add('apply-amount', { message_id: 'm-2', amount: 1 });

      expect(await runtime.shutdown.run('test')).toBe(true);
      expect(await completed).toEqual({ total: 4 });
      // pool.end() resolves once no client is in use; the sockets finish closing just after.
      await waitFor(() => order.includes('postgres closed'), { message: 'pool clients ended' });
      expect(order).toEqual(['worker closing', 'job finished', 'redis closed', 'postgres closed']);

      const job = await producer.queue.getJob(inFlight.id ?? '');
      expect(await job?.getState()).toBe('completed');
      expect(job?.attemptsMade).toBe(1);
      expect(await queued.getState()).toBe('waiting');
      expect(runtime.producerRedis.status).toBe('end');
      expect(runtime.database.pool.ended).toBe(true);
    } finally {
      await events.close();
      await producer.queue.obliterate({ force: true });
      await producer.close();
    }
  });
});
