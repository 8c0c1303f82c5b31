import { QueueEvents, type Job, type Worker } from 'bullmq';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError, createLogger, createProducer, createWorker, decodeAppError, type Producer } from '../src/index.js';
import { createTestInfra, defineTestQueue, type TestInfra } from '../src/testing/index.js';

const contract = defineTestQueue();
const log = createLogger({ service: 'worker-test', level: 'silent' });

let infra: TestInfra;
let producer: Producer<typeof contract>;
let events: QueueEvents;
let worker: Worker;
let calls: Map<string, number>;
let outcomes: string[];

beforeAll(async () => {
  infra = await createTestInfra('worker');
});
afterAll(() => infra?.close());

beforeEach(async () => {
  calls = new Map();
  outcomes = [];
  producer = createProducer(contract, { connection: infra.producerRedis, prefix: infra.prefix });
  events = new QueueEvents(contract.name, { connection: infra.workerRedis, prefix: infra.prefix });
  await events.waitUntilReady();
  // The message id tells the handler how to behave.
  worker = createWorker(
    contract,
    {
      'apply-amount': (payload, ctx) => {
        calls.set(payload.message_id, (calls.get(payload.message_id) ?? 0) + 1);
        switch (payload.message_id) {
          case 'missing':
            throw new AppError('not_found', 'no order o-404', { code: 'order.not_found', details: { order_id: 'o-404' } });
          case 'flaky':
            if (ctx.attempt < 3) throw new AppError('dependency_unavailable', 'Bosta is down');
            break;
          case 'down':
            throw new AppError('dependency_unavailable', 'Bosta is down');
          case 'bug':
            throw new TypeError('x is undefined');
        }
        return Promise.resolve({ total: payload.amount });
      },
    },
    { connection: infra.workerRedis, prefix: infra.prefix, log, onOutcome: (o) => outcomes.push(o.status) },
  );
});

afterEach(async () => {
  await worker.close();
  await events.close();
  await producer.queue.obliterate({ force: true });
  await producer.close();
});

/** Waits for the job to end in the failed set; returns it as stored. */
async function failedForGood(job: Job): Promise<Job> {
  await expect(job.waitUntilFinished(events, 10_000)).rejects.toThrow();
  const stored = await producer.queue.getJob(job.id ?? '');
  expect(await stored?.getState()).toBe('failed');
  if (!stored) throw new Error(`job ${job.id ?? '?'} vanished`);
  return stored;
}

describe('worker: validation and retry policy', () => {
  it('an invalid payload that bypassed the producer fails for good, naming the field', async () => {
    const job = await producer.queue.add('apply-amount', { message_id: 'm-1', amount: 'lots' });
    const failed = await failedForGood(job);
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toContain('amount:');
    expect(decodeAppError(failed.failedReason)?.type).toBe('invalid_data');
    expect(calls.size).toBe(0);
    expect(outcomes).toEqual(['dead']);
  });

  it.each(['no-such-job', 'toString', 'constructor'])('a job named %j that the contract does not have fails for good', async (name) => {
    const job = await producer.queue.add(name, { message_id: 'm-1', amount: 1 });
    const failed = await failedForGood(job);
    expect(failed.attemptsMade).toBe(1);
    expect(decodeAppError(failed.failedReason)?.type).toBe('invalid_data');
  });

  it('an AppError that must not be retried fails for good and decodes back to the AppError', async () => {
    const job = await producer.add('apply-amount', { message_id: 'missing', amount: 1 });
    const failed = await failedForGood(job);
    expect(failed.attemptsMade).toBe(1);
    expect(calls.get('missing')).toBe(1);
    const decoded = decodeAppError(failed.failedReason);
    expect(decoded).toBeInstanceOf(AppError);
    expect(decoded?.toJSON()).toEqual({ type: 'not_found', message: 'no order o-404', code: 'order.not_found', details: { order_id: 'o-404' } });
    expect(decoded?.status).toBe(404);
  });

  it('a retryable AppError is retried with the contract backoff until it succeeds', async () => {
    const job = await producer.add('apply-amount', { message_id: 'flaky', amount: 2 });
    expect(await job.waitUntilFinished(events, 10_000)).toEqual({ total: 2 });
    expect(calls.get('flaky')).toBe(3);
    expect(outcomes).toEqual(['failed', 'failed', 'completed']);
  });

  it('a retryable AppError that never clears uses every attempt, then stays in the failed set', async () => {
    const job = await producer.add('apply-amount', { message_id: 'down', amount: 2 });
    const failed = await failedForGood(job);
    expect(failed.attemptsMade).toBe(3);
    expect(decodeAppError(failed.failedReason)?.type).toBe('dependency_unavailable');
    expect(outcomes).toEqual(['failed', 'failed', 'dead']);
  });

  it('an unexpected error (a bug) is retried, keeping its message', async () => {
    const job = await producer.add('apply-amount', { message_id: 'bug', amount: 2 });
    const failed = await failedForGood(job);
    expect(failed.attemptsMade).toBe(3);
    expect(failed.failedReason).toBe('x is undefined');
  });

  it("the producer's add with an invalid payload throws invalid_data and enqueues nothing", async () => {
    const bad = { message_id: '', amount: 0 } as unknown as { message_id: string; amount: number };
    await expect(producer.add('apply-amount', bad)).rejects.toMatchObject({
      type: 'invalid_data',
      message: expect.stringMatching(/message_id: .*; amount: /) as string,
    });
    await expect(producer.addBulk([{ name: 'apply-amount', payload: { message_id: 'ok', amount: 1 } }, { name: 'apply-amount', payload: bad }])).rejects.toThrow(
      /invalid test-queue\/apply-amount payload/,
    );
    const counts = await producer.queue.getJobCounts();
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  });
});
