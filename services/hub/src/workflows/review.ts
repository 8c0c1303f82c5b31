import { serviceActionQueue, type HubWorkflow, type JobPayload, type hubQueue } from '@hvar/contracts';
import { AppError, writeOutbox, type SqlTx } from '@hvar/platform';
import { randomUUID } from 'node:crypto';
import { outbox } from '../db/schema.js';
import type { HubDeps } from '../deps.js';
import { onReview } from '../domain/transitions.js';
import { lockById, lockByTracking, recordTransitions, refused, stateOf, workflowView, type WorkflowRow } from './store.js';

type ReviewCommand = JobPayload<typeof hubQueue, 'review'>;

const piastres = (egp: number) => Math.round(egp * 100);

function invalid(path: string, message: string): AppError {
  return new AppError('invalid_data', `Invalid body: ${path} ${message}`, { errors: [{ path, message }] });
}

/** The workflow a review names: by tracking number or id (both given must be the same workflow). */
async function reviewed(tx: SqlTx, cmd: ReviewCommand): Promise<WorkflowRow> {
  if (!cmd.return_tracking_number && !cmd.workflow_id) throw invalid('body.return_tracking_number', 'name the return (return_tracking_number or workflow_id)');
  const row = cmd.return_tracking_number ? await lockByTracking(tx, cmd.return_tracking_number) : await lockById(tx, cmd.workflow_id ?? '');
  if (cmd.workflow_id && cmd.workflow_id !== row.workflow_id) throw invalid('body.workflow_id', `is not the workflow of return ${row.return_tracking_number}`);
  return row;
}

/**
 * A team leader decides a pending review: approved → `confirmed`, rejected → `rejected`,
 * requires_changes → back to `inspecting` for a new inspection. An approved refund limit goes with
 * an approval only. Emits `review-decided` (the case follows it).
 */
export async function reviewReturn(tx: SqlTx, cmd: ReviewCommand, deps: HubDeps): Promise<HubWorkflow> {
  if (cmd.approved_refund_limit !== undefined && cmd.decision !== 'approved') throw invalid('body.approved_refund_limit', 'goes with an approval only');
  const row = await reviewed(tx, cmd);
  const decision = onReview(stateOf(row), cmd.decision);
  if (!decision.ok) throw refused(row, decision.refusal);
  const at = deps.now();
  const reviewId = randomUUID();
  const limit = cmd.approved_refund_limit ?? null;
  await tx.query(
    `insert into hub.reviews (review_id, workflow_id, inspection_id, team_leader, decision, notes, approved_refund_limit_piastres, requested_by, at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [reviewId, row.workflow_id, row.inspection_id, cmd.team_leader, cmd.decision, cmd.notes ?? null, limit === null ? null : piastres(limit), cmd.requested_by, at],
  );
  const status = decision.next.path.at(-1) ?? row.status;
  await tx.query(
    `update hub.workflows set review_id = $2, review_pending = false, status = $3::text,
            confirmed_at = case when $3::text = 'confirmed' then $4::timestamptz else confirmed_at end, updated_at = $4::timestamptz
      where workflow_id = $1`,
    [row.workflow_id, reviewId, status, at],
  );
  await recordTransitions(tx, row, decision.next.path, `team_leader:${cmd.team_leader}`, `review ${cmd.decision}${cmd.notes ? `: ${cmd.notes}` : ''}`, at);
  await writeOutbox(tx.db, outbox, {
    contract: serviceActionQueue,
    name: 'review-decided',
    payload: {
      event_id: `review-decided:${reviewId}`, action_id: row.action_id, workflow_id: row.workflow_id, team_leader: cmd.team_leader,
      decision: cmd.decision, notes: cmd.notes ?? null, approved_refund_limit: limit, at: at.toISOString(),
    },
  });
  return workflowView(tx, row.workflow_id);
}
