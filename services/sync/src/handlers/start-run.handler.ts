import type { JobPayload, SyncRun, syncQueue } from '@hvar/contracts';
import type { SyncDeps } from '../deps.js';
import { requestRun } from '../runs/request-run.js';

/** `start-run`: the active run of that mode (at most one of each), or a new queued one. */
export function startRunHandler(deps: SyncDeps) {
  return async (payload: JobPayload<typeof syncQueue, 'start-run'>): Promise<SyncRun> => requestRun(deps, payload.mode, payload.requested_by);
}
