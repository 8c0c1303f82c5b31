import { isDuplicateReference, type CreatedDelivery, type CreateDeliveryInput } from '@hvar/bosta';
import { AppError, poolQuery, type Logger } from '@hvar/platform';
import type { ReturnsDeps } from '../deps.js';
import { toBostaAddress } from '../domain/address.js';
import { createInputFor } from '../domain/create-input.js';
import { classifyFailure, unavailableError, type LegError } from '../domain/failure.js';
import { TERMINATED, terminateLeg } from './terminate.js';
import { beginCreate, recordCreated, recordRejected, recordTryError, type Found } from './record.js';
import { loadLeg, type LegRow } from './store.js';

/** What `create-leg` did. */
export type CreateOutcome = 'created' | 'recovered' | 'rejected' | 'nothing_to_do' | 'created_then_terminated';

/** Which try of the job this is (the last one rejects the leg instead of retrying). */
export interface TryInfo {
  attempt: number;
  maxAttempts: number;
  log: Logger;
}

type Built = { ok: true; input: CreateDeliveryInput } | { ok: false; error: LegError };

/** The create body of a leg, or why its address cannot be sent. */
async function buildInput(deps: ReturnsDeps, leg: LegRow): Promise<Built> {
  const address = toBostaAddress(leg.address, await deps.cities.list());
  if (!address.ok) return { ok: false, error: address.problem };
  return { ok: true, input: createInputFor(leg, address.value, { businessLocationId: deps.settings.businessLocationId }) };
}

/** Creates; a "reference already used" answer means an earlier try landed: that delivery is the leg's. */
async function createOrAdopt(deps: ReturnsDeps, input: CreateDeliveryInput, ubr: string): Promise<{ delivery: CreatedDelivery; how: Found }> {
  try {
    const delivery = await deps.bosta.createDelivery(input);
    return { delivery, how: delivery.recovered ? 'recovered' : 'created' };
  } catch (err) {
    if (!isDuplicateReference(err)) throw err;
    const found = await deps.bosta.findByUniqueBusinessReference(ubr);
    if (!found) throw err;
    return { delivery: found, how: 'recovered' };
  }
}

/** Finds the leg's delivery (after an earlier try whose outcome is unknown) or creates it. */
async function obtain(deps: ReturnsDeps, leg: LegRow, earlierTries: number): Promise<{ delivery: CreatedDelivery; how: Found } | { error: LegError }> {
  if (earlierTries > 0) {
    const found = await deps.bosta.findByUniqueBusinessReference(leg.unique_business_reference);
    if (found) return { delivery: found, how: 'recovered' };
  }
  const built = await buildInput(deps, leg);
  if (!built.ok) return { error: built.error };
  return createOrAdopt(deps, built.input, leg.unique_business_reference);
}

/**
 * `create-leg`: creates the leg's delivery at Bosta, exactly once. The try is counted before the call;
 * a later try (job retry, crash, redelivery) looks the delivery up by its reference before creating.
 * Bosta's refusal or an address that cannot be sent → `rejected` with the error; 429/5xx/network →
 * the job retries with backoff, and the last try rejects with `bosta_unavailable`; 401/403 → the job
 * fails for good (configuration), the leg stays `pending` for a redrive.
 */
export async function createLeg(deps: ReturnsDeps, returnId: string, tryInfo: TryInfo): Promise<CreateOutcome> {
  const started = await beginCreate(deps, returnId);
  if (!started) return terminateIfCancelled(deps, await loadLeg(poolQuery(deps.database.pool), returnId));
  const { leg, earlierTries } = started;
  let got: Awaited<ReturnType<typeof obtain>>;
  try {
    got = await obtain(deps, leg, earlierTries);
  } catch (err) {
    return handleFailure(deps, leg, err, tryInfo);
  }
  if ('error' in got) return (await recordRejected(deps, returnId, got.error)) ? 'rejected' : 'nothing_to_do';
  const after = await recordCreated(deps, returnId, got.delivery, got.how);
  if (after?.status === 'cancelled') return terminateIfCancelled(deps, after);
  return after ? got.how : 'nothing_to_do';
}

/**
 * A case cancelled while Bosta was creating its pickup: the delivery that was created anyway is
 * terminated (also on a later try, should the termination itself have failed).
 */
async function terminateIfCancelled(deps: ReturnsDeps, leg: LegRow | null): Promise<CreateOutcome> {
  if (!leg || leg.status !== 'cancelled' || leg.tracking_number === null || leg.bosta_state_code === TERMINATED) return 'nothing_to_do';
  await terminateLeg(deps, leg, 'the case was cancelled while the pickup was being created');
  return 'created_then_terminated';
}

async function handleFailure(deps: ReturnsDeps, leg: LegRow, err: unknown, tryInfo: TryInfo): Promise<CreateOutcome> {
  const failure = classifyFailure(err);
  if (!failure) throw err;
  if (failure.kind === 'rejected') return (await recordRejected(deps, leg.return_id, failure.error)) ? 'rejected' : 'nothing_to_do';
  await recordTryError(deps, leg.return_id, failure.error);
  if (failure.kind === 'fatal') {
    throw new AppError('not_allowed', `Bosta refused our credentials creating ${leg.unique_business_reference}: ${failure.error.message}`, { code: failure.error.code });
  }
  if (tryInfo.attempt >= tryInfo.maxAttempts) {
    tryInfo.log.error({ returnId: leg.return_id, error: failure.error }, 'Bosta stayed unavailable: leg rejected');
    return (await recordRejected(deps, leg.return_id, unavailableError(failure.error, tryInfo.attempt))) ? 'rejected' : 'nothing_to_do';
  }
  tryInfo.log.warn({ returnId: leg.return_id, error: failure.error, attempt: tryInfo.attempt }, 'Bosta create failed; the job retries');
  throw new AppError(failure.error.code === 'bosta_rate_limited' ? 'rate_limited' : 'dependency_unavailable', `Bosta create of ${leg.unique_business_reference} failed: ${failure.error.message}`, { code: failure.error.code });
}
