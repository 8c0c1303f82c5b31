import { describe, expect, it } from 'vitest';
import { onCaseCancelled, onConfirm, onInspect, onReview, onScan, onUpdate, type WorkflowState } from './transitions.js';

const state = (status: WorkflowState['status'], review_pending = false): WorkflowState => ({ status, review_pending, cancelled_reason: status === 'cancelled' ? 'customer changed mind' : null });
const refusal = (d: { ok: boolean; refusal?: { code: string } }) => (d.ok ? 'ok' : d.refusal?.code);

describe('workflow transitions', () => {
  it('scan: pending passes scanning to inspecting; a repeat changes nothing; a cancelled case is refused with its reason', () => {
    expect(onScan(state('pending'))).toEqual({ ok: true, next: { path: ['scanning', 'inspecting'], review_pending: false } });
    for (const s of ['inspecting', 'confirmed', 'rejected'] as const) expect(onScan(state(s))).toEqual({ ok: true, next: 'repeat' });
    const refused = onScan(state('cancelled'));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.refusal).toEqual({ code: 'case_cancelled', message: expect.stringContaining('customer changed mind') as string });
  });

  it('inspection: confirms when no review is needed, else waits for one; refused before the scan, twice, or on a closed workflow', () => {
    expect(onInspect(state('inspecting'), false)).toEqual({ ok: true, next: { path: ['confirmed'], review_pending: false } });
    expect(onInspect(state('inspecting'), true)).toEqual({ ok: true, next: { path: [], review_pending: true } });
    expect(refusal(onInspect(state('pending'), false))).toBe('not_scanned');
    expect(refusal(onInspect(state('inspecting', true), false))).toBe('review_pending');
    expect(refusal(onInspect(state('confirmed'), false))).toBe('already_inspected');
    expect(refusal(onInspect(state('rejected'), false))).toBe('already_inspected');
    expect(refusal(onInspect(state('cancelled'), false))).toBe('case_cancelled');
  });

  it('review: only when one is pending; approved confirms, rejected rejects, requires_changes asks for a new inspection', () => {
    const pending = state('inspecting', true);
    expect(onReview(pending, 'approved')).toEqual({ ok: true, next: { path: ['confirmed'], review_pending: false } });
    expect(onReview(pending, 'rejected')).toEqual({ ok: true, next: { path: ['rejected'], review_pending: false } });
    const again = onReview(pending, 'requires_changes');
    expect(again).toEqual({ ok: true, next: { path: [], review_pending: false } });
    // requires_changes → a new inspection is accepted
    expect(onInspect(state('inspecting', false), true).ok).toBe(true);
    for (const s of [state('pending'), state('inspecting'), state('confirmed'), state('rejected')]) expect(refusal(onReview(s, 'approved'))).toBe('no_review_pending');
    expect(refusal(onReview(state('cancelled'), 'approved'))).toBe('case_cancelled');
  });

  it('confirm: idempotent when confirmed; refused when not inspected, a review is pending, rejected or cancelled', () => {
    expect(onConfirm(state('confirmed'))).toEqual({ ok: true, next: 'already' });
    expect(refusal(onConfirm(state('pending')))).toBe('not_scanned');
    expect(refusal(onConfirm(state('inspecting')))).toBe('not_inspected');
    expect(refusal(onConfirm(state('inspecting', true)))).toBe('review_pending');
    expect(refusal(onConfirm(state('rejected')))).toBe('already_decided');
    expect(refusal(onConfirm(state('cancelled')))).toBe('case_cancelled');
  });

  it('case cancelled: open workflows are cancelled, decided ones stay', () => {
    for (const s of [state('pending'), state('inspecting'), state('inspecting', true)]) expect(onCaseCancelled(s)).toEqual({ path: ['cancelled'], review_pending: false });
    for (const s of [state('confirmed'), state('rejected'), state('cancelled')]) expect(onCaseCancelled(s)).toBe('ignore');
  });

  it('update: only before the scan', () => {
    expect(onUpdate(state('pending'))).toEqual({ ok: true, next: true });
    expect(refusal(onUpdate(state('inspecting')))).toBe('already_scanned');
    expect(refusal(onUpdate(state('cancelled')))).toBe('case_cancelled');
  });
});
