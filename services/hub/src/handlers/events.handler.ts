import type { JobPayload, hubQueue } from '@hvar/contracts';
import type { JobContext } from '@hvar/platform';
import type { HubDeps } from '../deps.js';
import { applyCaseCancelled } from '../workflows/cancel.js';
import { applyReturnCreated, applyReturnStatus, type EventOutcome } from '../workflows/expect.js';
import { once } from './once.js';

type Ev<N extends 'return-created' | 'return-status-changed' | 'case-cancelled'> = JobPayload<typeof hubQueue, N>;

/** Logs an event that changed nothing (late, repeated, or for a case that moved on); answers null. */
function logged(ctx: JobContext, name: string) {
  return (outcome: EventOutcome): null => {
    if (outcome.ignored) ctx.log.info({ event: name, workflowId: outcome.workflow_id, why: outcome.ignored }, 'event changed nothing');
    return null;
  };
}

/** Events of the returns and service-action services, each applied once per `event_id` (inbox). */
export function eventHandlers(deps: HubDeps) {
  return {
    'return-created': (ev: Ev<'return-created'>, ctx: JobContext) => once(deps, 'return-created', ev.event_id, (tx) => applyReturnCreated(tx, ev, deps.now())).then(logged(ctx, 'return-created')),
    'return-status-changed': (ev: Ev<'return-status-changed'>, ctx: JobContext) =>
      once(deps, 'return-status-changed', ev.event_id, (tx) => applyReturnStatus(tx, ev, deps.now())).then(logged(ctx, 'return-status-changed')),
    'case-cancelled': (ev: Ev<'case-cancelled'>, ctx: JobContext) => once(deps, 'case-cancelled', ev.event_id, (tx) => applyCaseCancelled(tx, ev, deps.now())).then(logged(ctx, 'case-cancelled')),
  };
}
