import type { DetectionRun } from '@hvar/contracts';
import { isoSql } from '../db/links.read.js';
import type { SqlTx } from '../db/sql.js';

type Query = Pick<SqlTx, 'query'>;

/** A detection run's row with its times as ISO text. */
interface RunRow extends Omit<DetectionRun, 'progress'> {
  cursor_phone: string | null;
  facts_emitted: number;
}

const RUN_COLUMNS = `r.id::text as id, r.scope, r.phone, r.status, r.requested_by, r.cursor_phone, r.customers_total, r.customers_done,
  r.orders_seen, r.links_created, r.links_deactivated, r.facts_emitted, r.last_error, ${isoSql('r.created_at')} as created_at,
  ${isoSql('r.started_at')} as started_at, ${isoSql('r.finished_at')} as finished_at`;

/** A run as the API shows it: progress = customers done / total (1 once completed). */
export function toDetectionRun(row: RunRow): DetectionRun {
  const { cursor_phone: _cursor, facts_emitted: _facts, ...run } = row;
  const progress = row.status === 'completed' ? 1 : row.customers_total ? Math.min(1, row.customers_done / row.customers_total) : null;
  return { ...run, progress };
}

/** One run (null when unknown). */
export async function runById(tx: Query, id: string): Promise<DetectionRun | null> {
  const rows = await tx.query<RunRow>(`select ${RUN_COLUMNS} from hierarchy.detection_runs r where r.id = $1::uuid`, [id]);
  return rows[0] ? toDetectionRun(rows[0]) : null;
}

/** Runs, newest first, keyset-paginated on (created_at, id); `after` is the last item of the previous page. */
export async function pageRuns(tx: Query, q: { limit: number; status?: string | undefined; after?: { created_at: string; id: string } | undefined }): Promise<DetectionRun[]> {
  const rows = await tx.query<RunRow>(
    `select ${RUN_COLUMNS} from hierarchy.detection_runs r
      where ($1::text is null or r.status = $1)
        and ($2::timestamptz is null or (r.created_at, r.id) < ($2::timestamptz, $3::uuid))
      order by r.created_at desc, r.id desc limit $4`,
    [q.status ?? null, q.after?.created_at ?? null, q.after?.id ?? null, q.limit],
  );
  return rows.map(toDetectionRun);
}

/** The queued or running run of the same scope (and phone), if any. */
export async function activeRun(tx: Query, phone: string | null): Promise<DetectionRun | null> {
  const rows = await tx.query<RunRow>(
    `select ${RUN_COLUMNS} from hierarchy.detection_runs r
      where r.status in ('queued', 'running') and r.phone is not distinct from $1 order by r.created_at limit 1`,
    [phone],
  );
  return rows[0] ? toDetectionRun(rows[0]) : null;
}

/** A new queued run. */
export async function insertRun(tx: Query, run: { phone: string | null; requested_by: string }): Promise<DetectionRun> {
  const rows = await tx.query<RunRow>(
    `insert into hierarchy.detection_runs as r (scope, phone, status, requested_by) values ($1, $2, 'queued', $3) returning ${RUN_COLUMNS}`,
    [run.phone === null ? 'all' : 'customer', run.phone, run.requested_by],
  );
  if (!rows[0]) throw new Error('run insert returned no row');
  return toDetectionRun(rows[0]);
}

/** The most recent runs that are queued or running (for the status page and restart recovery). */
export async function activeRuns(tx: Query): Promise<DetectionRun[]> {
  const rows = await tx.query<RunRow>(`select ${RUN_COLUMNS} from hierarchy.detection_runs r where r.status in ('queued', 'running') order by r.created_at`);
  return rows.map(toDetectionRun);
}
