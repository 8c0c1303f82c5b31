import type { SyncRun } from '@hvar/contracts';
import { formatSeconds } from '../domain/run-progress.js';

/** A one-line terminal progress bar: `[#####-----] 45% 90/200 pages  5123/s  ETA 12s`. */
export function renderBar(run: SyncRun, width = 30): string {
  const share = run.progress ?? 0;
  const filled = Math.round(share * width);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  const pct = `${String(Math.floor(share * 100)).padStart(3)}%`;
  const pages = `${run.pages_done}/${run.pages_total ?? '?'} pages`;
  const rate = run.deliveries_per_second === null ? '' : `  ${Math.round(run.deliveries_per_second)} deliveries/s`;
  const eta = run.eta_seconds === null ? '' : `  ETA ${formatSeconds(run.eta_seconds)}`;
  return `${bar} ${pct} ${pages}  ${run.deliveries_seen} seen${rate}${eta}`;
}
