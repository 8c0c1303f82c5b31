import { ActionStatusSchema, type ActionStatus } from '@hvar/contracts';
import { describe, expect, it } from 'vitest';
import { allowedTransitions, checkTransition, isCancellable, isFinal, returnLegPath, type TransitionContext } from './transitions.js';

const plain: TransitionContext = { on_site: false, auto_detected: false, review_required: false, review_decision: null };

// The table of domain.md §6 written out by hand, independent of the implementation's data.
const EXPECTED = `
requested -> return_ordered
requested -> cancelled
return_ordered -> return_in_transit
return_ordered -> return_failed
return_ordered -> cancelled
return_in_transit -> return_received
return_in_transit -> return_failed
return_in_transit -> cancelled
return_failed -> requested
return_failed -> cancelled
return_received -> hub_confirmed
hub_confirmed -> pending_review
hub_confirmed -> in_progress
pending_review -> hub_confirmed
pending_review -> rejected
pending_review -> return_received
in_progress -> outbound_shipped
in_progress -> completed
outbound_shipped -> completed
outbound_shipped -> in_progress
`
  .trim()
  .split('\n')
  .map((l) => l.trim());

const statuses = ActionStatusSchema.options;

describe('transition table (plain agent-created action)', () => {
  for (const from of statuses) {
    for (const to of statuses) {
      const allowed = EXPECTED.includes(`${from} -> ${to}`);
      it(`${from} -> ${to} is ${allowed ? 'allowed' : 'refused'}`, () => {
        const check = checkTransition(from, to, plain);
        expect(check.ok).toBe(allowed);
        if (!check.ok) {
          expect(check.allowed).toEqual(EXPECTED.filter((l) => l.startsWith(`${from} -> `)).map((l) => l.split(' -> ')[1]));
          expect(check.message).toContain(`from ${from} to ${to}`);
        }
      });
    }
  }
});

describe('guarded transitions', () => {
  it('requested -> in_progress only for an on-site action', () => {
    expect(checkTransition('requested', 'in_progress', plain).ok).toBe(false);
    expect(checkTransition('requested', 'in_progress', { ...plain, on_site: true }).ok).toBe(true);
  });

  it('requested -> completed only for an automatic action (its source order finished)', () => {
    expect(checkTransition('requested', 'completed', plain).ok).toBe(false);
    expect(checkTransition('requested', 'completed', { ...plain, auto_detected: true }).ok).toBe(true);
  });

  it('hub_confirmed -> in_progress needs the approval when a review was required', () => {
    const review = { ...plain, review_required: true };
    const refused = checkTransition('hub_confirmed', 'in_progress', review);
    expect(refused).toMatchObject({ ok: false, allowed: ['pending_review'] });
    if (!refused.ok) expect(refused.message).toContain('after approval');
    expect(checkTransition('hub_confirmed', 'in_progress', { ...review, review_decision: 'rejected' }).ok).toBe(false);
    expect(checkTransition('hub_confirmed', 'in_progress', { ...review, review_decision: 'approved' }).ok).toBe(true);
  });

  it('a final status allows nothing and says so', () => {
    for (const s of ['completed', 'cancelled', 'rejected'] as ActionStatus[]) {
      expect(isFinal(s)).toBe(true);
      expect(allowedTransitions(s, plain)).toEqual([]);
      const check = checkTransition(s, 'requested', plain);
      if (check.ok) throw new Error('expected a refusal');
      expect(check.message).toContain('none (final status)');
    }
  });
});

describe('cancellation and the return leg', () => {
  it('is cancellable exactly before the product is received', () => {
    expect(statuses.filter(isCancellable)).toEqual(['requested', 'return_ordered', 'return_in_transit', 'return_failed']);
  });

  it('walks the return leg forward and never back', () => {
    expect(returnLegPath('requested', 'return_in_transit')).toEqual(['return_ordered', 'return_in_transit']);
    expect(returnLegPath('return_ordered', 'return_received')).toEqual(['return_in_transit', 'return_received']);
    expect(returnLegPath('return_in_transit', 'return_ordered')).toEqual([]);
    expect(returnLegPath('return_ordered', 'return_ordered')).toEqual([]);
    expect(returnLegPath('hub_confirmed', 'return_received')).toEqual([]);
  });
});
