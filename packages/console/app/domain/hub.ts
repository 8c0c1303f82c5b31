/**
 * Hub workflows as the public API answers them (contracts `HubWorkflow` and the inspection fields of
 * `packages/contracts/src/messages/returns-hub.ts`), and the two questions the hub screens ask of one:
 * does it await an inspection, does it await a team leader.
 */
import type { Priority } from './customers.js';
import type { ActionType, Decision } from './service-actions.js';

export const CONDITIONS = ['excellent', 'good', 'fair', 'poor', 'damaged'] as const;
export type Condition = (typeof CONDITIONS)[number];
export const FUNCTIONALITY = ['working', 'partially_working', 'not_working'] as const;
export type Functionality = (typeof FUNCTIONALITY)[number];
export const RECOMMENDED = ['maintenance', 'replace_part', 'replace_full', 'refund', 'dispose'] as const;
export type Recommended = (typeof RECOMMENDED)[number];
export type WorkflowStatus = 'pending' | 'scanning' | 'inspecting' | 'confirmed' | 'rejected' | 'cancelled';
/** Codes of the review rule's reasons (`<code>: <explanation>` in `review_reasons`). */
export const REVIEW_REASONS = ['low_quality_score', 'risky_action', 'action_mismatch'] as const;

/** The inspection fields of a workflow (domain.md §8). */
export interface Inspection {
  product_condition: Condition;
  missing_parts: string[];
  visible_damage: string | null;
  functionality_test: Functionality | null;
  quality_score: number;
  inspection_notes: string | null;
  recommended_action: Recommended;
  recommended_priority: Priority;
  estimated_repair_cost: number | null;
  estimated_repair_days: number | null;
}

/** A hub workflow as `GET /api/v1/hub/workflows` answers it. */
export interface Workflow {
  workflow_id: string;
  action_id: string;
  case_number: string;
  action_type: ActionType;
  return_tracking_number: string;
  customer_phone: string;
  product_name: string | null;
  reason: string;
  status: WorkflowStatus;
  return_status: string | null;
  hub_name: string | null;
  hub_agent: string | null;
  inspection: Inspection | null;
  review_required: boolean;
  review_reasons: string[];
  review: { team_leader: string; decision: Decision; notes: string | null; approved_refund_limit: number | null; at: string } | null;
  scanned_at: string | null;
  inspection_completed_at: string | null;
  created_at: string;
}

/** A workflow awaits an inspection: scanned, and not inspected yet (or a team leader asked for a new one). */
export function awaitsInspection(w: Workflow): boolean {
  return w.status === 'inspecting' && (w.inspection === null || w.review?.decision === 'requires_changes');
}

/** A workflow's inspection awaits a team leader's decision. */
export function awaitsReview(w: Workflow): boolean {
  return w.status === 'inspecting' && w.inspection !== null && w.review === null;
}
