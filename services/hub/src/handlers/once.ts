import { applyOnce, drizzleTx, retryTransaction, type JobContext, type SqlTx } from '@hvar/platform';
import { inbox } from '../db/schema.js';
import type { HubDeps } from '../deps.js';

/**
 * Runs a message's effect once per id (inbox, same transaction; retried on serialization conflicts):
 * a message redelivered after its commit answers the first result and changes nothing. An error
 * rolls everything back.
 */
export async function once<T>(deps: HubDeps, handler: string, id: string, effect: (tx: SqlTx) => Promise<T>): Promise<T> {
  const outcome = await retryTransaction(() => applyOnce(deps.database, inbox, { id: `${handler}:${id}`, handler }, (tx) => effect(drizzleTx(tx))));
  if (outcome.applied) deps.kickOutbox();
  return outcome.result;
}

/** `once` keyed by the job id (commands: the gateway's idempotency key becomes the job id). */
export function onceForJob<T>(deps: HubDeps, handler: string, ctx: JobContext, effect: (tx: SqlTx) => Promise<T>): Promise<T> {
  return once(deps, handler, ctx.jobId, effect);
}
