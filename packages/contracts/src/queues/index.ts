import type { QueueContract } from '../define.js';
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

/**
 * The queues every `order-changed` batch is written to (explicit fan-out, no hidden pub/sub): the
 * classifier, and the returns service (the status of the deliveries it created).
 */
export const orderChangedConsumers = [classifierQueue, returnsQueue] as const;

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
