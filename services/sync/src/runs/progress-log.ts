import { getRun } from '../db/repo.js';
import { progressLine, toSyncRun } from '../domain/run-progress.js';
import type { RunDeps } from './execute-run.js';

/** Logs a progress line (pages, deliveries/s, ETA) every few seconds while a run executes. */
export function startProgressLog(deps: Pick<RunDeps, 'pool' | 'log' | 'settings'>, runId: string): { stop(): void } {
  const timer = setInterval(() => {
    getRun(deps.pool, runId)
      .then((row) => {
        if (!row) return;
        const run = toSyncRun(row);
        deps.log.info(
          { runId, pages_done: run.pages_done, pages_total: run.pages_total, deliveries_seen: run.deliveries_seen, deliveries_per_second: run.deliveries_per_second, eta_seconds: run.eta_seconds },
          progressLine(run),
        );
      })
      .catch((err: unknown) => deps.log.warn({ err }, 'progress log failed'));
  }, deps.settings.progressLogMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
