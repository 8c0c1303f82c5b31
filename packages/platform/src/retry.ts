import { setTimeout as sleep } from 'node:timers/promises';

/** PostgreSQL errors worth running the whole transaction again: deadlock, serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Thrown inside a transaction when a concurrent writer changed what the transaction relied on (for
 * example another batch inserted the same new row first): the whole transaction is run again.
 */
export class ConcurrentWriteError extends Error {
  override readonly name = 'ConcurrentWriteError';
}

/** Whether `err` means "run the whole transaction again". */
export function isRetryableTransactionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return err instanceof ConcurrentWriteError || (typeof code === 'string' && RETRYABLE.has(code));
}

/**
 * Runs `run` (one whole transaction) again after a deadlock, a serialization failure or a
 * ConcurrentWriteError, up to `attempts` times, with a short random pause so the writers that
 * collided do not collide again at once.
 */
export async function retryTransaction<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!isRetryableTransactionError(err) || attempt >= attempts) throw err;
      await sleep(Math.round(Math.random() * 10 * attempt));
    }
  }
}
