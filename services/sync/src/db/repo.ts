import type pg from 'pg';
import type { RunRow } from '../domain/run-progress.js';
import { inTransaction } from './write/transaction.js';

/** A run's mode. */
export type RunMode = 'full' | 'incremental';

const ACTIVE = `status in ('queued', 'running')`;

/**
 * The active run of `mode`, or a new queued one. Serialized per mode with a transaction-scoped
 * advisory lock, so two simultaneous requests cannot both create a run (at most one of each mode).
 */
export async function findOrCreateRun(pool: pg.Pool, mode: RunMode, requestedBy: string, pageSize: number): Promise<{ run: RunRow; created: boolean }> {
  return inTransaction(pool, async (client) => {
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [`sync:start-run:${mode}`]);
    const active = await client.query<RunRow>(`select * from sync.runs where mode = $1 and ${ACTIVE} order by created_at limit 1`, [mode]);
    if (active.rows[0]) return { run: active.rows[0], created: false };
    const inserted = await client.query<RunRow>(
      `insert into sync.runs (mode, status, requested_by, page_size) values ($1, 'queued', $2, $3) returning *`,
      [mode, requestedBy, pageSize],
    );
    const run = inserted.rows[0];
    if (!run) throw new Error('run insert returned no row');
    return { run, created: true };
  });
}

/** One run by id (null when unknown). */
export async function getRun(pool: pg.Pool, id: string): Promise<RunRow | null> {
  const res = await pool.query<RunRow>('select * from sync.runs where id = $1', [id]);
  return res.rows[0] ?? null;
}

/** Runs that are queued or running (for the scheduler and restart recovery). */
export async function activeRuns(pool: pg.Pool): Promise<RunRow[]> {
  const res = await pool.query<RunRow>(`select * from sync.runs where ${ACTIVE} order by created_at`);
  return res.rows;
}

/** Marks a run running and records what its first steps learned (totals, cursors). */
export async function startRun(
  pool: pg.Pool,
  id: string,
  plan: { pagesTotal?: number | null; deliveriesTotal?: number | null; cursorFrom?: Date | null; cursorTo?: Date | null },
): Promise<void> {
  await pool.query(
    `update sync.runs set status = 'running', started_at = coalesce(started_at, now()),
       pages_total = coalesce($2, pages_total), deliveries_total = coalesce($3, deliveries_total),
       cursor_from = coalesce($4, cursor_from), cursor_to = coalesce(cursor_to, $5)
     where id = $1`,
    [id, plan.pagesTotal ?? null, plan.deliveriesTotal ?? null, plan.cursorFrom ?? null, plan.cursorTo ?? null],
  );
}

/** Raises a run's page total (a full run finds more pages when deliveries were created meanwhile). */
export async function setPagesTotal(pool: pg.Pool, id: string, pagesTotal: number): Promise<void> {
  await pool.query('update sync.runs set pages_total = greatest(coalesce(pages_total, 0), $2) where id = $1', [id, pagesTotal]);
}

/** Finishes a run as completed; its page total becomes the pages it committed. */
export async function completeRun(pool: pg.Pool, id: string, activeMs: number): Promise<void> {
  await pool.query(
    `update sync.runs set status = 'completed', finished_at = now(), active_ms = active_ms + $2,
       pages_total = greatest(pages_done, coalesce(pages_total, 0))
     where id = $1`,
    [id, Math.round(activeMs)],
  );
}

/** Finishes a run as failed with its last error. */
export async function failRun(pool: pg.Pool, id: string, error: string, activeMs: number): Promise<void> {
  await pool.query(
    `update sync.runs set status = 'failed', finished_at = now(), last_error = $2, errors_count = errors_count + 1,
       active_ms = active_ms + $3 where id = $1 and ${ACTIVE}`,
    [id, error, Math.round(activeMs)],
  );
}

/** Records an error a run will retry after (the job is retried with backoff). */
export async function recordRunError(pool: pg.Pool, id: string, error: string, activeMs: number): Promise<void> {
  await pool.query('update sync.runs set last_error = $2, errors_count = errors_count + 1, active_ms = active_ms + $3 where id = $1', [
    id,
    error,
    Math.round(activeMs),
  ]);
}

/** Pages of a run already committed. */
export async function committedPages(pool: pg.Pool, runId: string): Promise<Set<number>> {
  const res = await pool.query<{ page: number }>('select page from sync.run_pages where run_id = $1', [runId]);
  return new Set(res.rows.map((r) => r.page));
}

/** Cursor of the most recently completed run (full or incremental): where the next incremental starts. */
export async function lastCompletedCursor(pool: pg.Pool): Promise<Date | null> {
  const res = await pool.query<{ cursor_to: Date }>(
    `select cursor_to from sync.runs where status = 'completed' and cursor_to is not null order by finished_at desc limit 1`,
  );
  return res.rows[0]?.cursor_to ?? null;
}

/**
 * True once any run completed, even one that left no cursor (a full run on an account that was
 * empty then): from there on incremental runs pick up what came later.
 */
export async function hasCompletedRun(pool: pg.Pool): Promise<boolean> {
  const res = await pool.query<{ done: boolean }>(`select exists (select 1 from sync.runs where status = 'completed') as done`);
  return res.rows[0]?.done ?? false;
}

/** True when the order book is empty and no full run ever completed (first start). */
export async function isFirstStart(pool: pg.Pool): Promise<boolean> {
  const res = await pool.query<{ first: boolean }>(
    `select not exists (select 1 from sync.orders) and not exists (select 1 from sync.runs where mode = 'full' and status = 'completed') as first`,
  );
  return res.rows[0]?.first ?? false;
}
