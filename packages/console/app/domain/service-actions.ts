/**
 * Service actions as the public API answers them (the contracts' `ServiceAction`, imported as a type
 * only: the bundle carries no schema library), the order of their statuses (the transition table of
 * `services/service-action/src/domain/transitions.ts`) and the rules the screens need to offer only
 * what the service would accept.
 */
import type { ActionStatus, ActionSubtype, ActionType, ReviewDecision, ServiceAction } from '@hvar/contracts';

export type { ActionStatus, ActionType, Address, ServiceAction } from '@hvar/contracts';

/** Statuses in the order of the lifecycle (domain.md §6): the main line, its detours beside the step they leave, final ones last. */
export const ACTION_STATUSES = [
  'requested', 'return_ordered', 'return_in_transit', 'return_failed', 'return_received', 'hub_confirmed', 'pending_review',
  'in_progress', 'outbound_shipped', 'completed', 'rejected', 'cancelled',
] as const satisfies readonly ActionStatus[];

export const ACTION_TYPES = ['maintenance', 'service', 'replace_part', 'replace_full', 'return_refund'] as const satisfies readonly ActionType[];

export const ACTION_SUBTYPES = ['warranty', 'paid', 'exchange', 'refund'] as const satisfies readonly ActionSubtype[];

/** A team leader's decision on a hub inspection. */
export const DECISIONS = ['approved', 'requires_changes', 'rejected'] as const satisfies readonly ReviewDecision[];
export type Decision = ReviewDecision;

/** Statuses an agent may still cancel from (the table's edges to `cancelled`). */
export const CANCELLABLE: readonly ActionStatus[] = ['requested', 'return_ordered', 'return_in_transit', 'return_failed'];
/** Final statuses: no edge leaves them. */
export const FINAL: readonly ActionStatus[] = ['completed', 'cancelled', 'rejected'];

/** The API's route of each type's execution (`/service-actions/:id/<route>`). */
export const EXECUTION_ROUTE: Record<ActionType, 'replace-part' | 'maintenance' | 'replace-full' | 'refund'> = {
  replace_part: 'replace-part', maintenance: 'maintenance', service: 'maintenance', replace_full: 'replace-full', return_refund: 'refund',
};

/**
 * Whether the service would start the execution now: the hub confirmed the product (and a team
 * leader approved when a review was required), or the work is on site and the case is still
 * requested (`checkStatus` in `services/service-action/src/domain/execution.ts`).
 */
export function isExecutable(a: Pick<ServiceAction, 'action_status' | 'review_required' | 'review_decision' | 'on_site'>): boolean {
  if (a.action_status === 'hub_confirmed') return !a.review_required || a.review_decision === 'approved';
  return a.on_site && a.action_status === 'requested';
}

/** Query path of one action (id or case number). */
export const actionPath = (ref: string): string => `/api/v1/service-actions/${encodeURIComponent(ref)}`;
