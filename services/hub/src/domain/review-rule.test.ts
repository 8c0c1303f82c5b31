import { describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_SETTINGS, reasonCode, reviewVerdict } from './review-rule.js';

const codes = (v: { reasons: string[] }) => v.reasons.map(reasonCode);

describe('team-leader review rule (defaults: score ≤ 3, refund or dispose, mismatch)', () => {
  it('score 3 needs a review, score 4 does not', () => {
    expect(reviewVerdict({ action_type: 'maintenance', quality_score: 3, recommended_action: 'maintenance' })).toEqual({
      required: true, reasons: ['low_quality_score: quality score 3 is at most 3'],
    });
    expect(reviewVerdict({ action_type: 'maintenance', quality_score: 4, recommended_action: 'maintenance' })).toEqual({ required: false, reasons: [] });
    expect(reviewVerdict({ action_type: 'maintenance', quality_score: 1, recommended_action: 'maintenance' }).required).toBe(true);
    expect(reviewVerdict({ action_type: 'maintenance', quality_score: 10, recommended_action: 'maintenance' }).required).toBe(false);
  });

  it('refund and dispose always need a review, whatever the score', () => {
    const refund = reviewVerdict({ action_type: 'return_refund', quality_score: 8, recommended_action: 'refund' });
    expect(refund.required).toBe(true);
    expect(codes(refund)).toEqual(['risky_action']);
    const dispose = reviewVerdict({ action_type: 'replace_full', quality_score: 9, recommended_action: 'dispose' });
    expect(codes(dispose)).toEqual(['risky_action', 'action_mismatch']);
  });

  it.each([
    ['maintenance', 'maintenance', false],
    ['service', 'maintenance', false],
    ['replace_part', 'replace_part', false],
    ['replace_full', 'replace_full', false],
    ['maintenance', 'replace_part', true],
    ['service', 'replace_full', true],
    ['replace_part', 'maintenance', true],
    ['replace_part', 'replace_full', true],
    ['replace_full', 'maintenance', true],
    ['return_refund', 'maintenance', true],
    ['return_refund', 'replace_full', true],
  ] as const)('a %s case with a %s recommendation (score 7): mismatch review %s', (type, recommended, mismatch) => {
    const verdict = reviewVerdict({ action_type: type, quality_score: 7, recommended_action: recommended });
    expect(verdict.required).toBe(mismatch);
    expect(codes(verdict)).toEqual(mismatch ? ['action_mismatch'] : []);
  });

  it('a maintenance case recommending a refund at score 2 lists all three reasons', () => {
    const verdict = reviewVerdict({ action_type: 'maintenance', quality_score: 2, recommended_action: 'refund' });
    expect(codes(verdict)).toEqual(['low_quality_score', 'risky_action', 'action_mismatch']);
    expect(verdict.reasons[2]).toBe('action_mismatch: recommends refund, the customer asked for maintenance (maintenance)');
  });

  it('is configurable: threshold, actions and the mismatch condition', () => {
    const input = { action_type: 'maintenance', quality_score: 5, recommended_action: 'replace_part' } as const;
    expect(codes(reviewVerdict(input, { ...DEFAULT_REVIEW_SETTINGS, maxScore: 5 }))).toEqual(['low_quality_score', 'action_mismatch']);
    expect(reviewVerdict(input, { ...DEFAULT_REVIEW_SETTINGS, onMismatch: false })).toEqual({ required: false, reasons: [] });
    expect(codes(reviewVerdict(input, { maxScore: 0, actions: ['replace_part'], onMismatch: false }))).toEqual(['risky_action']);
    expect(reviewVerdict({ ...input, quality_score: 1 }, { maxScore: 0, actions: [], onMismatch: false }).required).toBe(false);
  });
});
