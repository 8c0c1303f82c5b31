import type { ActionType } from '@hvar/contracts';
import { requestedOutcome, type RecommendedAction } from './confirmation.js';

/** The team-leader review rule's settings (configuration, domain.md §8). */
export interface ReviewSettings {
  /** Required when the quality score is at most this (0: never for the score). */
  maxScore: number;
  /** Required when the recommendation is one of these. */
  actions: readonly RecommendedAction[];
  /** Required when the recommendation differs from what the customer asked for. */
  onMismatch: boolean;
}

/** The documented defaults: score ≤ 3, refund or dispose, or a mismatch. */
export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = { maxScore: 3, actions: ['refund', 'dispose'], onMismatch: true };

/** Why a review is required; each reason starts with a stable code (`code: explanation`). */
export type ReviewReasonCode = 'low_quality_score' | 'risky_action' | 'action_mismatch';

/** The rule's verdict: whether a team leader must review, and every reason that applies. */
export interface ReviewVerdict {
  required: boolean;
  reasons: string[];
}

/** The facts of an inspection the rule looks at. */
export interface ReviewInput {
  action_type: ActionType;
  quality_score: number;
  recommended_action: RecommendedAction;
}

/** Applies the review rule: every condition that holds is listed (none: no review). */
export function reviewVerdict(input: ReviewInput, settings: ReviewSettings = DEFAULT_REVIEW_SETTINGS): ReviewVerdict {
  const reasons: string[] = [];
  if (input.quality_score <= settings.maxScore) {
    reasons.push(`low_quality_score: quality score ${input.quality_score} is at most ${settings.maxScore}`);
  }
  if (settings.actions.includes(input.recommended_action)) {
    reasons.push(`risky_action: a ${input.recommended_action} recommendation is always reviewed`);
  }
  const asked = requestedOutcome(input.action_type);
  if (settings.onMismatch && input.recommended_action !== asked) {
    reasons.push(`action_mismatch: recommends ${input.recommended_action}, the customer asked for ${asked} (${input.action_type})`);
  }
  return { required: reasons.length > 0, reasons };
}

/** The code of a reason written by `reviewVerdict` (for analytics). */
export function reasonCode(reason: string): string {
  return reason.split(':', 1)[0] ?? reason;
}
