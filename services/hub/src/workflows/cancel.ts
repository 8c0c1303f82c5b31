import type { JobPayload, hubQueue } from '@hvar/contracts';
import { lockKeys, type SqlTx } from '@hvar/platform';
import { onCaseCancelled } from '../domain/transitions.js';
import type { EventOutcome } from './expect.js';
import { stateOf, type WorkflowRow } from './store.js';

/**
 * The case was cancelled: recorded (a return that arrives later starts cancelled), and every open
 * workflow of the case is cancelled with the reason; a confirmed or rejected one stays as it is. A
 * later scan is refused with the reason.
 */
export async function applyCaseCancelled(tx: SqlTx, ev: JobPayload<typeof hubQueue, 'case-cancelled'>, at: Date): Promise<EventOutcome> {
  await lockKeys(tx, 'hub-action', [ev.action_id]);
  await tx.query('insert into hub.cancellations (action_id, reason, at) values ($1, $2, $3) on conflict (action_id) do nothing', [ev.action_id, ev.reason, ev.at]);
  const rows = await tx.query<WorkflowRow>('select * from hub.workflows where action_id = $1 for update', [ev.action_id]);
  const open = rows.filter((r) => onCaseCancelled(stateOf(r)) !== 'ignore');
  if (open.length === 0) return { workflow_id: rows[0]?.workflow_id ?? null, ignored: rows.length ? 'every workflow of the case is decided already' : 'no workflow yet (recorded for a later return)' };
  await tx.query(
    `update hub.workflows set status = 'cancelled', cancelled_reason = $2, review_pending = false, updated_at = $3 where workflow_id = any($1::uuid[])`,
    [open.map((r) => r.workflow_id), ev.reason, at],
  );
  await tx.query(
    `insert into hub.transitions (workflow_id, from_status, to_status, actor, reason, at)
     select w, f, 'cancelled', 'system:service-action', $3, $4 from unnest($1::uuid[], $2::text[]) as s(w, f)`,
    [open.map((r) => r.workflow_id), open.map((r) => r.status), `case cancelled: ${ev.reason}`, at],
  );
  return { workflow_id: open[0]?.workflow_id ?? null };
}
