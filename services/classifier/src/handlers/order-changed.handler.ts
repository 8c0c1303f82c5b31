import type { JobPayload, OrderChangedBatch, classifierQueue } from '@hvar/contracts';
import { applyOnce, type ApplyOutcome, type JobContext } from '@hvar/platform';
import { applyOrderChanges, type OrderChangesResult } from '../db/order-changes.write.js';
import { retryTransaction } from '@hvar/platform';
import { inbox } from '../db/schema.js';
import type { ClassifierDeps } from '../deps.js';

/**
 * `order-changed`: classifies a batch from the sync once (inbox keyed by `batch_id`; a redelivered
 * batch changes nothing). A change older than the order's stored state is skipped entirely: the
 * stored classification was already announced with a higher revision when it was written, so
 * announcing it again would tell consumers nothing new.
 */
export function orderChangedHandler(deps: ClassifierDeps) {
  return async (payload: JobPayload<typeof classifierQueue, 'order-changed'>, ctx: JobContext): Promise<null> => {
    const outcome = await classifyBatch(deps, payload);
    ctx.log.debug({ firstDelivery: outcome.applied, ...outcome.result }, 'order-changed batch handled');
    return null;
  };
}

/** Applies one order-changed batch once (see `applyOrderChanges`) and kicks the relay when it emitted. */
export async function classifyBatch(deps: ClassifierDeps, batch: OrderChangedBatch): Promise<ApplyOutcome<OrderChangesResult>> {
  const outcome = await retryTransaction(() =>
    applyOnce<OrderChangesResult>(deps.database, inbox, { id: batch.batch_id, handler: 'order-changed' }, (tx) =>
      applyOrderChanges(tx, deps.engines, batch.orders),
    ),
  );
  if (outcome.applied && outcome.result.messages > 0) deps.kickOutbox();
  return outcome;
}
