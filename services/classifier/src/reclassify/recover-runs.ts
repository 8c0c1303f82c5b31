import type { classifierQueue } from '@hvar/contracts';
import { ensureJob, type Database, type Logger, type Producer } from '@hvar/platform';

/**
 * At start: every queued or running re-classify run gets a live `reclassify-all` job (job id
 * `reclassify-<run id>`), so a run whose job was lost or failed for good after stalling resumes
 * from its cursor. Two executions of one run are safe: each chunk locks the run row.
 */
export async function recoverReclassifyRuns(database: Database, queue: Producer<typeof classifierQueue>, log: Logger): Promise<number> {
  const { rows } = await database.pool.query<{ id: string }>(`select id::text from classifier.reclassify_runs where status in ('queued', 'running') order by created_at`);
  for (const run of rows) {
    const outcome = await ensureJob(queue, 'reclassify-all', { run_id: run.id }, `reclassify-${run.id}`);
    if (outcome !== 'present') log.info({ runId: run.id, outcome }, 'unfinished re-classify run requeued');
  }
  return rows.length;
}
