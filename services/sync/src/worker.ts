import { syncQueue } from '@hvar/contracts';
import { startWorker, type Handlers, type Runtime } from '@hvar/platform';
import type { Worker } from 'bullmq';
import type { SyncDeps } from './deps.js';
import { executeRunHandler } from './handlers/execute-run.handler.js';
import { hierarchyChangedHandler } from './handlers/hierarchy-changed.handler.js';
import { incrementalTickHandler } from './handlers/incremental-tick.handler.js';
import { orderClassifiedHandler } from './handlers/order-classified.handler.js';
import { refreshDetailsHandler } from './handlers/refresh-details.handler.js';
import { serviceFactsHandler } from './handlers/service-facts.handler.js';
import { startRunHandler } from './handlers/start-run.handler.js';
import { webhookReceivedHandler } from './handlers/webhook-received.handler.js';

/** The sync queue's handlers, one per job name. */
export function createSyncHandlers(deps: SyncDeps): Handlers<typeof syncQueue> {
  return {
    'start-run': startRunHandler(deps),
    'execute-run': executeRunHandler(deps),
    'incremental-tick': incrementalTickHandler(deps),
    'webhook-received': webhookReceivedHandler(deps),
    'refresh-details': refreshDetailsHandler(deps),
    'order-classified': orderClassifiedHandler(deps),
    'hierarchy-changed': hierarchyChangedHandler(deps),
    'service-facts': serviceFactsHandler(deps),
  };
}

/**
 * Starts the sync queue's worker, with the lock a long `execute-run` needs: renewed while the
 * process lives; when it dies, another worker (or this one restarted) resumes the run after `lockMs`.
 */
export function startSyncWorker(runtime: Runtime, deps: SyncDeps, opts: { concurrency: number; lockMs: number }): Worker {
  return startWorker(runtime, syncQueue, createSyncHandlers(deps), { concurrency: opts.concurrency, lockMs: opts.lockMs });
}
