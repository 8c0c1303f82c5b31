import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { QueueEvents, type Job, type Worker } from 'bullmq';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseRedriveArgs, redriveFailed } from '../src/cli/redrive.js';
import { AppError, createLogger, createProducer, createWorker, type Producer } from '../src/index.js';
import { createTestInfra, defineTestQueue, type TestInfra } from '../src/testing/index.js';

const CLI = fileURLToPath(new URL('../src/cli/redrive.ts', import.meta.url));
const contract = defineTestQueue();
const log = createLogger({ service: 'redrive-test', level: 'silent' });

let infra: TestInfra;
let producer: Producer<typeof contract>;
let events: QueueEvents;
let worker: Worker;
/** Until the "fix is deployed", every job fails for good. */
let fixed: boolean;

beforeAll(async () => {
  infra = await createTestInfra('redrive');
});
afterAll(() => infra?.close());

beforeEach(async () => {
  fixed = false;
  producer = createProducer(contract, { connection: infra.producerRedis, prefix: infra.prefix });
  events = new QueueEvents(contract.name, { connection: infra.workerRedis, prefix: infra.prefix });
  await events.waitUntilReady();
  worker = createWorker(
    contract,
    {
      'apply-amount': (payload) => {
        if (!fixed) throw new AppError('unexpected_state', 'a bug, fixed in the next release');
        return Promise.resolve({ total: payload.amount });
      },
    },
    { connection: infra.workerRedis, prefix: infra.prefix, log },
  );
});

afterEach(async () => {
  await worker.close();
  await events.close();
  await producer.queue.obliterate({ force: true });
  await producer.close();
});

async function addFailed(n: number): Promise<Job[]> {
  const jobs: Job[] = [];
  for (let i = 1; i <= n; i += 1) {
    const job = await producer.add('apply-amount', { message_id: `m-${i}`, amount: i }, { jobId: `job-${i}` });
    await expect(job.waitUntilFinished(events, 10_000)).rejects.toThrow(/unexpected_state/);
    jobs.push(job);
  }
  return jobs;
}

const base = () => ({ connection: infra.producerRedis, prefix: infra.prefix, queue: contract.name, known: [contract] });

describe('redrive', () => {
  it('retries failed jobs (oldest first, up to --limit); they run again and complete', async () => {
    const jobs = await addFailed(3);

    const dry = await redriveFailed({ ...base(), dryRun: true });
    expect(dry).toMatchObject({ found: 3, retried: 0, jobIds: ['job-1', 'job-2', 'job-3'], warnings: [] });
    expect(await producer.queue.getFailedCount()).toBe(3);

    fixed = true;
    const limited = await redriveFailed({ ...base(), limit: 2 });
    expect(limited).toMatchObject({ found: 2, retried: 2, jobIds: ['job-1', 'job-2'], skipped: [] });
    // Waiting after the retry is safe: waitUntilFinished also reads a state already reached.
    const finished = await Promise.all(jobs.slice(0, 2).map((j) => j.waitUntilFinished(events, 10_000)));
    expect(finished).toEqual([{ total: 1 }, { total: 2 }]);

    const one = await redriveFailed({ ...base(), jobId: 'job-3' });
    expect(one).toMatchObject({ found: 1, retried: 1 });
    expect(await jobs[2]?.waitUntilFinished(events, 10_000)).toEqual({ total: 3 });

    expect(await producer.queue.getFailedCount()).toBe(0);
    const done = await producer.queue.getJob('job-1');
    expect(await done?.getState()).toBe('completed');
    expect(done?.attemptsMade).toBe(1); // attempts reset: the contract's full retry policy applies again
  });

  it('does nothing for a job that is not in the failed set', async () => {
    fixed = true;
    const job = await producer.add('apply-amount', { message_id: 'm-1', amount: 1 }, { jobId: 'job-ok' });
    await job.waitUntilFinished(events, 10_000);
    const result = await redriveFailed({ ...base(), jobId: 'job-ok' });
    expect(result).toMatchObject({ found: 0, retried: 0, warnings: ['job job-ok is completed, not failed: nothing to redrive'] });
    expect((await redriveFailed({ ...base(), jobId: 'nope' })).warnings).toEqual(['job nope is missing, not failed: nothing to redrive']);
  });

  it('accepts an existing queue no contract declares, with a warning, and refuses an unknown one', async () => {
    await addFailed(1);
    const other = defineTestQueue({ name: 'other-queue' });
    const result = await redriveFailed({ ...base(), known: [other], dryRun: true });
    expect(result.found).toBe(1);
    expect(result.warnings).toEqual([`queue "${contract.name}" is not declared in @hvar/contracts; redriving it anyway`]);
    await expect(redriveFailed({ ...base(), queue: 'no-such-queue' })).rejects.toThrow(/no queue "no-such-queue" .*known queues: test-queue/);
  });

  it('runs as a command line tool', async () => {
    await addFailed(2);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CLI, contract.name, '--dry-run'], {
      env: { ...process.env, REDIS_URL: infra.env.redisUrl, QUEUE_PREFIX: infra.prefix },
    });
    // The test queue is not one of the system's declared queues, so the tool warns before acting.
    expect(stdout).toBe(
      `warning: queue "${contract.name}" is not declared in @hvar/contracts; redriving it anyway\n` +
        `${contract.name}: 2 failed job(s) would be retried: job-1, job-2\n`,
    );
    expect(await producer.queue.getFailedCount()).toBe(2);
  });

  it('parses its arguments', () => {
    expect(parseRedriveArgs(['returns', '--job', 'j-1', '--limit', '5', '--dry-run'])).toEqual({ queue: 'returns', job: 'j-1', limit: 5, dryRun: true });
    expect(parseRedriveArgs(['returns'])).toEqual({ queue: 'returns', dryRun: false });
    expect(() => parseRedriveArgs([])).toThrow(/usage: redrive/);
    expect(() => parseRedriveArgs(['returns', '--limit', '0'])).toThrow(/limit/);
    expect(() => parseRedriveArgs(['returns', '--bogus'])).toThrow(/Unknown option/);
  });
});
