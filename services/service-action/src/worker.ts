import { serviceActionQueue } from '@hvar/contracts';
import { startWorker, type Handlers, type JobContext, type Runtime } from '@hvar/platform';
import type { Worker } from 'bullmq';
import type { ServiceActionDeps } from './deps.js';
import { actionCommandHandlers } from './handlers/actions.handler.js';
import { refreshTimeSegments } from './customers/time-segments.js';
import { customerCommandHandlers } from './handlers/customers.handler.js';
import { cycleEventHandlers } from './handlers/cycle-events.handler.js';
import { hierarchyChangedHandler, orderClassifiedHandler } from './handlers/order-events.handler.js';

/**
 * The service-action queue's handlers, one per job name. Every write of this service happens in one
 * of these jobs, and most of them change what a customer read shows (profiles, aggregates, segments,
 * interactions, the action counts of the customer views); so every job, whatever its outcome, bumps
 * the customers read version once it settled (its transactions committed or rolled back). A handler
 * added here is covered without doing anything.
 */
export function createServiceActionHandlers(deps: ServiceActionDeps): Handlers<typeof serviceActionQueue> {
  return bumpingCustomerReads(deps, jobHandlers(deps));
}

function jobHandlers(deps: ServiceActionDeps): Handlers<typeof serviceActionQueue> {
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

type AnyHandler = (payload: unknown, ctx: JobContext) => Promise<unknown>;

/** Each handler, then the read version bump (before the job completes, so whoever waits on the job reads fresh). */
function bumpingCustomerReads(deps: ServiceActionDeps, handlers: Handlers<typeof serviceActionQueue>): Handlers<typeof serviceActionQueue> {
  const wrap = (handler: AnyHandler): AnyHandler => async (payload, ctx) => {
    try {
      return await handler(payload, ctx);
    } finally {
      await deps.bumpCustomerReads();
    }
  };
  const entries = Object.entries(handlers as Record<string, AnyHandler>).map(([name, handler]) => [name, wrap(handler)]);
  return Object.fromEntries(entries) as Handlers<typeof serviceActionQueue>;
}

/** Starts the service-action queue's worker. */
export function startServiceActionWorker(runtime: Runtime, deps: ServiceActionDeps, opts: { concurrency: number }): Worker {
  return startWorker(runtime, serviceActionQueue, createServiceActionHandlers(deps), { concurrency: opts.concurrency });
}

/** Scheduler id of the repeatable `refresh-segments` (one per deployment, whatever the replicas). */
export const SEGMENT_SCHEDULER_ID = 'refresh-segments';
