import type { JobPayload, syncQueue } from '@hvar/contracts';
import { applyOnce, type JobContext } from '@hvar/platform';
import { inbox } from '../db/schema.js';
import { applyClassifications } from '../db/write/read-model-write.js';
import type { SyncDeps } from '../deps.js';
import { logFactsOutcome } from './read-model-log.js';

/**
 * `order-classified` (from the classifier): the read model's classification facts, applied once
 * per batch (inbox keyed by `batch_id`), only where the classifier's revision is newer.
 */
export function orderClassifiedHandler(deps: Pick<SyncDeps, 'database'>) {
  return async (payload: JobPayload<typeof syncQueue, 'order-classified'>, ctx: JobContext): Promise<null> => {
    const outcome = await applyOnce(deps.database, inbox, { id: payload.batch_id, handler: 'order-classified' }, (tx) =>
      applyClassifications(tx, payload.orders),
    );
    logFactsOutcome(ctx, 'classification', outcome);
    return null;
  };
}
