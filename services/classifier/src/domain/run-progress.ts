/** The counters of a re-classify run that progress is computed from. */
export interface RunCounters {
  status: string;
  orders_total: number | null;
  orders_done: number;
}

/**
 * Share of the run done, 0..1 (4 decimals): 1 once completed; null before the run counted its
 * orders. Orders created during a run are classified by the new version anyway and may push the
 * count past the total, so it is capped at 1.
 */
export function runProgress(run: RunCounters): number | null {
  if (run.status === 'completed') return 1;
  if (run.orders_total === null) return null;
  if (run.orders_total === 0) return 0;
  return Math.min(1, Math.round((run.orders_done / run.orders_total) * 10_000) / 10_000);
}
