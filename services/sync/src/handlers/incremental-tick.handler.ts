import { activeRuns } from '../db/repo.js';
import type { SyncDeps } from '../deps.js';
import { requestRun } from '../runs/request-run.js';

/** `incremental-tick` (repeatable): starts an incremental run unless a run is already active. */
export function incrementalTickHandler(deps: SyncDeps) {
  return async (): Promise<null> => {
    if ((await activeRuns(deps.pool)).length > 0) return null;
    await requestRun(deps, 'incremental', 'scheduler');
    return null;
  };
}
