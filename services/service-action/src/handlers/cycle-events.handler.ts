import type { JobPayload, serviceActionQueue } from '@hvar/contracts';
import type { JobContext } from '@hvar/platform';
import { applyInspection, applyOutboundStatus, applyReturnReceived, applyReturnStatus, applyReview, type EventOutcome } from '../actions/cycle-events.js';
import type { ServiceActionDeps } from '../deps.js';
import { once } from './once.js';

type Ev<N extends 'return-status-changed' | 'outbound-status-changed' | 'return-received' | 'inspection-completed' | 'review-decided'> = JobPayload<typeof serviceActionQueue, N>;

/** Logs an event that changed nothing (late, repeated, or for a case that moved on); answers null. */
function logged(ctx: JobContext, name: string) {
  return (outcome: EventOutcome): null => {
    if (outcome.ignored) ctx.log.info({ event: name, actionId: outcome.action_id, status: outcome.status, why: outcome.ignored }, 'event changed nothing');
    return null;
  };
}

/**
 * Events of the returns and hub services, each applied once per `event_id` (inbox). They move actions
 * forward only: a late or repeated event changes nothing (and says why in the log).
 */
export function cycleEventHandlers(deps: ServiceActionDeps) {
  return {
    'return-status-changed': (ev: Ev<'return-status-changed'>, ctx: JobContext) => once(deps, 'return-status-changed', ev.event_id, (tx) => applyReturnStatus(tx, ev, deps)).then(logged(ctx, 'return-status-changed')),
    'outbound-status-changed': (ev: Ev<'outbound-status-changed'>, ctx: JobContext) => once(deps, 'outbound-status-changed', ev.event_id, (tx) => applyOutboundStatus(tx, ev, deps)).then(logged(ctx, 'outbound-status-changed')),
    'return-received': (ev: Ev<'return-received'>, ctx: JobContext) => once(deps, 'return-received', ev.event_id, (tx) => applyReturnReceived(tx, ev)).then(logged(ctx, 'return-received')),
    'inspection-completed': (ev: Ev<'inspection-completed'>, ctx: JobContext) => once(deps, 'inspection-completed', ev.event_id, (tx) => applyInspection(tx, ev)).then(logged(ctx, 'inspection-completed')),
    'review-decided': (ev: Ev<'review-decided'>, ctx: JobContext) => once(deps, 'review-decided', ev.event_id, (tx) => applyReview(tx, ev)).then(logged(ctx, 'review-decided')),
  };
}
