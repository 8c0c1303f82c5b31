import type { JobPayload, hierarchyQueue } from '@hvar/contracts';
import { applyOnce, type JobContext, retryTransaction } from '@hvar/platform';
import { inbox } from '../db/schema.js';
import { drizzleTx } from '../db/sql.js';
import type { HierarchyDeps } from '../deps.js';
import { applyClassifiedBatch } from '../evaluate/apply-classified.js';

/**
 * `order-classified`: applied once per batch id (inbox); projects the orders (newer revisions only)
 * and re-evaluates exactly the customers they touch, emitting `hierarchy-changed` (cause incremental).
 */
export function orderClassifiedHandler(deps: HierarchyDeps) {
  return async (batch: JobPayload<typeof hierarchyQueue, 'order-classified'>, ctx: JobContext): Promise<null> => {
    const outcome = await retryTransaction(() =>
      applyOnce(deps.database, inbox, { id: batch.batch_id, handler: 'order-classified' }, (tx) => applyClassifiedBatch(drizzleTx(tx), batch, deps.settings)),
    );
    if (outcome.applied) deps.kickOutbox();
    ctx.log.debug({ firstDelivery: outcome.applied, ...outcome.result }, 'classified batch handled');
    return null;
  };
}
