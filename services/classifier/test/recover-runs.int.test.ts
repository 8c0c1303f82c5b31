import { classifierQueue } from '@hvar/contracts';
import { createLogger, createProducer, type Database, type Producer } from '@hvar/platform';
import { createTestInfra, waitFor, type TestInfra } from '@hvar/platform/testing';
import { UnrecoverableError, Worker } from 'bullmq';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recoverReclassifyRuns } from '../src/reclassify/recover-runs.js';
import { openClassifierDb, resetClassifier } from './harness.js';

let database: Database;
let infra: TestInfra;
let queue: Producer<typeof classifierQueue>;
const log = createLogger({ service: 'classifier', level: 'silent' });

beforeAll(async () => {
  database = await openClassifierDb();
  infra = await createTestInfra('classifier-recover');
  queue = createProducer(classifierQueue, { connection: infra.producerRedis, prefix: infra.prefix });
});
beforeEach(async () => {
  await resetClassifier(database);
});
afterAll(async () => {
  await queue.close();
  await infra.close();
  await database.close();
});

async function insertRun(status: string): Promise<string> {
  const { rows } = await database.pool.query<{ id: string }>(
    `insert into classifier.reclassify_runs (rule_set_version, status) values (1, $1) returning id::text`,
    [status],
  );
  return rows[0]?.id ?? '';
}

describe('recoverReclassifyRuns (at service start)', () => {
  it('gives every queued or running run a job, once; finished runs get none', async () => {
    const running = await insertRun('running');
    const queued = await insertRun('queued');
    await insertRun('completed');
    await insertRun('failed');
    expect(await recoverReclassifyRuns(database, queue, log)).toBe(2);
    expect(await recoverReclassifyRuns(database, queue, log)).toBe(2);
    const jobs = await queue.queue.getJobs(['waiting']);
    expect(jobs.map((j): unknown[] => [j.id, j.name, j.data as unknown]).sort()).toEqual(
      [
        [`reclassify-${queued}`, 'reclassify-all', { run_id: queued }],
        [`reclassify-${running}`, 'reclassify-all', { run_id: running }],
      ].sort(),
    );
  });

  it('retries the job of a run that failed for good without the handler recording it (stalled twice)', async () => {
    const running = await insertRun('running');
    await recoverReclassifyRuns(database, queue, log);
    // A worker that dies the way a twice-stalled job does: the job ends failed, the run row still says running.
    const worker = new Worker(classifierQueue.name, () => Promise.reject(new UnrecoverableError('job stalled more than allowable limit')), {
      connection: infra.workerRedis, prefix: infra.prefix,
    });
    try {
      await waitFor(async () => (await queue.queue.getJob(`reclassify-${running}`))?.isFailed());
    } finally {
      await worker.close();
    }
    expect(await recoverReclassifyRuns(database, queue, log)).toBe(1);
    expect(await (await queue.queue.getJob(`reclassify-${running}`))?.getState()).toBe('waiting');
  });
});
