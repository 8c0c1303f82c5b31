import type { SyncRun } from '@hvar/contracts';
import { findOrCreateRun, type RunMode } from '../db/repo.js';
import { toSyncRun } from '../domain/run-progress.js';
import type { SyncDeps } from '../deps.js';

/**
 * Returns the active run of `mode` or creates one, and makes sure its `execute-run` job exists (job
 * id = run id, so asking twice queues it once). A run whose job died in the failed set is retried.
 */
export async function requestRun(deps: Pick<SyncDeps, 'pool' | 'queue' | 'settings' | 'log'>, mode: RunMode, requestedBy: string): Promise<SyncRun> {
  const { run, created } = await findOrCreateRun(deps.pool, mode, requestedBy, deps.settings.pageSize);
  const existing = await deps.queue.queue.getJob(run.id);
  if (!existing) await deps.queue.add('execute-run', { run_id: run.id }, { jobId: run.id });
  else if (await existing.isFailed()) await existing.retry('failed');
  if (created) deps.log.info({ runId: run.id, mode, requestedBy }, `${mode} sync run queued`);
  return toSyncRun(run);
}
