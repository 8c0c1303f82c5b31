import type { ActionType, HubWorkflow } from '@hvar/contracts';
import { AppError, type SqlTx } from '@hvar/platform';
import type { ConfirmationType } from '../domain/confirmation.js';
import type { Refusal, WorkflowState, WorkflowStatus } from '../domain/transitions.js';

type Db = Pick<SqlTx, 'query'>;

/** A workflow row as stored. */
export interface WorkflowRow {
  workflow_id: string;
  action_id: string;
  case_number: string;
  action_type: ActionType;
  confirmation_type: ConfirmationType;
  return_id: string | null;
  return_tracking_number: string;
  customer_phone: string;
  product_name: string | null;
  reason: string;
  status: WorkflowStatus;
  review_pending: boolean;
  return_status: string | null;
  hub_name: string | null;
  hub_agent: string | null;
  inspection_id: string | null;
  review_required: boolean;
  review_reasons: string[];
  review_id: string | null;
  cancelled_reason: string | null;
  created_by: string;
  scanned_at: Date | null;
  inspection_started_at: Date | null;
  inspection_completed_at: Date | null;
  confirmed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An instant as the API writes it. */
export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));
const egp = (piastres: number | string | null) => (piastres === null ? null : Number(piastres) / 100);

/** Finds a workflow by id (uuid) or return tracking number, locked for the caller's transaction when asked. */
export async function findWorkflow(db: Db, ref: string, forUpdate = false): Promise<WorkflowRow | undefined> {
  const byId = UUID.test(ref);
  const rows = await db.query<WorkflowRow>(
    `select * from hub.workflows where ${byId ? 'workflow_id = $1::uuid' : 'return_tracking_number = $1'}${forUpdate ? ' for update' : ''}`,
    [ref],
  );
  return rows[0];
}

/** Locks a workflow by tracking number; an unknown code is a clear 404 (`unknown_return`). */
export async function lockByTracking(tx: Db, trackingNumber: string): Promise<WorkflowRow> {
  const row = await findWorkflow(tx, trackingNumber, true);
  if (!row) {
    throw new AppError('not_found', `Unknown code ${trackingNumber}: no return with this tracking number is expected at the hub. Check the label, or register the return first.`, {
      code: 'unknown_return',
    });
  }
  return row;
}

/** Locks a workflow by id; an unknown id is a 404 (`unknown_workflow`). */
export async function lockById(tx: Db, workflowId: string): Promise<WorkflowRow> {
  const row = await findWorkflow(tx, workflowId, true);
  if (!row) throw new AppError('not_found', `No hub workflow ${workflowId}.`, { code: 'unknown_workflow' });
  return row;
}

/** What the transition rules need of a row. */
export function stateOf(row: WorkflowRow): WorkflowState {
  return { status: row.status, review_pending: row.review_pending, cancelled_reason: row.cancelled_reason };
}

/** A refused command as the API answers it: 409 with the rule's code, naming the return. */
export function refused(row: WorkflowRow, refusal: Refusal): AppError {
  return new AppError('conflict', `Return ${row.return_tracking_number} (${row.case_number}): ${refusal.message}.`, {
    code: refusal.code,
    details: { workflow_id: row.workflow_id, status: row.status, ...(row.cancelled_reason ? { cancelled_reason: row.cancelled_reason } : {}) },
  });
}

/** Records the statuses a workflow passed through (one statement), the last being its new status. */
export async function recordTransitions(tx: Db, row: Pick<WorkflowRow, 'workflow_id' | 'status'>, path: readonly WorkflowStatus[], actor: string, reason: string, at: Date): Promise<void> {
  if (path.length === 0) return;
  const from = [row.status, ...path.slice(0, -1)];
  await tx.query(
    `insert into hub.transitions (workflow_id, from_status, to_status, actor, reason, at)
     select $1, f, t, $4, $5, $6 from unnest($2::text[], $3::text[]) as s(f, t)`,
    [row.workflow_id, from, path, actor, reason, at],
  );
}

/** The select every view reads: the workflow, its latest inspection, and the decision on that inspection. */
export const VIEW_SELECT = `select w.*, to_jsonb(i) as inspection_row, to_jsonb(r) as review_row
  from hub.workflows w
  left join hub.inspections i on i.inspection_id = w.inspection_id
  left join hub.reviews r on r.review_id = w.review_id and r.inspection_id = w.inspection_id`;

interface InspectionJson {
  product_condition: string;
  missing_parts: string[];
  visible_damage: string | null;
  functionality_test: string | null;
  quality_score: number;
  inspection_notes: string | null;
  recommended_action: string;
  recommended_priority: string;
  estimated_repair_cost_piastres: number | null;
  estimated_repair_days: number | null;
}
interface ReviewJson {
  team_leader: string;
  decision: string;
  notes: string | null;
  approved_refund_limit_piastres: number | null;
  at: string;
}

/** A row of `VIEW_SELECT`. */
export type ViewRow = WorkflowRow & { inspection_row: InspectionJson | null; review_row: ReviewJson | null };

/** A row of `VIEW_SELECT` as the API shows it (money in EGP). */
export function toWorkflow(row: ViewRow): HubWorkflow {
  const i = row.inspection_row;
  const r = row.review_row;
  return {
    workflow_id: row.workflow_id,
    action_id: row.action_id,
    case_number: row.case_number,
    action_type: row.action_type,
    return_id: row.return_id,
    return_tracking_number: row.return_tracking_number,
    customer_phone: row.customer_phone,
    product_name: row.product_name,
    reason: row.reason,
    confirmation_type: row.confirmation_type,
    status: row.status,
    return_status: row.return_status,
    hub_name: row.hub_name,
    hub_agent: row.hub_agent,
    inspection: i && {
      product_condition: i.product_condition as NonNullable<HubWorkflow['inspection']>['product_condition'],
      missing_parts: i.missing_parts,
      visible_damage: i.visible_damage,
      functionality_test: i.functionality_test as NonNullable<HubWorkflow['inspection']>['functionality_test'],
      quality_score: i.quality_score,
      inspection_notes: i.inspection_notes,
      recommended_action: i.recommended_action as NonNullable<HubWorkflow['inspection']>['recommended_action'],
      recommended_priority: i.recommended_priority as NonNullable<HubWorkflow['inspection']>['recommended_priority'],
      estimated_repair_cost: egp(i.estimated_repair_cost_piastres),
      estimated_repair_days: i.estimated_repair_days,
    },
    review_required: row.review_required,
    review_reasons: row.review_reasons,
    review: r && {
      team_leader: r.team_leader,
      decision: r.decision as NonNullable<HubWorkflow['review']>['decision'],
      notes: r.notes,
      approved_refund_limit: egp(r.approved_refund_limit_piastres),
      at: iso(r.at),
    },
    scanned_at: isoOrNull(row.scanned_at),
    inspection_started_at: isoOrNull(row.inspection_started_at),
    inspection_completed_at: isoOrNull(row.inspection_completed_at),
    confirmed_at: isoOrNull(row.confirmed_at),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

/** One workflow as the API shows it. */
export async function workflowView(db: Db, workflowId: string): Promise<HubWorkflow> {
  const [row] = await db.query<ViewRow>(`${VIEW_SELECT} where w.workflow_id = $1`, [workflowId]);
  if (!row) throw new Error(`workflow ${workflowId} vanished inside its transaction`);
  return toWorkflow(row);
}
