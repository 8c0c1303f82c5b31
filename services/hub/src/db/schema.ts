import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { defineInbox, defineOutbox } from '@hvar/platform';

/** The hub service's schema: one confirmation workflow per return, its scans, inspections and reviews. */
export const hubSchema = pgSchema('hub');

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
/** Money in piastres (EGP × 100), never float. */
const money = (name: string) => bigint(name, { mode: 'number' });

/**
 * One workflow per return tracking number (created on `return-created`, or by hand). `status` moves
 * by the rules in `domain/transitions.ts`; while `inspecting`, `review_pending` tells an inspection
 * awaiting a team leader from a parcel awaiting (another) inspection.
 */
export const workflows = hubSchema.table(
  'workflows',
  {
    workflow_id: uuid('workflow_id').primaryKey(),
    action_id: uuid('action_id').notNull(),
    case_number: text('case_number').notNull(),
    action_type: text('action_type').notNull(),
    confirmation_type: text('confirmation_type').notNull(),
    return_id: text('return_id'),
    return_tracking_number: text('return_tracking_number').notNull(),
    customer_phone: text('customer_phone').notNull(),
    product_name: text('product_name'),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    review_pending: boolean('review_pending').notNull().default(false),
    /** The pickup's last status from the returns service (`delivered_to_hub` once scanned). */
    return_status: text('return_status'),
    hub_name: text('hub_name'),
    hub_agent: text('hub_agent'),
    /** The latest inspection, and what the review rule said of it. */
    inspection_id: uuid('inspection_id'),
    review_required: boolean('review_required').notNull().default(false),
    review_reasons: jsonb('review_reasons').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** The latest team-leader decision. */
    review_id: uuid('review_id'),
    cancelled_reason: text('cancelled_reason'),
    created_by: text('created_by').notNull(),
    scanned_at: ts('scanned_at'),
    inspection_started_at: ts('inspection_started_at'),
    inspection_completed_at: ts('inspection_completed_at'),
    confirmed_at: ts('confirmed_at'),
    created_at: ts('created_at').notNull(),
    updated_at: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('workflows_tracking_uq').on(t.return_tracking_number),
    index('workflows_action_idx').on(t.action_id),
    index('workflows_return_idx').on(t.return_id),
    index('workflows_created_idx').on(t.created_at, t.workflow_id),
    index('workflows_status_idx').on(t.status, t.created_at),
    index('workflows_hub_idx').on(t.hub_name, t.created_at),
    index('workflows_agent_idx').on(t.hub_agent, t.created_at),
  ],
);

/** Every status change of a workflow: from, to, actor, time, reason. */
export const transitions = hubSchema.table(
  'transitions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workflow_id: uuid('workflow_id').notNull(),
    from_status: text('from_status'),
    to_status: text('to_status').notNull(),
    actor: text('actor').notNull(),
    reason: text('reason'),
    at: ts('at').notNull(),
  },
  (t) => [index('transitions_workflow_idx').on(t.workflow_id, t.id)],
);

/** Every scan, repeats included (a repeat changes nothing else). */
export const scans = hubSchema.table(
  'scans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workflow_id: uuid('workflow_id').notNull(),
    hub_name: text('hub_name').notNull(),
    hub_agent: text('hub_agent').notNull(),
    repeated: boolean('repeated').notNull(),
    /** The workflow's status when scanned. */
    status: text('status').notNull(),
    requested_by: text('requested_by').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('scans_workflow_idx').on(t.workflow_id, t.at)],
);

/** Every inspection (after `requires_changes` a workflow has several; the latest is the workflow's). */
export const inspections = hubSchema.table(
  'inspections',
  {
    inspection_id: uuid('inspection_id').primaryKey(),
    workflow_id: uuid('workflow_id').notNull(),
    hub_agent: text('hub_agent').notNull(),
    product_condition: text('product_condition').notNull(),
    missing_parts: jsonb('missing_parts').$type<string[]>().notNull(),
    visible_damage: text('visible_damage'),
    functionality_test: text('functionality_test'),
    quality_score: integer('quality_score').notNull(),
    inspection_notes: text('inspection_notes'),
    recommended_action: text('recommended_action').notNull(),
    recommended_priority: text('recommended_priority').notNull(),
    estimated_repair_cost_piastres: money('estimated_repair_cost_piastres'),
    estimated_repair_days: integer('estimated_repair_days'),
    review_required: boolean('review_required').notNull(),
    review_reasons: jsonb('review_reasons').$type<string[]>().notNull(),
    requested_by: text('requested_by').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('inspections_workflow_idx').on(t.workflow_id, t.at)],
);

/** Team-leader decisions (history; the latest is the workflow's). */
export const reviews = hubSchema.table(
  'reviews',
  {
    review_id: uuid('review_id').primaryKey(),
    workflow_id: uuid('workflow_id').notNull(),
    inspection_id: uuid('inspection_id').notNull(),
    team_leader: text('team_leader').notNull(),
    decision: text('decision').notNull(),
    notes: text('notes'),
    approved_refund_limit_piastres: money('approved_refund_limit_piastres'),
    requested_by: text('requested_by').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('reviews_workflow_idx').on(t.workflow_id, t.at)],
);

/** Cases cancelled (from `case-cancelled`), kept even before their workflow exists: a later return of theirs starts cancelled. */
export const cancellations = hubSchema.table('cancellations', {
  action_id: uuid('action_id').primaryKey(),
  reason: text('reason').notNull(),
  at: ts('at').notNull(),
});

/**
 * The return pickups the returns service told about (`return-created`, `return-status-changed`), in
 * whatever order they arrive: a status is replaced only by a later one.
 */
export const pickups = hubSchema.table(
  'pickups',
  {
    return_id: text('return_id').primaryKey(),
    action_id: uuid('action_id').notNull(),
    tracking_number: text('tracking_number'),
    status: text('status').notNull(),
    bosta_state_code: integer('bosta_state_code'),
    at: ts('at').notNull(),
  },
  (t) => [index('pickups_action_idx').on(t.action_id)],
);

export const outbox = defineOutbox(hubSchema);
export const inbox = defineInbox(hubSchema);
