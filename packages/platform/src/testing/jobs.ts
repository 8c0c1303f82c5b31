import type { Job, QueueEvents } from 'bullmq';
import { decodeAppError, type AppError } from '../errors.js';

/** A job's outcome: its result, or the AppError it failed with. */
export type Outcome<T> = { ok: true; result: T } | { ok: false; error: AppError };

/** Waits until a job finished; a failure answers the AppError it carried (anything else is thrown). */
export async function jobOutcome(job: Job, events: QueueEvents, timeoutMs = 20_000): Promise<Outcome<unknown>> {
  try {
    return { ok: true, result: (await job.waitUntilFinished(events, timeoutMs)) as unknown };
  } catch (err) {
    const error = decodeAppError((err as Error).message);
    if (!error) throw err;
    return { ok: false, error };
  }
}

/** A deterministic numeric tracking number for a test order id. */
export function trackingOf(id: string): string {
  let h = 7;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) % 1_000_000_007;
  return `9${String(h).padStart(10, '0')}`;
}
