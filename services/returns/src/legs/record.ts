import type { CreatedDelivery } from '@hvar/bosta';
import { inSqlTransaction, retryTransaction, type SqlTx } from '@hvar/platform';
import type { ReturnsDeps } from '../deps.js';
import type { LegError } from '../domain/failure.js';
import { eventsOf, writeMessages } from './events.js';
import { addHistory, LEG_COLUMNS, queryLegs, lockLeg, type LegRow } from './store.js';

/** One short transaction with its outbox kicked after commit. */
export async function inTx<T>(deps: Pick<ReturnsDeps, 'database' | 'kickOutbox'>, fn: (tx: SqlTx) => Promise<T>): Promise<T> {
  const result = await retryTransaction(() => inSqlTransaction(deps.database.pool, fn));
  deps.kickOutbox();
  return result;
}

/**
 * Starts a create try: counts it on a `pending` leg without a tracking number (committed before Bosta
 * is called, so a crash after the call is known to a later try, which looks the delivery up first).
 * Null when the leg is unknown, already created, cancelled or rejected: nothing to do.
 */
export async function beginCreate(deps: Pick<ReturnsDeps, 'database' | 'kickOutbox'>, returnId: string): Promise<{ leg: LegRow; earlierTries: number } | null> {
  return inTx(deps, async (tx) => {
    const [row] = await queryLegs(tx, 
      `update returns.legs l set create_attempts = l.create_attempts + 1, updated_at = now()
        where l.return_id = $1 and l.status = 'pending' and l.tracking_number is null
        returning ${LEG_COLUMNS}`,
      [returnId],
    );
    return row ? { leg: row, earlierTries: row.create_attempts - 1 } : null;
  });
}

/** How a delivery became known. */
export type Found = 'created' | 'recovered';

/**
 * Records the delivery Bosta has for a leg: tracking number, Bosta id and state; a `pending` (or
 * `rejected`) leg becomes `created` and its events leave through the outbox in the same transaction.
 * A leg cancelled meanwhile keeps `cancelled` (the caller terminates the delivery). Answers the leg
 * after the change, or null when another try recorded the delivery first.
 */
export async function recordCreated(deps: Pick<ReturnsDeps, 'database' | 'kickOutbox' | 'now'>, returnId: string, delivery: CreatedDelivery, how: Found): Promise<LegRow | null> {
  return inTx(deps, async (tx) => {
    const leg = await lockLeg(tx, returnId);
    if (!leg || leg.tracking_number !== null) return null;
    const becomesCreated = leg.status === 'pending' || leg.status === 'rejected';
    const [after] = await queryLegs(tx, 
      `update returns.legs l set tracking_number = $2, bosta_delivery_id = $3, bosta_state_code = $4, status = $5, last_error = null, updated_at = now()
        where l.return_id = $1 returning ${LEG_COLUMNS}`,
      [returnId, delivery.trackingNumber, delivery._id, delivery.state?.code ?? 10, becomesCreated ? 'created' : leg.status],
    );
    if (!after) return null;
    const at = deps.now();
    const note = how === 'recovered' ? `found at Bosta by ${leg.unique_business_reference} after an unanswered create` : `created at Bosta as ${delivery.trackingNumber}`;
    await addHistory(tx, [{ return_id: returnId, status: after.status, bosta_state_code: after.bosta_state_code, at, note }]);
    if (becomesCreated) await writeMessages(tx, eventsOf({ leg: after, status: 'created', at, error: null, trackingGained: true }));
    return after;
  });
}

/**
 * Rejects a `pending` leg with the error (Bosta refused it, the address cannot be sent, or Bosta stayed
 * unavailable); the `rejected` event carries the error, so the action needs an agent. Null when the
 * leg was no longer pending.
 */
export async function recordRejected(deps: Pick<ReturnsDeps, 'database' | 'kickOutbox' | 'now'>, returnId: string, error: LegError): Promise<LegRow | null> {
  return inTx(deps, async (tx) => {
    const [after] = await queryLegs(tx, 
      `update returns.legs l set status = 'rejected', last_error = $2::jsonb, updated_at = now()
        where l.return_id = $1 and l.status = 'pending' and l.tracking_number is null
        returning ${LEG_COLUMNS}`,
      [returnId, JSON.stringify(error)],
    );
    if (!after) return null;
    const at = deps.now();
    await addHistory(tx, [{ return_id: returnId, status: 'rejected', bosta_state_code: null, at, note: `${error.code}: ${error.message}` }]);
    await writeMessages(tx, eventsOf({ leg: after, status: 'rejected', at, error, trackingGained: false }));
    return after;
  });
}

/** Notes the last error of a try that will be retried (the leg stays `pending`; the API shows why it waits). */
export async function recordTryError(deps: Pick<ReturnsDeps, 'database'>, returnId: string, error: LegError): Promise<void> {
  await deps.database.pool.query(`update returns.legs set last_error = $2::jsonb, updated_at = now() where return_id = $1 and status = 'pending'`, [returnId, JSON.stringify(error)]);
}
