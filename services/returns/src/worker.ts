import { returnsQueue } from '@hvar/contracts';
import { startWorker, type Handlers, type Runtime } from '@hvar/platform';
import type { Worker } from 'bullmq';
import type { ReturnsDeps } from './deps.js';
import { legHandlers } from './handlers/legs.handler.js';
import { requestHandlers } from './handlers/requests.handler.js';

/** The returns queue's handlers, one per job name. */
export function createReturnsHandlers(deps: ReturnsDeps): Handlers<typeof returnsQueue> {
  return { ...requestHandlers(deps), ...legHandlers(deps) };
}

/** Starts the returns queue's worker. */
export function startReturnsWorker(runtime: Runtime, deps: ReturnsDeps, opts: { concurrency: number }): Worker {
  return startWorker(runtime, returnsQueue, createReturnsHandlers(deps), { concurrency: opts.concurrency });
}
