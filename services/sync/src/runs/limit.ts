/**
 * Runs `fn` over `items` with at most `concurrency` calls in flight, starting them in order. The
 * first failure stops new starts and is rethrown once the calls in flight have settled.
 */
export async function forEachLimited<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: { err: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (err) {
        failed ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
  if (failed) throw failed.err;
}

/** Maps with bounded concurrency, keeping the input order in the output. */
export async function mapLimited<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  const indexed = items.map((item, i) => ({ item, i }));
  await forEachLimited(indexed, concurrency, async ({ item, i }) => {
    out[i] = await fn(item);
  });
  return out;
}
