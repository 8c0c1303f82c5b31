/**
 * Hub workflows as the public API answers them (the contracts' `HubWorkflow` and `InspectionFields`,
 * imported as types only), the values the inspection form offers, and the two questions the hub
 * screens ask of a workflow: does it await an inspection, does it await a team leader.
 */
import type { FunctionalityTest, HubWorkflow, InspectionFields, ProductCondition, RecommendedAction } from '@hvar/contracts';

export const CONDITIONS = ['excellent', 'good', 'fair', 'poor', 'damaged'] as const satisfies readonly ProductCondition[];
export type Condition = ProductCondition;
export const FUNCTIONALITY = ['working', 'partially_working', 'not_working'] as const satisfies readonly FunctionalityTest[];
export type Functionality = FunctionalityTest;
export const RECOMMENDED = ['maintenance', 'replace_part', 'replace_full', 'refund', 'dispose'] as const satisfies readonly RecommendedAction[];
export type Recommended = RecommendedAction;
/** Codes of the review rule's reasons (`<code>: <explanation>` in `review_reasons`). */
export const REVIEW_REASONS = ['low_quality_score', 'risky_action', 'action_mismatch'] as const;

/** The inspection fields of a workflow (domain.md §8). */
export type Inspection = InspectionFields;

/** A hub workflow as `GET /api/v1/hub/workflows` answers it. */
export type Workflow = HubWorkflow;

/** A workflow awaits an inspection: scanned, and not inspected yet (or a team leader asked for a new one). */
export function awaitsInspection(w: Workflow): boolean {
  return w.status === 'inspecting' && (w.inspection === null || w.review?.decision === 'requires_changes');
}

/** A workflow's inspection awaits a team leader's decision. */
export function awaitsReview(w: Workflow): boolean {
  return w.status === 'inspecting' && w.inspection !== null && w.review === null;
}
