import { serviceActionQueue } from '@hvar/contracts';
import { startWorker, type Handlers, type Runtime } from '@hvar/platform';
import type { Worker } from 'bullmq';
import type { ServiceActionDeps } from './deps.js';
import { actionCommandHandlers } from './handlers/actions.handler.js';
import { customerCommandHandlers } from './handlers/customers.handler.js';
import { cycleEventHandlers } from './handlers/cycle-events.handler.js';
import { hierarchyChangedHandler, orderClassifiedHandler } from './handlers/order-events.handler.js';

/** The service-action queue's handlers, one per job name. */
export function createServiceActionHandlers(deps: ServiceActionDeps): Handlers<typeof serviceActionQueue> {
  return {
    'order-classified': orderClassifiedHandler(deps),
    'hierarchy-changed': hierarchyChangedHandler(deps),
    ...actionCommandHandlers(deps),
    ...customerCommandHandlers(deps),
    ...cycleEventHandlers(deps),
  };
}

/** Starts the service-action queue's worker. */
export function startServiceActionWorker(runtime: Runtime, deps: ServiceActionDeps, opts: { concurrency: number }): Worker {
  return startWorker(runtime, serviceActionQueue, createServiceActionHandlers(deps), { concurrency: opts.concurrency });
}
