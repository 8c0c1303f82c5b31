import { BostaApiError } from '@hvar/bosta';
import { AppError } from '@hvar/platform';
import type { ReturnsDeps } from '../deps.js';
import { classifyFailure } from '../domain/failure.js';
import { movesForward } from '../domain/status.js';
import { eventsOf, writeMessages } from './events.js';
import { inTx } from './record.js';
import { addHistory, LEG_COLUMNS, queryLegs, lockLeg, type LegRow } from './store.js';

/** Bosta's state of a terminated delivery. */
export const TERMINATED = 48;
/** Bosta's error code for "can not be terminated in its current state" (bosta-api.md §2). */
const TOO_LATE = 1070;

/** What a termination did. */
export type TerminateOutcome = 'terminated' | 'too_late' | 'refused';

/** Adds a note to a leg's history (its status unchanged). */
async function note(deps: Pick<ReturnsDeps, 'database' | 'kickOutbox' | 'now'>, leg: LegRow, text: string): Promise<void> {
  await inTx(deps, (tx) => addHistory(tx, [{ return_id: leg.return_id, status: leg.status, bosta_state_code: leg.bosta_state_code, at: deps.now(), note: text }]));
}

/** Records a termination: the leg `cancelled` (event once), or, when it already was, only Bosta's state. */
async function recordTerminated(deps: Pick<ReturnsDeps, 'database' | 'kickOutbox' | 'now'>, returnId: string, reason: string): Promise<void> {
  await inTx(deps, async (tx) => {
    const leg = await lockLeg(tx, returnId);
    if (!leg) return;
    const cancel = movesForward(leg.leg, leg.status, 'cancelled');
    const [after] = await queryLegs(tx, 
      `update returns.legs l set bosta_state_code = $2, status = $3, updated_at = now() where l.return_id = $1 returning ${LEG_COLUMNS}`,
      [returnId, TERMINATED, cancel ? 'cancelled' : leg.status],
    );
    if (!after) return;
    const at = deps.now();
    await addHistory(tx, [{ return_id: returnId, status: after.status, bosta_state_code: TERMINATED, at, note: `terminated at Bosta: ${reason}` }]);
    if (cancel) await writeMessages(tx, eventsOf({ leg: after, status: 'cancelled', at, error: null, trackingGained: false }));
  });
}

/**
 * Terminates a leg's delivery at Bosta (`DELETE .../terminate`, Full Access key). Too late (400/1070:
 * the courier already has it) keeps the leg and notes the refusal; another refusal is noted too;
 * 429/5xx/network throw a retryable error (the job retries); 401/403 fail the job for good.
 */
export async function terminateLeg(deps: ReturnsDeps, leg: LegRow, reason: string): Promise<TerminateOutcome> {
  if (leg.tracking_number === null) throw new Error(`leg ${leg.return_id} has no delivery to terminate`);
  try {
    await deps.bosta.terminateDelivery(leg.tracking_number);
  } catch (err) {
    if (err instanceof BostaApiError && err.errorCode === TOO_LATE) {
      await note(deps, leg, `termination refused by Bosta (too late in state ${leg.bosta_state_code ?? 'unknown'}): ${reason}`);
      return 'too_late';
    }
    const failure = classifyFailure(err);
    if (!failure) throw err;
    if (failure.kind === 'retry') throw new AppError('dependency_unavailable', `Bosta terminate of ${leg.tracking_number} failed: ${failure.error.message}`, { code: failure.error.code });
    await note(deps, leg, `termination refused by Bosta (${failure.error.code}: ${failure.error.message}): ${reason}`);
    if (failure.kind === 'fatal') throw new AppError('not_allowed', `Bosta refused to terminate ${leg.tracking_number}: ${failure.error.message} (a Full Access key is needed)`, { code: failure.error.code });
    return 'refused';
  }
  await recordTerminated(deps, leg.return_id, reason);
  return 'terminated';
}
