import { activeRuns, isFirstStart } from '../db/repo.js';
import type { SyncDeps } from '../deps.js';
import { requestRun } from './request-run.js';

/** Job scheduler id of the incremental sync (one per queue, whatever the number of replicas). */
export const INCREMENTAL_SCHEDULER_ID = 'incremental-sync';

/** Creates or updates the repeatable `incremental-tick` (BullMQ job scheduler, idempotent by id). */
export async function scheduleIncremental(deps: Pick<SyncDeps, 'queue'>, everyMs: number): Promise<void> {
  await deps.queue.queue.upsertJobScheduler(INCREMENTAL_SCHEDULER_ID, { every: everyMs }, { name: 'incremental-tick', data: {} });
}

/**
 * At start: makes sure every active run has its `execute-run` job (a run queued just before a crash
 * resumes), and on a first start (empty order book, no full run ever completed) queues a full sync.
 */
export async function recoverRuns(deps: SyncDeps, opts: { fullOnFirstStart: boolean }): Promise<void> {
  for (const run of await activeRuns(deps.pool)) await requestRun(deps, run.mode === 'full' ? 'full' : 'incremental', run.requested_by);
  if (opts.fullOnFirstStart && (await isFirstStart(deps.pool))) await requestRun(deps, 'full', 'first-start');
}
