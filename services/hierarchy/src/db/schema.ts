import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, numeric, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { defineInbox, defineOutbox } from '@hvar/platform';

/** The hierarchy service's schema: its order projection, links (with history), locks, detection runs. */
export const hierarchySchema = pgSchema('hierarchy');

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const money = (name: string) => bigint(name, { mode: 'number' });

/**
 * The orders the hierarchy needs, projected from `order-classified` (one row per order). A row is
 * replaced only by a newer classification revision, so a late, older batch changes nothing.
 */
export const orders = hierarchySchema.table(
  'orders',
  {
    order_id: text('order_id').primaryKey(),
    tracking_number: text('tracking_number').notNull(),
    /** Normalized phone (E.164): one phone = one customer. */
    phone: text('phone').notNull(),
    service_type: text('service_type').notNull(),
    business_category: text('business_category').notNull(),
    type_code: integer('type_code').notNull(),
    state_code: integer('state_code').notNull(),
    state_at: ts('state_at').notNull(),
    created_at: ts('created_at').notNull(),
    delivered_at: ts('delivered_at'),
    cod_piastres: money('cod_piastres').notNull(),
    product_name: text('product_name'),
    /** The classifier's revision this row was taken from. */
    classification_revision: bigint('classification_revision', { mode: 'number' }).notNull(),
    updated_at: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('orders_tracking_number_uq').on(t.tracking_number), index('orders_phone_idx').on(t.phone, t.created_at)],
);

/**
 * Main/sub links. History is never deleted: a link that stops holding is deactivated (with who,
 * when and why). A sub has at most one active link (partial unique index).
 */
export const links = hierarchySchema.table(
  'links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    main_order_id: text('main_order_id').notNull(),
    main_tracking_number: text('main_tracking_number').notNull(),
    sub_order_id: text('sub_order_id').notNull(),
    sub_tracking_number: text('sub_tracking_number').notNull(),
    /** The customer (both orders' phone when the link was made). */
    phone: text('phone').notNull(),
    main_created_at: ts('main_created_at').notNull(),
    sub_created_at: ts('sub_created_at').notNull(),
    main_cod_piastres: money('main_cod_piastres').notNull(),
    sub_cod_piastres: money('sub_cod_piastres').notNull(),
    relationship_type: text('relationship_type').notNull(),
    relationship_level: integer('relationship_level').notNull(),
    business_rule: text('business_rule').notNull(),
    confidence: numeric('confidence', { precision: 3, scale: 2, mode: 'number' }).notNull(),
    confidence_reasons: text('confidence_reasons').array().notNull(),
    relationship_reason: text('relationship_reason'),
    linked_by: text('linked_by').notNull(),
    /** Manual links are locked: automatic evaluation never changes them. */
    locked: boolean('locked').notNull(),
    active: boolean('active').notNull().default(true),
    created_by: text('created_by'),
    created_at: ts('created_at').notNull().defaultNow(),
    deactivated_at: ts('deactivated_at'),
    deactivated_by: text('deactivated_by'),
    deactivation_reason: text('deactivation_reason'),
  },
  (t) => [
    uniqueIndex('links_active_sub_uq').on(t.sub_order_id).where(sql`${t.active}`),
    index('links_sub_idx').on(t.sub_order_id),
    index('links_main_idx').on(t.main_order_id),
    index('links_active_phone_idx').on(t.phone).where(sql`${t.active}`),
  ],
);

/**
 * Manual decisions automatic evaluation must respect: `linked` (the sub keeps its manual link) or
 * `unlinked` (an agent unlinked it; it stays without a main until linked by hand).
 */
export const locks = hierarchySchema.table('locks', {
  order_id: text('order_id').primaryKey(),
  kind: text('kind').notNull(), // linked | unlinked
  locked_by: text('locked_by').notNull(),
  reason: text('reason'),
  locked_at: ts('locked_at').notNull().defaultNow(),
});

/**
 * Revision of emitted hierarchy facts: one value per evaluation, taken after the customers' locks
 * are held, so a later evaluation of the same order always carries a larger revision.
 */
export const factRevisionSeq = hierarchySchema.sequence('fact_revision_seq');

/** One row per evaluation that emitted facts (incremental batch, command, detection chunk). */
export const evaluations = hierarchySchema.table('evaluations', {
  revision: bigint('revision', { mode: 'number' }).primaryKey(),
  cause: text('cause').notNull(), // incremental | manual | detection
  customers: integer('customers').notNull(),
  facts: integer('facts').notNull(),
  at: ts('at').notNull().defaultNow(),
});

/** Re-detection runs: every customer (keyset over phone) or one; resumable from `cursor_phone`. */
export const detectionRuns = hierarchySchema.table(
  'detection_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scope: text('scope').notNull(), // all | customer
    phone: text('phone'),
    status: text('status').notNull(), // queued | running | completed | failed
    requested_by: text('requested_by').notNull(),
    /** Last phone whose customer is done (committed with that chunk's changes). */
    cursor_phone: text('cursor_phone'),
    customers_total: integer('customers_total'),
    customers_done: integer('customers_done').notNull().default(0),
    orders_seen: integer('orders_seen').notNull().default(0),
    links_created: integer('links_created').notNull().default(0),
    links_deactivated: integer('links_deactivated').notNull().default(0),
    facts_emitted: integer('facts_emitted').notNull().default(0),
    last_error: text('last_error'),
    created_at: ts('created_at').notNull().defaultNow(),
    started_at: ts('started_at'),
    finished_at: ts('finished_at'),
  },
  (t) => [index('detection_runs_created_idx').on(t.created_at, t.id)],
);

export const outbox = defineOutbox(hierarchySchema);
export const inbox = defineInbox(hierarchySchema);
