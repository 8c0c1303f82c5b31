import type { SyncRun } from '@hvar/contracts';

/** A `sync.runs` row as PostgreSQL returns it (timestamps as Date, bigint as string). */
export interface RunRow {
  id: string;
  mode: string;
  status: string;
  requested_by: string;
  page_size: number;
  pages_total: number | null;
  pages_done: number;
  deliveries_total: number | null;
  deliveries_seen: number;
  deliveries_written: number;
  deliveries_unchanged: number;
  deliveries_quarantined: number;
  detail_calls: number;
  errors_count: number;
  last_error: string | null;
  cursor_from: Date | null;
  cursor_to: Date | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  active_ms: number | string;
}

/** Progress figures of a run: share of pages done, throughput, time left. */
export interface RunProgress {
  progress: number | null;
  deliveries_per_second: number | null;
  eta_seconds: number | null;
}

/** Computes progress from the run's counters (active time excludes time the process was down). */
export function runProgress(run: Pick<RunRow, 'status' | 'pages_total' | 'pages_done' | 'deliveries_total' | 'deliveries_seen' | 'active_ms'>): RunProgress {
  const activeMs = Number(run.active_ms);
  const rate = activeMs > 0 ? round2(run.deliveries_seen / (activeMs / 1000)) : null;
  const progress = run.status === 'completed' ? 1 : run.pages_total ? Math.min(1, run.pages_done / run.pages_total) : null;
  let eta: number | null = null;
  if (run.status === 'completed') eta = 0;
  else if (rate && rate > 0 && run.deliveries_total !== null) eta = Math.max(0, Math.ceil((run.deliveries_total - run.deliveries_seen) / rate));
  return { progress, deliveries_per_second: rate, eta_seconds: eta };
}

/** The API shape of a run (`SyncRun`, also the result of `start-run`). */
export function toSyncRun(row: RunRow): SyncRun {
  return {
    id: row.id,
    mode: row.mode as SyncRun['mode'],
    status: row.status as SyncRun['status'],
    requested_by: row.requested_by,
    page_size: row.page_size,
    pages_total: row.pages_total,
    pages_done: row.pages_done,
    deliveries_total: row.deliveries_total,
    deliveries_seen: row.deliveries_seen,
    deliveries_written: row.deliveries_written,
    deliveries_unchanged: row.deliveries_unchanged,
    deliveries_quarantined: row.deliveries_quarantined,
    detail_calls: row.detail_calls,
    errors_count: row.errors_count,
    last_error: row.last_error,
    cursor_from: iso(row.cursor_from),
    cursor_to: iso(row.cursor_to),
    ...runProgress(row),
    created_at: row.created_at.toISOString(),
    started_at: iso(row.started_at),
    finished_at: iso(row.finished_at),
  };
}

/** One progress line for logs and non-TTY terminals. */
export function progressLine(run: SyncRun): string {
  const pages = `${run.pages_done}/${run.pages_total ?? '?'} pages`;
  const rate = run.deliveries_per_second === null ? '-' : `${Math.round(run.deliveries_per_second)}/s`;
  const eta = run.eta_seconds === null ? '-' : formatSeconds(run.eta_seconds);
  return `${run.mode} sync ${run.status}: ${pages}, ${run.deliveries_seen} deliveries (${run.deliveries_written} written, ${run.deliveries_quarantined} quarantined), ${rate}, ETA ${eta}`;
}

/** `1h02m03s` / `2m03s` / `3s`. */
export function formatSeconds(total: number): string {
  const s = Math.max(0, Math.round(total));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}h${pad(m)}m${pad(sec)}s`;
  if (m > 0) return `${m}m${pad(sec)}s`;
  return `${sec}s`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
