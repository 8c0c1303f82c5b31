import type { SyncRun } from '@hvar/contracts';
import { ensureJob } from '@hvar/platform';
import { findOrCreateRun, type RunMode } from '../db/repo.js';
import { toSyncRun } from '../domain/run-progress.js';
import type { SyncDeps } from '../deps.js';

/**
 * Returns the active run of `mode` or creates one, and makes sure its `execute-run` job exists (job
 * id = run id, so asking twice queues it once). A run whose job died in the failed set is retried.
 */
export async function requestRun(deps: Pick<SyncDeps, 'pool' | 'queue' | 'settings' | 'log'>, mode: RunMode, requestedBy: string): Promise<SyncRun> {
  const { run, created } = await findOrCreateRun(deps.pool, mode, requestedBy, deps.settings.pageSize);
  await ensureJob(deps.queue, 'execute-run', { run_id: run.id }, run.id);
  if (created) deps.log.info({ runId: run.id, mode, requestedBy }, `${mode} sync run queued`);
  return toSyncRun(run);
}
