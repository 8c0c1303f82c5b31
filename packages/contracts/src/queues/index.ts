import type { QueueContract } from '../define.js';

/**
 * Registry of every queue in the system. Each service's contract file (`<queue>.queue.ts`) is
 * added here, so tools such as `redrive`, bull-board and the system status page see every queue.
 */
export const allQueues: readonly QueueContract[] = [];
