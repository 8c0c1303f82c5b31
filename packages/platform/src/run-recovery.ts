import type { JobName, JobPayloadInput, QueueContract } from '@hvar/contracts';
import type { Database } from './db.js';
import type { Logger } from './logger.js';
import { ensureJob, type Producer } from './queues.js';

/** Where a service keeps its long runs and which job executes one (payload `{ run_id }`). */
export interface RunRecovery<Q extends QueueContract, N extends JobName<Q>> {
  database: Database;
  /** Schema-qualified runs table with `id`, `status` and `created_at`, e.g. `hierarchy.detection_runs`. */
  runsTable: string;
  producer: Producer<Q>;
  job: N;
  /** Job ids are `<prefix>-<run id>`, so recovering twice never queues a run twice. */
  jobIdPrefix: string;
  log: Logger;
}

/**
 * At service start: every `queued` or `running` run gets a live job. A run whose job was lost, or
 * failed for good after stalling (BullMQ fails such a job without calling the handler, so the run
 * row still says `running`), would otherwise never finish and could block later runs. Running one
 * run twice at once must be safe for the service (each chunk locks the run row). Answers how many
 * unfinished runs there were.
 */
export async function recoverUnfinishedRuns<Q extends QueueContract, N extends JobName<Q>>(opts: RunRecovery<Q, N>): Promise<number> {
  const { rows } = await opts.database.pool.query<{ id: string }>(
    `select id::text from ${opts.runsTable} where status in ('queued', 'running') order by created_at`,
  );
  for (const run of rows) {
    const payload = { run_id: run.id } as JobPayloadInput<Q, N>;
    const outcome = await ensureJob(opts.producer, opts.job, payload, `${opts.jobIdPrefix}-${run.id}`);
    if (outcome !== 'present') opts.log.info({ runsTable: opts.runsTable, runId: run.id, outcome }, 'unfinished run requeued');
  }
  return rows.length;
}
