import type { JobPayload, hierarchyQueue } from '@hvar/contracts';
import { isAppError, type JobContext } from '@hvar/platform';
import type { HierarchyDeps } from '../deps.js';
import { executeDetection, recordRunFailure } from '../detection/execute-detection.js';

/**
 * `execute-detection`: runs or resumes a detection run. A failure is recorded on the run (and the
 * run marked failed when the job will not be tried again) before the job fails.
 */
export function executeDetectionHandler(deps: HierarchyDeps) {
  return async (payload: JobPayload<typeof hierarchyQueue, 'execute-detection'>, ctx: JobContext): Promise<null> => {
    try {
      const run = await executeDetection({ pool: deps.database.pool, log: ctx.log, settings: deps.settings, kickOutbox: deps.kickOutbox }, payload.run_id);
      ctx.log.info({ runId: run.id, status: run.status, customers: run.customers_done, created: run.links_created }, 'detection run finished');
      return null;
    } catch (err) {
      const final = (isAppError(err) && !err.retryable) || ctx.attempt >= (ctx.job.opts.attempts ?? 1);
      await recordRunFailure(deps.database.pool, payload.run_id, err instanceof Error ? err.message : String(err), final);
      throw err;
    }
  };
}
