import { BostaApiError, parseBostaDate } from '@hvar/bosta';
import { AppError, type Logger } from '@hvar/platform';
import type pg from 'pg';
import {
  committedPages,
  completeRun,
  failRun,
  getRun,
  lastCompletedCursor,
  recordRunError,
  setPagesTotal,
  startRun,
} from '../db/repo.js';
import { writeBatch, type BatchSource } from '../db/write/page-write.js';
import { incrementalCursorFrom, incrementalDone, pagesFor, pendingPages } from '../domain/run-plan.js';
import type { RunRow } from '../domain/run-progress.js';
import { fetchPage, updatedRange, type BostaReader, type FetchedPage } from './fetch-page.js';
import { forEachLimited } from './limit.js';
import { startProgressLog } from './progress-log.js';

/** What running a sync needs. */
export interface RunDeps {
  pool: pg.Pool;
  bosta: BostaReader;
  log: Logger;
  settings: { concurrency: number; overlapMs: number; progressLogMs: number };
}

/** Measures active time between page commits (time the process was down is never counted). */
class ActiveClock {
  private last = Date.now();
  take(): number {
    const now = Date.now();
    const elapsed = now - this.last;
    this.last = now;
    return elapsed;
  }
}

/**
 * Executes (or resumes) a run: pages already committed are skipped, so a run whose process died
 * continues where it stopped. A non-retryable Bosta error (bad key, scope) fails the run for good;
 * other errors are recorded and rethrown for the job's retry, and fail the run on the last attempt.
 */
export async function executeRun(deps: RunDeps, runId: string, opts: { finalAttempt: boolean }): Promise<RunRow | null> {
  const run = await getRun(deps.pool, runId);
  if (!run || run.status === 'completed' || run.status === 'failed') return run;
  const clock = new ActiveClock();
  const progress = startProgressLog(deps, runId);
  try {
    if (run.mode === 'full') await runFull(deps, run, clock);
    else await runIncremental(deps, run, clock);
    await completeRun(deps.pool, runId, clock.take());
  } catch (err) {
    throw await recordFailure(deps, run, err, clock.take(), opts.finalAttempt);
  } finally {
    progress.stop();
  }
  const finished = await getRun(deps.pool, runId);
  deps.log.info({ runId, mode: run.mode }, `sync run completed: ${finished ? `${finished.deliveries_seen} deliveries, ${finished.deliveries_written} written` : ''}`);
  return finished;
}

async function recordFailure(deps: RunDeps, run: RunRow, err: unknown, activeMs: number, finalAttempt: boolean): Promise<unknown> {
  const message = err instanceof Error ? err.message : String(err);
  const fatal = err instanceof BostaApiError && !err.retryable;
  if (fatal || finalAttempt) {
    await failRun(deps.pool, run.id, message, activeMs);
    deps.log.error({ runId: run.id, err }, 'sync run failed');
    if (fatal) return new AppError(err.status === 401 || err.status === 403 ? 'unauthorized' : 'unprocessable', `sync run failed: ${message}`);
    return err;
  }
  await recordRunError(deps.pool, run.id, message, activeMs);
  deps.log.warn({ runId: run.id, err }, 'sync run interrupted; the job retries and resumes');
  return err;
}

async function runFull(deps: RunDeps, run: RunRow, clock: ActiveClock): Promise<void> {
  const size = run.page_size;
  const fetch = (page: number): Promise<FetchedPage> => fetchPage(deps.bosta, { page, limit: size, sortBy: 'createdAt' }, deps.settings.concurrency);
  // Anything updated after this instant is caught by the next incremental run.
  const cursorTo = run.cursor_to ?? (await newestUpdatedAt(deps.bosta));
  const done = await committedPages(deps.pool, run.id);
  let pagesTotal = run.pages_total;
  if (pagesTotal === null || !done.has(1)) {
    const first = await fetch(1);
    pagesTotal = pagesFor(first.count, size);
    await startRun(deps.pool, run.id, { pagesTotal, deliveriesTotal: first.count, cursorTo });
    await writePage(deps, run.id, 1, first, 'backfill', clock);
    done.add(1);
  } else {
    await startRun(deps.pool, run.id, { cursorTo });
  }
  await forEachLimited(pendingPages(pagesTotal, done), deps.settings.concurrency, async (p) => {
    await writePage(deps, run.id, p, await fetch(p), 'backfill', clock);
  });
  // Deliveries created during the run land after the last counted page (createdAt ascending).
  for (let p = pagesTotal + 1; ; p++) {
    if (done.has(p)) continue;
    const page = await fetch(p);
    if (page.seen === 0) break;
    await setPagesTotal(deps.pool, run.id, p);
    await writePage(deps, run.id, p, page, 'backfill', clock);
    if (page.seen < size) break;
  }
}

async function runIncremental(deps: RunDeps, run: RunRow, clock: ActiveClock): Promise<void> {
  const size = run.page_size;
  const previous = await lastCompletedCursor(deps.pool);
  const cursorFrom = run.cursor_from ?? incrementalCursorFrom(previous, deps.settings.overlapMs);
  const done = await committedPages(deps.pool, run.id);
  for (let p = 1; ; p++) {
    const page = await fetchPage(deps.bosta, { page: p, limit: size, sortBy: '-updatedAt' }, deps.settings.concurrency);
    const range = updatedRange(page);
    if (p === 1) await startRun(deps.pool, run.id, { cursorFrom, cursorTo: range.newest ?? previous });
    if (!done.has(p)) await writePage(deps, run.id, p, page, 'incremental', clock);
    if (incrementalDone({ size: page.seen, oldestUpdatedAt: range.oldest }, size, cursorFrom)) break;
  }
}

async function writePage(deps: RunDeps, runId: string, page: number, fetched: FetchedPage, source: BatchSource, clock: ActiveClock): Promise<void> {
  await writeBatch(deps.pool, {
    source,
    run: { id: runId, page, activeMs: clock.take() },
    deliveries: fetched.deliveries,
    quarantined: fetched.quarantined,
    seen: fetched.seen,
    detailCalls: fetched.detailCalls,
    errors: fetched.errors,
  });
}

/** The newest `updatedAt` Bosta has right now (null for an empty account). */
async function newestUpdatedAt(bosta: BostaReader): Promise<Date | null> {
  const { deliveries } = await bosta.searchDeliveries({ page: 1, limit: 1, sortBy: '-updatedAt' });
  const first = deliveries[0] as { updatedAt?: unknown } | undefined;
  return first ? parseBostaDate(first.updatedAt) : null;
}
