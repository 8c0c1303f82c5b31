import type { QueueContract } from '../define.js';
import { classifierQueue } from './classifier.queue.js';
import { returnsQueue } from './returns.queue.js';
import { syncQueue } from './sync.queue.js';

export * from './classifier.queue.js';
export * from './returns.queue.js';
export * from './sync.queue.js';

/** The queues every `order-changed` batch is written to (explicit fan-out, no hidden pub/sub). */
export const orderChangedConsumers = [classifierQueue, returnsQueue] as const;

/**
 * Registry of every queue in the system. Each service's contract file (`<queue>.queue.ts`) is
 * added here, so tools such as `redrive`, bull-board and the system status page see every queue.
 */
export const allQueues: readonly QueueContract[] = [syncQueue, classifierQueue, returnsQueue];
