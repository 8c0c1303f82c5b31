import type { JobPayload, classifierQueue } from '@hvar/contracts';
import { AppError, type JobContext, type Logger } from '@hvar/platform';
import { reclassifyChunk, recordRunError, startRun } from '../db/reclassify.write.js';
import type { ClassifierDeps } from '../deps.js';

/** `reclassify-all`: see `reclassifyAll`; the last attempt of the job marks the run failed. */
export function reclassifyAllHandler(deps: ClassifierDeps) {
  return async (payload: JobPayload<typeof classifierQueue, 'reclassify-all'>, ctx: JobContext): Promise<null> => {
    await reclassifyAll(deps, payload.run_id, { finalAttempt: ctx.attempt >= (ctx.job.opts.attempts ?? 1), log: ctx.log });
    return null;
  };
}

/**
 * Walks every order chunk by chunk with the run's rule-set version (see `reclassifyChunk`). Running
 * it again (a stalled job after a crash, a redelivery) resumes from the last committed chunk; a
 * finished or superseded run does nothing; an unknown run is not_found. A failure is recorded on
 * the run, which is marked failed on the final attempt.
 */
export async function reclassifyAll(deps: ClassifierDeps, runId: string, opts: { finalAttempt: boolean; log?: Logger }): Promise<void> {
  const run = await startRun(deps.database, runId);
  if (run === null) throw new AppError('not_found', `no reclassify run ${runId}`);
  if (run === undefined) return;
  try {
    const totals = await runToEnd(deps, run.id);
    opts.log?.info({ runId, ...totals }, 'reclassify run ended');
  } catch (err) {
    await recordRunError(deps.database, run.id, err instanceof Error ? err.message : String(err), opts.finalAttempt);
    throw err;
  }
}

/** Runs chunks until the run completes or stops; returns the chunks' totals. */
async function runToEnd(deps: ClassifierDeps, runId: string): Promise<{ orders: number; changed: number; outcome: string }> {
  const totals = { orders: 0, changed: 0 };
  for (;;) {
    const chunk = await reclassifyChunk(deps.database, deps.engines, runId, deps.settings.reclassifyChunk);
    totals.orders += chunk.orders;
    totals.changed += chunk.changed;
    if (chunk.changed > 0) deps.kickOutbox();
    if (chunk.next !== 'more') return { ...totals, outcome: chunk.next };
  }
}
