import { movesForward, statusForState, type LegKind } from './status.js';

/** What a leg holds of Bosta's state. */
export interface LegState {
  leg: LegKind;
  status: string;
  tracking_number: string | null;
  bosta_delivery_id: string | null;
  bosta_state_code: number | null;
  state_at: Date | null;
  sync_version: number;
}

/** One state of the leg's delivery, from an `order-changed` entry. */
export interface StateEntry {
  order_id: string;
  tracking_number: string;
  state_code: number;
  state_at: Date;
  sync_version: number;
}

/** One applied state: the leg's status after it, and whether the status changed there. */
export interface AppliedStep {
  status: string;
  bosta_state_code: number;
  at: Date;
  changed: boolean;
}

/** The leg after the entries, and what happened on the way. */
export interface Applied {
  state: LegState;
  steps: AppliedStep[];
  /** The leg learned its delivery here (found by its reference; the create's answer was lost). */
  trackingGained: boolean;
}

/** Whether `entry` is newer than what the leg holds (time, then the sync's row version). */
function isNewer(state: LegState, entry: StateEntry): boolean {
  if (state.state_at === null) return true;
  const diff = entry.state_at.getTime() - state.state_at.getTime();
  return diff > 0 || (diff === 0 && entry.sync_version > state.sync_version);
}

/**
 * Applies Bosta states to a leg, oldest first and forward only: an entry not newer than the state the
 * leg holds (a late or repeated message) changes nothing; a newer one records its code and time and
 * moves the status when the state means a later status (`statusForState`, `movesForward`). A leg
 * without a tracking number takes the delivery's. Null when no entry was newer.
 */
export function applyStates(current: LegState, entries: readonly StateEntry[]): Applied | null {
  const ordered = [...entries].sort((a, b) => a.state_at.getTime() - b.state_at.getTime() || a.sync_version - b.sync_version);
  let state = current;
  const steps: AppliedStep[] = [];
  let trackingGained = false;
  for (const entry of ordered) {
    if (!isNewer(state, entry)) continue;
    if (state.tracking_number === null) {
      state = { ...state, tracking_number: entry.tracking_number, bosta_delivery_id: entry.order_id };
      trackingGained = true;
    }
    const next = statusForState(state.leg, entry.state_code);
    const changed = next !== null && movesForward(state.leg, state.status, next);
    state = { ...state, status: changed ? next : state.status, bosta_state_code: entry.state_code, state_at: entry.state_at, sync_version: entry.sync_version };
    steps.push({ status: state.status, bosta_state_code: entry.state_code, at: entry.state_at, changed });
  }
  return steps.length === 0 ? null : { state, steps, trackingGained };
}
