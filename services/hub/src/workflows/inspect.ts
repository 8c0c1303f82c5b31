import { serviceActionQueue, type HubWorkflow, type JobPayload, type hubQueue } from '@hvar/contracts';
import { writeOutbox, type SqlTx } from '@hvar/platform';
import { randomUUID } from 'node:crypto';
import { outbox } from '../db/schema.js';
import type { HubDeps } from '../deps.js';
import { reviewVerdict } from '../domain/review-rule.js';
import { onInspect } from '../domain/transitions.js';
import { lockByTracking, recordTransitions, refused, stateOf, workflowView } from './store.js';

type InspectCommand = JobPayload<typeof hubQueue, 'inspect'>;

const piastres = (egp: number | null) => (egp === null ? null : Math.round(egp * 100));

/**
 * The inspection of a scanned parcel (fields validated by the contract: a quality score outside 1-10
 * never gets here). The review rule decides: no review → `confirmed`; review → the workflow awaits a
 * team leader, with the reasons listed. Emits `inspection-completed`.
 */
export async function inspectReturn(tx: SqlTx, cmd: InspectCommand, deps: HubDeps): Promise<HubWorkflow> {
  const row = await lockByTracking(tx, cmd.return_tracking_number);
  const verdict = reviewVerdict({ action_type: row.action_type, quality_score: cmd.quality_score, recommended_action: cmd.recommended_action }, deps.review);
  const decision = onInspect(stateOf(row), verdict.required);
  if (!decision.ok) throw refused(row, decision.refusal);
  const at = deps.now();
  const inspectionId = randomUUID();
  const agent = cmd.hub_agent ?? row.hub_agent ?? cmd.requested_by;
  await tx.query(
    `insert into hub.inspections (inspection_id, workflow_id, hub_agent, product_condition, missing_parts, visible_damage, functionality_test, quality_score,
       inspection_notes, recommended_action, recommended_priority, estimated_repair_cost_piastres, estimated_repair_days, review_required, review_reasons, requested_by, at)
     values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::jsonb, $16, $17)`,
    [
      inspectionId, row.workflow_id, agent, cmd.product_condition, JSON.stringify(cmd.missing_parts), cmd.visible_damage, cmd.functionality_test, cmd.quality_score,
      cmd.inspection_notes, cmd.recommended_action, cmd.recommended_priority, piastres(cmd.estimated_repair_cost), cmd.estimated_repair_days,
      verdict.required, JSON.stringify(verdict.reasons), cmd.requested_by, at,
    ],
  );
  const status = decision.next.path.at(-1) ?? row.status;
  await tx.query(
    `update hub.workflows set inspection_id = $2, review_required = $3, review_reasons = $4::jsonb, review_pending = $5, status = $6::text, hub_agent = $7,
            inspection_completed_at = $8::timestamptz, confirmed_at = case when $6::text = 'confirmed' then $8::timestamptz else confirmed_at end, updated_at = $8::timestamptz
      where workflow_id = $1`,
    [row.workflow_id, inspectionId, verdict.required, JSON.stringify(verdict.reasons), decision.next.review_pending, status, agent, at],
  );
  const summary = `inspected: ${cmd.product_condition}, score ${cmd.quality_score}, recommends ${cmd.recommended_action}`;
  await recordTransitions(tx, row, decision.next.path, `hub_agent:${agent}`, `${summary}; no review needed`, at);
  await writeOutbox(tx.db, outbox, {
    contract: serviceActionQueue,
    name: 'inspection-completed',
    payload: {
      event_id: `inspection-completed:${inspectionId}`, action_id: row.action_id, workflow_id: row.workflow_id, hub_agent: agent,
      product_condition: cmd.product_condition, quality_score: cmd.quality_score, recommended_action: cmd.recommended_action,
      review_required: verdict.required, review_reasons: verdict.reasons, estimated_repair_cost: cmd.estimated_repair_cost, notes: cmd.inspection_notes,
      at: at.toISOString(),
    },
  });
  return workflowView(tx, row.workflow_id);
}
