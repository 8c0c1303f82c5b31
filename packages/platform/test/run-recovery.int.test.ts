import { defineQueue, job } from '@hvar/contracts';
import { UnrecoverableError, Worker } from 'bullmq';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger, createProducer, recoverUnfinishedRuns, type Producer } from '../src/index.js';
import { createTestInfra, createTestSchema, testJobOptions, uniquePrefix, waitFor, type TestInfra, type TestSchema } from '../src/testing/index.js';

const contract = defineQueue({
  name: 'runs-test',
  consumer: 'test',
  defaultJobOptions: testJobOptions,
  jobs: { 'execute-run': job({ description: 'Runs a run (test fixture).', payload: z.object({ run_id: z.uuid() }) }) },
});
const log = createLogger({ service: 'run-recovery-test', level: 'silent' });

let infra: TestInfra;
let schema: TestSchema;
let producer: Producer<typeof contract>;
let prefix: string;

beforeAll(async () => {
  infra = await createTestInfra('run-recovery');
});
afterAll(() => infra?.close());
beforeEach(async () => {
  schema = await createTestSchema(infra.database);
  await infra.database.pool.query(`create table "${schema.name}".runs (id uuid primary key default gen_random_uuid(), status text not null, created_at timestamptz not null default clock_timestamp())`);
  prefix = uniquePrefix('run-recovery');
  producer = createProducer(contract, { connection: infra.producerRedis, prefix });
  return async () => {
    await producer.close();
    await schema.drop();
  };
});

async function insertRun(status: string): Promise<string> {
  const { rows } = await infra.database.pool.query<{ id: string }>(`insert into "${schema.name}".runs (status) values ($1) returning id::text`, [status]);
  return rows[0]?.id ?? '';
}

const recover = () => recoverUnfinishedRuns({ database: infra.database, runsTable: `"${schema.name}".runs`, producer, job: 'execute-run', jobIdPrefix: 'run', log });

describe('recoverUnfinishedRuns (at service start)', () => {
  it('gives every queued or running run one job; finished runs get none; a second call adds nothing', async () => {
    const running = await insertRun('running');
    const queued = await insertRun('queued');
    await insertRun('completed');
    await insertRun('failed');
    expect(await recover()).toBe(2);
    expect(await recover()).toBe(2);
    const jobs = await producer.queue.getJobs(['waiting']);
    expect(jobs.map((j): unknown[] => [j.id, j.name, j.data as unknown]).sort()).toEqual(
      [
        [`run-${queued}`, 'execute-run', { run_id: queued }],
        [`run-${running}`, 'execute-run', { run_id: running }],
      ].sort(),
    );
  });

  it('retries the job of a run that failed for good without its handler recording it (as after two stalls)', async () => {
    const running = await insertRun('running');
    await recover();
    const worker = new Worker(contract.name, () => Promise.reject(new UnrecoverableError('job stalled more than allowable limit')), {
      connection: infra.workerRedis, prefix,
    });
    try {
      await waitFor(async () => (await producer.queue.getJob(`run-${running}`))?.isFailed());
    } finally {
      await worker.close();
    }
    expect(await recover()).toBe(1);
    expect(await (await producer.queue.getJob(`run-${running}`))?.getState()).toBe('waiting');
  });
});
