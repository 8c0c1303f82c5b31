import type { JobPayload, serviceActionQueue } from '@hvar/contracts';
import type { JobContext } from '@hvar/platform';
import { followOrders } from '../actions/auto-detect.js';
import { applyHierarchyFacts } from '../actions/hierarchy-facts.js';
import { projectOrdersDetailed } from '../customers/project-orders.js';
import { refreshCustomers } from '../customers/refresh.js';
import type { ServiceActionDeps } from '../deps.js';
import { emitServiceFacts } from '../facts/emit-facts.js';
import { once } from './once.js';

/**
 * `order-classified`, applied once per batch (inbox): projects the orders (newer revisions only),
 * refreshes exactly the customers they touch (aggregates, segment with reason), opens and follows
 * automatic actions, and tells the sync read model what changed.
 */
export function orderClassifiedHandler(deps: ServiceActionDeps) {
  return async (batch: JobPayload<typeof serviceActionQueue, 'order-classified'>, ctx: JobContext): Promise<null> => {
    const result = await once(deps, 'order-classified', batch.batch_id, async (tx) => {
      const { applied, movedFrom } = await projectOrdersDetailed(tx, batch.orders);
      if (applied.length === 0) return { applied: 0, actions: 0 };
      // An order that moved to another phone leaves its old customer too: both are refreshed.
      const phones = [...new Set([...applied.map((o) => o.receiver_phone), ...movedFrom])];
      const changedCustomers = await refreshCustomers(tx, phones, deps.segments, deps.now());
      const touchedOrders = await followOrders(tx, applied, deps);
      await emitServiceFacts(tx, { phones: changedCustomers, orderIds: touchedOrders });
      return { applied: applied.length, actions: touchedOrders.length };
    });
    ctx.log.debug(result ?? {}, 'classified batch handled');
    return null;
  };
}

/** `hierarchy-changed`: the orders' mains, and the sub order of actions whose return or main it concerns. */
export function hierarchyChangedHandler(deps: ServiceActionDeps) {
  return async (batch: JobPayload<typeof serviceActionQueue, 'hierarchy-changed'>): Promise<null> => {
    await once(deps, 'hierarchy-changed', batch.batch_id, async (tx) => {
      const touchedOrders = await applyHierarchyFacts(tx, batch.orders);
      await emitServiceFacts(tx, { orderIds: touchedOrders });
    });
    return null;
  };
}
