import type { DetectionRun, HierarchyLink, JobPayload, hierarchyQueue } from '@hvar/contracts';
import { applyOnce, type JobContext, retryTransaction } from '@hvar/platform';
import { inbox } from '../db/schema.js';
import { drizzleTx, type SqlTx } from '../db/sql.js';
import type { HierarchyDeps } from '../deps.js';
import { requestDetection } from '../detection/request-detection.js';
import { linkManually, unlinkManually } from '../evaluate/manual-commands.js';

/**
 * Runs a command's effect once per job id (inbox, same transaction): a job redelivered after its
 * commit answers the first result and changes nothing. An error rolls everything back.
 */
async function once<T>(deps: HierarchyDeps, handler: string, ctx: JobContext, effect: (tx: SqlTx) => Promise<T>): Promise<T> {
  const outcome = await retryTransaction(() => applyOnce(deps.database, inbox, { id: `${handler}:${ctx.jobId}`, handler }, (tx) => effect(drizzleTx(tx))));
  if (outcome.applied) deps.kickOutbox();
  return outcome.result;
}

/** `link`: a manual link (see `linkManually`). */
export function linkHandler(deps: HierarchyDeps) {
  return (cmd: JobPayload<typeof hierarchyQueue, 'link'>, ctx: JobContext): Promise<HierarchyLink> => once(deps, 'link', ctx, (tx) => linkManually(tx, cmd, deps.settings));
}

/** `unlink`: deactivates a sub's active link and locks it unlinked (see `unlinkManually`). */
export function unlinkHandler(deps: HierarchyDeps) {
  return (cmd: JobPayload<typeof hierarchyQueue, 'unlink'>, ctx: JobContext): Promise<HierarchyLink> => once(deps, 'unlink', ctx, (tx) => unlinkManually(tx, cmd, deps.settings));
}

/** `detect`: starts a re-detection run and queues its execution. */
export function detectHandler(deps: HierarchyDeps) {
  return (cmd: JobPayload<typeof hierarchyQueue, 'detect'>, ctx: JobContext): Promise<DetectionRun> => once(deps, 'detect', ctx, (tx) => requestDetection(tx, cmd));
}
