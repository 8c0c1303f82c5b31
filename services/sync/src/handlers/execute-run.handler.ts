import type { JobPayload, syncQueue } from '@hvar/contracts';
import type { JobContext } from '@hvar/platform';
import type { SyncDeps } from '../deps.js';
import { executeRun } from '../runs/execute-run.js';

/** `execute-run`: runs or resumes a sync run page by page (long job; a stalled one is picked up again). */
export function executeRunHandler(deps: SyncDeps) {
  return async (payload: JobPayload<typeof syncQueue, 'execute-run'>, ctx: JobContext): Promise<null> => {
    const finalAttempt = ctx.attempt >= (ctx.job.opts.attempts ?? 1);
    try {
      await executeRun({ ...deps, log: ctx.log, settings: deps.settings }, payload.run_id, { finalAttempt });
    } finally {
      deps.kickOutbox();
    }
    return null;
  };
}
