import type { JobPayload, syncQueue } from '@hvar/contracts';
import { applyOnce, type JobContext } from '@hvar/platform';
import { inbox } from '../db/schema.js';
import { applyHierarchyFacts } from '../db/write/read-model-write.js';
import type { SyncDeps } from '../deps.js';
import { logFactsOutcome } from './read-model-log.js';

/**
 * `hierarchy-changed` (from the hierarchy): the read model's hierarchy facts, applied once per
 * batch (inbox keyed by `batch_id`), only where the hierarchy's revision is newer; an order whose
 * state changed after the evaluated one stays `pending_review`.
 */
export function hierarchyChangedHandler(deps: Pick<SyncDeps, 'database'>) {
  return async (payload: JobPayload<typeof syncQueue, 'hierarchy-changed'>, ctx: JobContext): Promise<null> => {
    const outcome = await applyOnce(deps.database, inbox, { id: payload.batch_id, handler: 'hierarchy-changed' }, (tx) =>
      applyHierarchyFacts(tx, payload.orders),
    );
    logFactsOutcome(ctx, 'hierarchy', outcome);
    return null;
  };
}
