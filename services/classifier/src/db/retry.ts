/** PostgreSQL errors worth another try: deadlock, serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Thrown inside a transaction when a concurrent writer changed what the transaction read (for
 * example another batch inserted the same new order first): the whole transaction is run again.
 */
export class ConcurrentWriteError extends Error {
  override readonly name = 'ConcurrentWriteError';
}

/** Runs a whole transaction again after a deadlock, serialization failure or concurrent write. */
export async function retryTransaction<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      const retryable = err instanceof ConcurrentWriteError || (typeof code === 'string' && RETRYABLE.has(code));
      if (!retryable || attempt >= attempts) throw err;
    }
  }
}
