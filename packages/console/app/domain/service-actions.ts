/**
 * Service actions as the public API answers them (contracts `ServiceAction`, from
 * `packages/contracts/src/messages/service-action.ts`), the order of their statuses (the transition
 * table of `services/service-action/src/domain/transitions.ts`) and the rules the screens need to
 * offer only what the service would accept. Kept local: the bundle carries no schema library.
 */

/** Statuses in the order of the lifecycle (domain.md §6): the main line, its detours beside the step they leave, final ones last. */
export const ACTION_STATUSES = [
  'requested', 'return_ordered', 'return_in_transit', 'return_failed', 'return_received', 'hub_confirmed', 'pending_review',
  'in_progress', 'outbound_shipped', 'completed', 'rejected', 'cancelled',
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_TYPES = ['maintenance', 'service', 'replace_part', 'replace_full', 'return_refund'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const ACTION_SUBTYPES = ['warranty', 'paid', 'exchange', 'refund'] as const;
export type ActionSubtype = (typeof ACTION_SUBTYPES)[number];

/** A team leader's decision on a hub inspection. */
export const DECISIONS = ['approved', 'requires_changes', 'rejected'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Statuses an agent may still cancel from (the table's edges to `cancelled`). */
export const CANCELLABLE: readonly ActionStatus[] = ['requested', 'return_ordered', 'return_in_transit', 'return_failed'];
/** Final statuses: no edge leaves them. */
export const FINAL: readonly ActionStatus[] = ['completed', 'cancelled', 'rejected'];

export interface Address {
  city: string;
  zone: string | null;
  district: string | null;
  first_line: string;
}

export interface Part {
  sku: string;
  name: string;
  qty: number;
  unit_cost: number;
}

export interface Transition {
  from_status: ActionStatus | null;
  to_status: ActionStatus;
  actor: string;
  reason: string | null;
  at: string;
}

export interface Costs {
  estimated_cost: number;
  actual_cost: number;
  parts_cost: number;
  labour_cost: number;
  return_courier_fee: number;
  outbound_courier_fee: number;
  customer_contribution: number;
  refund_amount: number;
  refund_processed: boolean;
}

/** A service action as `GET /api/v1/service-actions[/:id]` answers it (every list and read has the same shape). */
export interface ServiceAction {
  action_id: string;
  case_number: string;
  customer_phone: string;
  customer_name: string | null;
  action_type: ActionType;
  action_subtype: ActionSubtype | null;
  action_status: ActionStatus;
  allowed_transitions: ActionStatus[];
  service_reason: string;
  service_notes: string | null;
  main_order_id: string | null;
  main_tracking_number: string | null;
  sub_order_id: string | null;
  sub_tracking_number: string | null;
  source_order_id: string | null;
  source_tracking_number: string | null;
  auto_detected: boolean;
  on_site: boolean;
  product_name: string | null;
  product_sku: string | null;
  product_description: string | null;
  pickup_address: Address | null;
  return_tracking_number: string | null;
  return_status: string | null;
  outbound_tracking_number: string | null;
  outbound_status: string | null;
  needs_attention: string | null;
  review_required: boolean;
  review_decision: Decision | null;
  approved_refund_limit: number | null;
  hub_quality_score: number | null;
  hub_recommended_action: string | null;
  assigned_technician: string | null;
  parts_used: Part[];
  warranty_applies: boolean;
  costs: Costs;
  closure_verified: boolean;
  created_by: string;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  cancelled_reason: string | null;
  /** Single-action reads only. */
  transitions?: Transition[];
}

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
