import { activeRuns, hasCompletedRun, type RunMode } from '../db/repo.js';
import type { SyncDeps } from '../deps.js';
import { requestRun } from '../runs/request-run.js';

/**
 * `incremental-tick` (repeatable): starts an incremental run unless a run is active, or no run ever
 * completed (before the first full sync an "incremental" run would page through everything: that is
 * the full sync's job, queued on first start or by hand). A completed full run of an account that
 * was empty then left no cursor; the incremental runs still start, from the beginning, until one
 * records a cursor (otherwise no dropped webhook would ever be caught up). An active run gets its
 * job back if it lost it (a crash between creating the run and queueing it, or a job failed as
 * stalled), so no run stays stuck.
 */
export function incrementalTickHandler(deps: SyncDeps) {
  return async (): Promise<null> => {
    const active = await activeRuns(deps.pool);
    for (const run of active) await requestRun(deps, run.mode as RunMode, 'scheduler');
    if (active.length > 0) return null;
    if (!(await hasCompletedRun(deps.pool))) {
      deps.log.info('incremental sync skipped: no sync run has completed yet (run a full sync first)');
      return null;
    }
    await requestRun(deps, 'incremental', 'scheduler');
    return null;
  };
}
