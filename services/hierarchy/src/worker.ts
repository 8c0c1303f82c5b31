import { hierarchyQueue } from '@hvar/contracts';
import { startWorker, type Handlers, type Runtime } from '@hvar/platform';
import type { Worker } from 'bullmq';
import type { HierarchyDeps } from './deps.js';
import { detectHandler, linkHandler, unlinkHandler } from './handlers/commands.handler.js';
import { executeDetectionHandler } from './handlers/execute-detection.handler.js';
import { orderClassifiedHandler } from './handlers/order-classified.handler.js';

/** The hierarchy queue's handlers, one per job name. */
export function createHierarchyHandlers(deps: HierarchyDeps): Handlers<typeof hierarchyQueue> {
  return {
    'order-classified': orderClassifiedHandler(deps),
    link: linkHandler(deps),
    unlink: unlinkHandler(deps),
    detect: detectHandler(deps),
    'execute-detection': executeDetectionHandler(deps),
  };
}

/**
 * Starts the hierarchy queue's worker. `lockMs` is the lock a long `execute-detection` holds while
 * its process lives; when the process dies, the run is resumed by another worker after it.
 */
export function startHierarchyWorker(runtime: Runtime, deps: HierarchyDeps, opts: { concurrency: number; lockMs: number }): Worker {
  return startWorker(runtime, hierarchyQueue, createHierarchyHandlers(deps), { concurrency: opts.concurrency, lockMs: opts.lockMs });
}
