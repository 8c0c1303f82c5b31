import { classifierQueue } from '@hvar/contracts';
import { startWorker, type Handlers, type Runtime } from '@hvar/platform';
import type { Worker } from 'bullmq';
import type { ClassifierDeps } from './deps.js';
import { orderChangedHandler } from './handlers/order-changed.handler.js';
import { publishRulesHandler } from './handlers/publish-rules.handler.js';
import { reclassifyAllHandler } from './handlers/reclassify-all.handler.js';

/** The classifier queue's handlers, one per job name. */
export function createClassifierHandlers(deps: ClassifierDeps): Handlers<typeof classifierQueue> {
  return {
    'order-changed': orderChangedHandler(deps),
    'publish-rules': publishRulesHandler(deps),
    'reclassify-all': reclassifyAllHandler(deps),
  };
}

/**
 * Starts the classifier queue's worker. The lock is renewed while the process lives; a long
 * `reclassify-all` whose process died is resumed by another worker after `lockMs`.
 */
export function startClassifierWorker(runtime: Runtime, deps: ClassifierDeps, opts: { concurrency: number; lockMs: number }): Worker {
  return startWorker(runtime, classifierQueue, createClassifierHandlers(deps), { concurrency: opts.concurrency, lockMs: opts.lockMs });
}
