import { syncQueue } from '@hvar/contracts';
import { createWorker, type Handlers, type Runtime } from '@hvar/platform';
import type { Worker } from 'bullmq';
import type { SyncDeps } from './deps.js';
import { executeRunHandler } from './handlers/execute-run.handler.js';
import { incrementalTickHandler } from './handlers/incremental-tick.handler.js';
import { refreshDetailsHandler } from './handlers/refresh-details.handler.js';
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
  };
}

/**
 * Starts the sync queue's worker. Like `startWorker` from the platform, plus the lock settings a
 * long `execute-run` needs: the lock is renewed while the process lives; when it dies, another
 * worker (or this one restarted) picks the stalled run up after `lockMs`.
 */
export function startSyncWorker(runtime: Runtime, deps: SyncDeps, opts: { concurrency: number; lockMs: number }): Worker {
  const worker = createWorker(syncQueue, createSyncHandlers(deps), {
    connection: runtime.workerRedis,
    prefix: runtime.prefix,
    log: runtime.log,
    concurrency: opts.concurrency,
    lockDuration: opts.lockMs,
    stalledInterval: Math.max(1_000, Math.round(opts.lockMs / 2)),
    telemetryName: runtime.name,
    onOutcome: (o) => {
      runtime.metrics.jobOutcomes.inc({ queue: o.queue, job: o.name, status: o.status });
      if (o.status === 'completed') runtime.metrics.jobDuration.observe({ queue: o.queue, job: o.name }, o.ms / 1000);
    },
  });
  runtime.workers.push(worker);
  runtime.shutdown.add('intake', `worker ${syncQueue.name}`, () => worker.close());
  return worker;
}
