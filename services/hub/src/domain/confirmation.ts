import type { ActionType, ConfirmationTypeSchema, RecommendedActionSchema } from '@hvar/contracts';
import type { z } from 'zod';

/** What the hub confirms. */
export type ConfirmationType = z.infer<typeof ConfirmationTypeSchema>;
/** What an inspection recommends. */
export type RecommendedAction = z.infer<typeof RecommendedActionSchema>;

const CONFIRMATION: Record<ActionType, ConfirmationType> = {
  maintenance: 'maintenance_verification',
  service: 'maintenance_verification',
  replace_part: 'exchange_verification',
  replace_full: 'exchange_verification',
  return_refund: 'return_inspection',
};

/** The confirmation type of a case's return (domain.md §8): the repair, the exchange, or the refund's inspection. */
export function confirmationTypeOf(actionType: ActionType): ConfirmationType {
  return CONFIRMATION[actionType];
}

const REQUESTED: Record<ActionType, RecommendedAction> = {
  maintenance: 'maintenance',
  service: 'maintenance',
  replace_part: 'replace_part',
  replace_full: 'replace_full',
  return_refund: 'refund',
};

/** The outcome the customer asked for, in the inspection's vocabulary (a recommendation that differs needs a review). */
export function requestedOutcome(actionType: ActionType): RecommendedAction {
  return REQUESTED[actionType];
}
