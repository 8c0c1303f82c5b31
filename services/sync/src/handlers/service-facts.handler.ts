import type { JobPayload, syncQueue } from '@hvar/contracts';
import { applyOnce, type JobContext } from '@hvar/platform';
import { inbox } from '../db/schema.js';
import { applyServiceFacts } from '../db/write/service-facts-write.js';
import type { SyncDeps } from '../deps.js';
import { logFactsOutcome } from './read-model-log.js';

/**
 * `service-facts` (from service-action): customer segments and the orders' service-action
 * summaries, applied once per batch (inbox keyed by `batch_id`), only where the revision is newer.
 */
export function serviceFactsHandler(deps: Pick<SyncDeps, 'database'>) {
  return async (payload: JobPayload<typeof syncQueue, 'service-facts'>, ctx: JobContext): Promise<null> => {
    const outcome = await applyOnce(deps.database, inbox, { id: payload.batch_id, handler: 'service-facts' }, (tx) => applyServiceFacts(tx, payload));
    logFactsOutcome(ctx, 'service', outcome);
    return null;
  };
}
