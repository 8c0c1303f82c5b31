import type { ActionStatus } from '@hvar/contracts';

/** What a guard of the table looks at. */
export interface TransitionContext {
  on_site: boolean;
  auto_detected: boolean;
  review_required: boolean;
  review_decision: string | null;
}

/** One edge of the table: the target and, when it has one, the condition it needs. */
interface Edge {
  to: ActionStatus;
  /** Why the edge exists (documentation and the 409 answer). */
  when: string;
  guard?: (ctx: TransitionContext) => boolean;
}

const reviewSettled = (ctx: TransitionContext) => !ctx.review_required || ctx.review_decision === 'approved';

/**
 * The transition table of domain.md §6, the one place that decides which status may follow which.
 * Terminal statuses (`completed`, `cancelled`, `rejected`) have no edges.
 */
export const TRANSITIONS: Readonly<Record<ActionStatus, readonly Edge[]>> = {
  requested: [
    { to: 'return_ordered', when: 'the return pickup exists at Bosta' },
    { to: 'cancelled', when: 'an agent cancels (before the product is received)' },
    { to: 'in_progress', when: 'execution starts on site (no return needed)', guard: (c) => c.on_site },
    { to: 'completed', when: 'the source order of an automatic action reached its final state', guard: (c) => c.auto_detected },
  ],
  return_ordered: [
    { to: 'return_in_transit', when: 'the courier picked the product up from the customer' },
    { to: 'return_failed', when: 'the pickup failed or was terminated' },
    { to: 'cancelled', when: 'an agent cancels (before the product is received)' },
  ],
  return_in_transit: [
    { to: 'return_received', when: 'the return was scanned at a hub' },
    { to: 'return_failed', when: 'the pickup failed or was terminated' },
    { to: 'cancelled', when: 'an agent cancels (before the product is received)' },
  ],
  return_failed: [
    { to: 'requested', when: 'an agent requests the pickup again' },
    { to: 'cancelled', when: 'an agent cancels (before the product is received)' },
  ],
  return_received: [{ to: 'hub_confirmed', when: 'the hub inspection is done' }],
  hub_confirmed: [
    { to: 'pending_review', when: 'the inspection requires a team-leader review' },
    { to: 'in_progress', when: 'execution starts (after approval when a review was required)', guard: reviewSettled },
  ],
  pending_review: [
    { to: 'hub_confirmed', when: 'a team leader approved' },
    { to: 'rejected', when: 'a team leader rejected' },
    { to: 'return_received', when: 'a team leader asked for changes (inspect again)' },
  ],
  in_progress: [
    { to: 'outbound_shipped', when: 'the repaired product or the replacement was handed to Bosta' },
    { to: 'completed', when: 'the refund was recorded, or on-site work finished' },
  ],
  outbound_shipped: [
    { to: 'completed', when: 'the outbound delivery was delivered (state 45)' },
    { to: 'in_progress', when: 'the outbound delivery failed (ship again)' },
  ],
  completed: [],
  cancelled: [],
  rejected: [],
};

/** Statuses reachable from `from` under the context (what a 409 lists). */
export function allowedTransitions(from: ActionStatus, ctx: TransitionContext): ActionStatus[] {
  return TRANSITIONS[from].filter((e) => !e.guard || e.guard(ctx)).map((e) => e.to);
}

/** The decision on one requested transition. */
export type TransitionCheck = { ok: true } | { ok: false; allowed: ActionStatus[]; message: string };

/** Whether `from → to` is allowed; when not, the allowed targets and a message that names them. */
export function checkTransition(from: ActionStatus, to: ActionStatus, ctx: TransitionContext): TransitionCheck {
  const allowed = allowedTransitions(from, ctx);
  if (allowed.includes(to)) return { ok: true };
  const edge = TRANSITIONS[from].find((e) => e.to === to);
  const why = edge ? ` (needs: ${edge.when})` : '';
  const list = allowed.length > 0 ? allowed.join(', ') : 'none (final status)';
  return { ok: false, allowed, message: `cannot move from ${from} to ${to}${why}; allowed from ${from}: ${list}` };
}

/** Statuses in which an action can still be cancelled (before the product is received). */
export function isCancellable(status: ActionStatus): boolean {
  return TRANSITIONS[status].some((e) => e.to === 'cancelled');
}

/** Final statuses. */
export function isFinal(status: ActionStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/** The return leg in order: an event for a later step walks the steps in between (a lost event never blocks). */
export const RETURN_LEG: readonly ActionStatus[] = ['requested', 'return_ordered', 'return_in_transit', 'return_received'];

/**
 * The steps from `from` up to `to` along the return leg (empty when `to` is not ahead of `from`, so
 * an older or repeated event changes nothing).
 */
export function returnLegPath(from: ActionStatus, to: ActionStatus): ActionStatus[] {
  const i = RETURN_LEG.indexOf(from);
  const j = RETURN_LEG.indexOf(to);
  if (i < 0 || j <= i) return [];
  return RETURN_LEG.slice(i + 1, j + 1);
}
