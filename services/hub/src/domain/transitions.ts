import type { WorkflowStatusSchema } from '@hvar/contracts';
import type { z } from 'zod';

/** A workflow status. */
export type WorkflowStatus = z.infer<typeof WorkflowStatusSchema>;
/** A team leader's decision. */
export type ReviewDecision = 'approved' | 'rejected' | 'requires_changes';

/**
 * What the rules need to know of a workflow. While `inspecting`, `review_pending` tells an inspection
 * awaiting a team leader from a parcel awaiting (another) inspection.
 */
export interface WorkflowState {
  status: WorkflowStatus;
  review_pending: boolean;
  cancelled_reason: string | null;
}

/** Why a command is refused (a 409 with a stable code). */
export interface Refusal {
  code: 'case_cancelled' | 'not_scanned' | 'already_inspected' | 'review_pending' | 'no_review_pending' | 'not_inspected' | 'already_decided' | 'already_scanned';
  message: string;
}

/** The outcome of a rule: the next state, or a refusal. */
export type Decision<T> = { ok: true; next: T } | { ok: false; refusal: Refusal };

/** Where a workflow goes: the statuses passed through (the last is the new one) and whether a review is awaited. */
export interface Move {
  path: WorkflowStatus[];
  review_pending: boolean;
}

const ok = <T>(next: T): Decision<T> => ({ ok: true, next });
const no = (code: Refusal['code'], message: string): Decision<never> => ({ ok: false, refusal: { code, message } });
const TERMINAL: readonly WorkflowStatus[] = ['confirmed', 'rejected', 'cancelled'];

function cancelled(s: WorkflowState): Decision<never> {
  return no('case_cancelled', `the case was cancelled (${s.cancelled_reason ?? 'no reason given'}); do not receive or work on this parcel`);
}

/** A scan: the first moves `pending` → `scanning` → `inspecting`; a later one is a repeat that changes nothing; a cancelled case is refused. */
export function onScan(s: WorkflowState): Decision<Move | 'repeat'> {
  if (s.status === 'cancelled') return cancelled(s);
  if (s.status === 'pending') return ok({ path: ['scanning', 'inspecting'], review_pending: false });
  return ok('repeat');
}

/** An inspection: allowed on a scanned parcel awaiting one; confirms it at once, or waits for a team leader's review. */
export function onInspect(s: WorkflowState, reviewRequired: boolean): Decision<Move> {
  if (s.status === 'cancelled') return cancelled(s);
  if (s.status === 'pending' || s.status === 'scanning') return no('not_scanned', 'the parcel was not scanned at a hub yet; scan it first');
  if (s.status !== 'inspecting') return no('already_inspected', `the workflow is ${s.status}; it takes no further inspection`);
  if (s.review_pending) return no('review_pending', "already inspected; a team leader's review is pending (a new inspection only after requires_changes)");
  return ok(reviewRequired ? { path: [], review_pending: true } : { path: ['confirmed'], review_pending: false });
}

/** A team leader's decision on a pending review: approved → confirmed, rejected → rejected, requires_changes → inspect again. */
export function onReview(s: WorkflowState, decision: ReviewDecision): Decision<Move> {
  if (s.status === 'cancelled') return cancelled(s);
  if (s.status !== 'inspecting' || !s.review_pending) {
    const why = s.status === 'inspecting' ? 'it awaits an inspection' : `it is ${s.status}`;
    return no('no_review_pending', `no review is pending on this workflow (${why})`);
  }
  if (decision === 'approved') return ok({ path: ['confirmed'], review_pending: false });
  if (decision === 'rejected') return ok({ path: ['rejected'], review_pending: false });
  return ok({ path: [], review_pending: false });
}

/**
 * A confirmation by hand. An inspection that needs no review, and an approval, confirm on their own;
 * so this answers a confirmed workflow as it is, and says why any other cannot be confirmed.
 */
export function onConfirm(s: WorkflowState): Decision<'already'> {
  if (s.status === 'confirmed') return ok('already');
  if (s.status === 'cancelled') return cancelled(s);
  if (s.status === 'rejected') return no('already_decided', 'a team leader rejected this return; it cannot be confirmed');
  if (s.status === 'pending' || s.status === 'scanning') return no('not_scanned', 'the parcel was not scanned at a hub yet');
  if (s.review_pending) return no('review_pending', "a team leader's review is pending");
  return no('not_inspected', 'the parcel was not inspected yet (or the review asked for a new inspection)');
}

/** The case was cancelled: every open workflow is cancelled; a confirmed or rejected one stays as it is. */
export function onCaseCancelled(s: WorkflowState): Move | 'ignore' {
  if (TERMINAL.includes(s.status)) return 'ignore';
  return { path: ['cancelled'], review_pending: false };
}

/** Assigning the hub or agent: only before the scan (the scan records who received it). */
export function onUpdate(s: WorkflowState): Decision<true> {
  if (s.status === 'cancelled') return cancelled(s);
  if (s.status !== 'pending') return no('already_scanned', `the parcel was scanned already (${s.status}); the scan recorded its hub and agent`);
  return ok(true);
}
