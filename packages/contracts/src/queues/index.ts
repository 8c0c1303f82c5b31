import type { QueueContract } from '../define.js';
import type { OrderChange } from '../messages/order-changed.js';
import { classifierQueue } from './classifier.queue.js';
import { hierarchyQueue } from './hierarchy.queue.js';
import { hubQueue } from './hub.queue.js';
import { returnsQueue } from './returns.queue.js';
import { serviceActionQueue } from './service-action.queue.js';
import { syncQueue } from './sync.queue.js';

export * from './classifier.queue.js';
export * from './hierarchy.queue.js';
export * from './hub.queue.js';
export * from './returns.queue.js';
export * from './service-action.queue.js';
export * from './sync.queue.js';

/** Prefix of the `uniqueBusinessReference` of every delivery created for a case (case numbers are `SA-YYYY-NNNNNN`). */
export const CASE_REFERENCE_PREFIX = 'SA-';

/** Whether an order is a delivery created for a case (a return pickup or an outbound leg). */
export function isCaseDelivery(order: Pick<OrderChange, 'unique_business_reference'>): boolean {
  return order.unique_business_reference?.startsWith(CASE_REFERENCE_PREFIX) ?? false;
}

/**
 * Who gets which `order-changed` entries (explicit fan-out, no hidden pub/sub): the classifier every
 * order; the returns service only the deliveries it created for cases, so the hot path of the order
 * book does not pay a second consumer for orders it would ignore. A queue gets a message only when
 * at least one entry of the batch is for it.
 */
export const orderChangedRoutes = [
  { queue: classifierQueue, accepts: (_order: OrderChange) => true },
  { queue: returnsQueue, accepts: isCaseDelivery },
] as const;

/** The queues `order-changed` batches are written to. */
export const orderChangedConsumers = orderChangedRoutes.map((r) => r.queue);

/** The queues every `order-classified` batch is written to. */
export const orderClassifiedConsumers = [hierarchyQueue, serviceActionQueue, syncQueue] as const;

/** The queues every `hierarchy-changed` batch is written to. */
export const hierarchyChangedConsumers = [serviceActionQueue, syncQueue] as const;

/** The queues every `return-status-changed` event is written to (the case follows it; the hub expects the parcel). */
export const returnStatusConsumers = [serviceActionQueue, hubQueue] as const;

/** The queues every `service-facts` batch is written to (the order book's read model). */
export const serviceFactsConsumers = [syncQueue] as const;

/**
 * Registry of every queue in the system. Each service's contract file (`<queue>.queue.ts`) is
 * added here, so tools such as `redrive`, bull-board and the system status page see every queue.
 */
export const allQueues: readonly QueueContract[] = [syncQueue, classifierQueue, hierarchyQueue, serviceActionQueue, returnsQueue, hubQueue];
