import { serviceActionQueue } from '@hvar/contracts';
import { startWorker, type Handlers, type Runtime } from '@hvar/platform';
import type { Worker } from 'bullmq';
import type { ServiceActionDeps } from './deps.js';
import { actionCommandHandlers } from './handlers/actions.handler.js';
import { refreshTimeSegments } from './customers/time-segments.js';
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
    'refresh-segments': async (_payload, ctx) => {
      const changed = await refreshTimeSegments(deps.database, deps.segments, deps.now());
      ctx.log.info({ changed }, 'time-based segments refreshed');
      if (changed > 0) deps.kickOutbox();
      return null;
    },
  };
}

/** Starts the service-action queue's worker. */
export function startServiceActionWorker(runtime: Runtime, deps: ServiceActionDeps, opts: { concurrency: number }): Worker {
  return startWorker(runtime, serviceActionQueue, createServiceActionHandlers(deps), { concurrency: opts.concurrency });
}

/** Scheduler id of the repeatable `refresh-segments` (one per deployment, whatever the replicas). */
export const SEGMENT_SCHEDULER_ID = 'refresh-segments';
