/** How many pages `count` deliveries take at `pageSize` per page (at least one). */
export function pagesFor(count: number, pageSize: number): number {
  return Math.max(1, Math.ceil(count / pageSize));
}

/** Pages of a full run still to do, in order, skipping those already committed. */
export function pendingPages(pagesTotal: number, done: ReadonlySet<number>): number[] {
  const out: number[] = [];
  for (let p = 1; p <= pagesTotal; p++) if (!done.has(p)) out.push(p);
  return out;
}

/** Where an incremental run starts: the last completed run's cursor minus the overlap (null: from the start). */
export function incrementalCursorFrom(lastCursorTo: Date | null, overlapMs: number): Date | null {
  return lastCursorTo ? new Date(lastCursorTo.getTime() - overlapMs) : null;
}

/**
 * Whether an incremental run (newest first) can stop after this page: the page is short, or its
 * oldest `updatedAt` is before the cursor (everything after it is older still).
 */
export function incrementalDone(page: { size: number; oldestUpdatedAt: Date | null }, pageSize: number, cursorFrom: Date | null): boolean {
  if (page.size < pageSize) return true;
  return cursorFrom !== null && page.oldestUpdatedAt !== null && page.oldestUpdatedAt.getTime() < cursorFrom.getTime();
}

/** Newest of two dates (null-tolerant). */
export function maxDate(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() >= b.getTime() ? a : b;
}
