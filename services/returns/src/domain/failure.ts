import { BostaApiError, BostaInputError, BostaNetworkError, BostaResponseError } from '@hvar/bosta';

/** An error as the leg records it and the action shows it. */
export interface LegError {
  code: string;
  message: string;
}

/**
 * What a failed Bosta call means for a leg:
 * - `rejected`: Bosta refused the input (4xx validation, or our own check of it); retrying cannot
 *   help, an agent fixes the address and asks again (a new attempt);
 * - `retry`: 429, 5xx, network, or an answer we cannot read; later may work (the job retries with
 *   backoff, and looks the delivery up first, since the call may have been applied);
 * - `fatal`: 401/403, a configuration problem (key or its scope); the job fails visibly, the leg
 *   stays pending, and a redrive after the fix completes it.
 */
export type Failure = { kind: 'rejected' | 'retry' | 'fatal'; error: LegError };

/** Bosta's own message from an error envelope, else the error's. */
function bostaMessage(err: BostaApiError): string {
  const body = err.body as { message?: unknown } | null;
  return typeof body?.message === 'string' && body.message.trim() ? body.message : err.message;
}

/** Classifies an error of a Bosta call; null for anything that is not a Bosta error (a bug: rethrow). */
export function classifyFailure(err: unknown): Failure | null {
  if (err instanceof BostaInputError) {
    return { kind: 'rejected', error: { code: 'bosta_input_invalid', message: err.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ') } };
  }
  if (err instanceof BostaApiError) {
    if (err.status === 401 || err.status === 403) return { kind: 'fatal', error: { code: `bosta_${err.status}`, message: bostaMessage(err) } };
    if (err.retryable) return { kind: 'retry', error: { code: err.status === 429 ? 'bosta_rate_limited' : `bosta_${err.status}`, message: bostaMessage(err) } };
    return { kind: 'rejected', error: { code: `bosta_${err.errorCode ?? err.status}`, message: bostaMessage(err) } };
  }
  if (err instanceof BostaNetworkError) return { kind: 'retry', error: { code: 'bosta_network', message: err.message } };
  if (err instanceof BostaResponseError) return { kind: 'retry', error: { code: 'bosta_bad_answer', message: err.message } };
  return null;
}

/** The error a leg is rejected with when Bosta stayed unavailable through every try of the job. */
export function unavailableError(last: LegError, tries: number): LegError {
  return { code: 'bosta_unavailable', message: `Bosta did not accept the delivery after ${tries} tries (last: ${last.code}: ${last.message}).` };
}
