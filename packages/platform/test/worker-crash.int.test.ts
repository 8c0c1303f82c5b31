import { fileURLToPath } from 'node:url';
import { QueueEvents, type Job, type Worker } from 'bullmq';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, createProducer, createWorker, type Producer } from '../src/index.js';
import { createTestInfra, defineTestQueue, spawnScript, type TestInfra } from '../src/testing/index.js';

const HANGING_WORKER = fileURLToPath(new URL('./fixtures/worker-takes-then-hangs.ts', import.meta.url));
const contract = defineTestQueue();
const log = createLogger({ service: 'worker-crash-test', level: 'silent' });

let infra: TestInfra;
let producer: Producer<typeof contract>;
let events: QueueEvents;
const workers: Worker[] = [];

beforeAll(async () => {
  infra = await createTestInfra('worker-crash');
});
afterAll(() => infra?.close());

beforeEach(async () => {
  producer = createProducer(contract, { connection: infra.producerRedis, prefix: infra.prefix });
  events = new QueueEvents(contract.name, { connection: infra.workerRedis, prefix: infra.prefix });
  await events.waitUntilReady();
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
  await events.close();
  await producer.queue.obliterate({ force: true });
  await producer.close();
});

const isTaken = (m: unknown): m is { type: 'taken' } => (m as { type?: string } | null)?.type === 'taken';

/** Two worker processes take the job in turn and die holding it (SIGKILL); then a healthy worker with `maxStalledCount` runs. */
async function crashTwiceThenRun(maxStalledCount: number | undefined): Promise<Job> {
  const job = await producer.add('apply-amount', { message_id: 'm-1', amount: 4 }, { jobId: 'job-crash' });
  // The second child takes the job once the first one's lock expired (its own stalled check puts it back).
  for (let crash = 1; crash <= 2; crash++) {
    const child = spawnScript(HANGING_WORKER, { QUEUE_PREFIX: infra.prefix });
    await child.message(isTaken);
    expect(await child.kill()).toBe('SIGKILL');
  }
  workers.push(createWorker(contract, { 'apply-amount': (p) => Promise.resolve({ total: p.amount }) }, {
    connection: infra.workerRedis, prefix: infra.prefix, log, lockDuration: 1_000, stalledInterval: 250, maxStalledCount,
  }));
  return job;
}

describe('worker: crashes mid-job', () => {
  it('a job whose worker process is SIGKILLed twice while running it still runs to completion (not failed as stalled)', async () => {
    const job = await crashTwiceThenRun(undefined);
    expect(await job.waitUntilFinished(events, 20_000)).toEqual({ total: 4 });
    expect(await (await producer.queue.getJob('job-crash'))?.getState()).toBe('completed');
  }, 60_000);

  it('the limit still exists: with maxStalledCount 1 the same job fails for good as stalled', async () => {
    const job = await crashTwiceThenRun(1);
    await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow(/stalled more than allowable limit/);
    expect(await (await producer.queue.getJob('job-crash'))?.getState()).toBe('failed');
  }, 60_000);
});
