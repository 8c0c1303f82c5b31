import type { SyncServiceStatus } from '@hvar/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { runs, webhookInbox as w } from '../db/schema.js';

/**
 * One statement, each part read from an index rather than a scan: the newest webhook from the end of
 * `webhook_received_idx`, the last hour's count as a range of it, the last completed run from the end
 * of the partial `runs_completed_idx`.
 */
export const statusQuery: SQL = sql`
  select lw.received_at as last_webhook_at, lw.event_at as last_webhook_state_change_at,
         (select count(*)::int from ${w} where ${w.received_at} > now() - interval '1 hour') as webhooks_last_hour,
         lr.finished_at as last_completed_run_at, lr.mode as last_completed_run_mode
    from (select 1) as one
    left join lateral (select ${w.received_at}, ${w.event_at} from ${w} order by ${w.received_at} desc limit 1) as lw on true
    left join lateral (
      select ${runs.finished_at}, ${runs.mode} from ${runs}
       where ${runs.status} = 'completed' and ${runs.finished_at} is not null
       order by ${runs.finished_at} desc limit 1
    ) as lr on true`;

interface StatusRow extends Record<string, unknown> {
  last_webhook_at: Date | string | null;
  last_webhook_state_change_at: Date | string | null;
  webhooks_last_hour: number;
  last_completed_run_at: Date | string | null;
  last_completed_run_mode: string | null;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

/** The newest webhook (null when none), the last hour's webhooks and the last completed run. */
export async function readStatus(db: NodePgDatabase): Promise<SyncServiceStatus> {
  const res = await db.execute<StatusRow>(statusQuery);
  const row = res.rows[0];
  if (!row) throw new Error('status query answered no row');
  const mode = row.last_completed_run_mode;
  return {
    last_webhook_at: iso(row.last_webhook_at),
    last_webhook_state_change_at: iso(row.last_webhook_state_change_at),
    webhooks_last_hour: row.webhooks_last_hour,
    last_completed_run_at: iso(row.last_completed_run_at),
    last_completed_run_mode: mode === 'full' || mode === 'incremental' ? mode : null,
  };
}
