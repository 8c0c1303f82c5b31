import { isYes, type HubWorkflow, type HubWorkflowsQuery } from '@hvar/contracts';
import { decodeTimeIdCursor, encodeTimeIdCursor, type SqlTx } from '@hvar/platform';
import { iso, toWorkflow, VIEW_SELECT, type ViewRow } from '../workflows/store.js';

type Db = Pick<SqlTx, 'query'>;

/** One page of workflows, newest first (keyset on created_at, workflow_id). */
export async function pageWorkflows(db: Db, q: HubWorkflowsQuery): Promise<{ items: HubWorkflow[]; next_cursor: string | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (q.status) where.push(`w.status = ${p(q.status)}`);
  if (q.hub_name) where.push(`w.hub_name = ${p(q.hub_name)}`);
  if (q.hub_agent) where.push(`w.hub_agent = ${p(q.hub_agent)}`);
  if (q.confirmation_type) where.push(`w.confirmation_type = ${p(q.confirmation_type)}`);
  if (q.action_id) where.push(`w.action_id = ${p(q.action_id)}::uuid`);
  const required = isYes(q.review_required);
  if (required !== undefined) where.push(required ? 'w.review_required' : 'not w.review_required');
  const pending = isYes(q.review_pending);
  if (pending !== undefined) where.push(pending ? 'w.review_pending' : 'not w.review_pending');
  const after = decodeTimeIdCursor(q.cursor);
  if (after) where.push(`(w.created_at, w.workflow_id) < (${p(after.created_at)}::timestamptz, ${p(after.id)}::uuid)`);
  const rows = await db.query<ViewRow>(
    `${VIEW_SELECT} ${where.length ? `where ${where.join(' and ')}` : ''} order by w.created_at desc, w.workflow_id desc limit ${p(q.limit + 1)}`,
    params,
  );
  const last = rows[q.limit - 1];
  return {
    items: rows.slice(0, q.limit).map(toWorkflow),
    next_cursor: rows.length > q.limit && last ? encodeTimeIdCursor({ created_at: iso(last.created_at), id: last.workflow_id }) : null,
  };
}

/** One workflow by id or return tracking number (undefined when unknown). */
export async function oneWorkflow(db: Db, ref: string): Promise<HubWorkflow | undefined> {
  const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const [row] = await db.query<ViewRow>(`${VIEW_SELECT} where ${byId ? 'w.workflow_id = $1::uuid' : 'w.return_tracking_number = $1'}`, [ref]);
  return row && toWorkflow(row);
}
