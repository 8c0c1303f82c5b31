import { applyOnce, drizzleTx, retryTransaction, type SqlTx } from '@hvar/platform';
import { inbox } from '../db/schema.js';
import type { ReturnsDeps } from '../deps.js';

/**
 * Runs a message's effect once per id (inbox, same transaction; retried on serialization conflicts):
 * a message redelivered after its commit answers the first result and changes nothing. An error
 * rolls everything back.
 */
export async function once<T>(deps: Pick<ReturnsDeps, 'database' | 'kickOutbox'>, handler: string, id: string, effect: (tx: SqlTx) => Promise<T>): Promise<T> {
  const outcome = await retryTransaction(() => applyOnce(deps.database, inbox, { id: `${handler}:${id}`, handler }, (tx) => effect(drizzleTx(tx))));
  if (outcome.applied) deps.kickOutbox();
  return outcome.result;
}
