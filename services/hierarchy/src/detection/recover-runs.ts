import type { hierarchyQueue } from '@hvar/contracts';
import { ensureJob, type Database, type Logger, type Producer } from '@hvar/platform';

/**
 * At start: every queued or running detection run gets a live `execute-detection` job (job id
 * `detection-<run id>`). A run whose job was lost, or failed for good after stalling (the handler
 * never saw the error), would otherwise stay active forever and block every later detection.
 * Running a run twice at once is safe: each chunk locks the run row and advances its cursor.
 */
export async function recoverDetectionRuns(database: Database, queue: Producer<typeof hierarchyQueue>, log: Logger): Promise<number> {
  const { rows } = await database.pool.query<{ id: string }>(`select id::text from hierarchy.detection_runs where status in ('queued', 'running') order by created_at`);
  for (const run of rows) {
    const outcome = await ensureJob(queue, 'execute-detection', { run_id: run.id }, `detection-${run.id}`);
    if (outcome !== 'present') log.info({ runId: run.id, outcome }, 'unfinished detection run requeued');
  }
  return rows.length;
}
