import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { defineInbox, defineOutbox } from '@hvar/platform';

/** The classifier's schema: rule-set versions, one classification per order, its history, re-classify runs. */
export const classifierSchema = pgSchema('classifier');

/** Order facts keep the precision they arrive with (the state-time guard compares them exactly). */
const ts = (name: string) => timestamp(name, { withTimezone: true });
/** Times the classifier sets itself: milliseconds, so a keyset cursor written as ISO text is exact. */
const ms = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const money = (name: string) => bigint(name, { mode: 'number' });

/**
 * Revisions of classifications. A value is taken only while the order's row is locked, so a later
 * writer of the same order always gets a larger one; consumers apply a fact only when it is newer.
 * CACHE 1 on purpose: with per-session caches a later writer could draw a smaller cached value.
 */
export const revisionSeq = classifierSchema.sequence('revision_seq', { cache: 1 });

/** Every published rule set; exactly one is active. Rows are never updated except `active` and the run id. */
export const ruleSets = classifierSchema.table(
  'rule_sets',
  {
    version: integer('version').primaryKey(),
    parameters: jsonb('parameters').$type<Record<string, number>>().notNull(),
    rules: jsonb('rules').notNull(),
    notes: text('notes'),
    active: boolean('active').notNull().default(false),
    published_by: text('published_by').notNull(),
    published_at: ms('published_at').notNull().defaultNow(),
    reclassify_run_id: uuid('reclassify_run_id'),
  },
  (t) => [uniqueIndex('rule_sets_one_active_uq').on(t.active).where(sql`${t.active}`)],
);

/**
 * The current classification of each order with the facts it was computed from (the order's state
 * time, then the sync's row version, guard against older changes arriving late).
 */
export const classifications = classifierSchema.table(
  'classifications',
  {
    order_id: text('order_id').primaryKey(),
    tracking_number: text('tracking_number').notNull(),
    receiver_phone: text('receiver_phone').notNull(),
    type_code: integer('type_code').notNull(),
    state_code: integer('state_code').notNull(),
    state_at: ts('state_at').notNull(),
    cod_piastres: money('cod_piastres').notNull(),
    created_at: ts('created_at').notNull(),
    delivered_at: ts('delivered_at'),
    returned_at: ts('returned_at'),
    product_name: text('product_name'),
    business_reference: text('business_reference'),
    unique_business_reference: text('unique_business_reference'),
    business_category: text('business_category').notNull(),
    service_type: text('service_type').notNull(),
    order_level: integer('order_level').notNull(),
    rule_id: text('rule_id').notNull(),
    rule_set_version: integer('rule_set_version').notNull(),
    revision: bigint('revision', { mode: 'number' }).notNull(),
    /**
     * The sync's row version of the facts stored (`sync_version` of the entry): of two changes with
     * the same state time, the higher version holds the newer data. 0 for rows from before it was sent.
     */
    sync_version: bigint('sync_version', { mode: 'number' }).notNull().default(0),
    classified_at: ms('classified_at').notNull().defaultNow(),
  },
  (t) => [index('classifications_tracking_idx').on(t.tracking_number)],
);

/** Every change of a classification (first one included); never deleted. */
export const classificationHistory = classifierSchema.table(
  'classification_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    order_id: text('order_id').notNull(),
    revision: bigint('revision', { mode: 'number' }).notNull(),
    cause: text('cause').notNull(),
    state_code: integer('state_code').notNull(),
    from_business_category: text('from_business_category'),
    from_service_type: text('from_service_type'),
    from_order_level: integer('from_order_level'),
    from_rule_id: text('from_rule_id'),
    from_rule_set_version: integer('from_rule_set_version'),
    to_business_category: text('to_business_category').notNull(),
    to_service_type: text('to_service_type').notNull(),
    to_order_level: integer('to_order_level').notNull(),
    to_rule_id: text('to_rule_id').notNull(),
    to_rule_set_version: integer('to_rule_set_version').notNull(),
    at: ms('at').notNull().defaultNow(),
  },
  (t) => [index('classification_history_order_idx').on(t.order_id, t.revision)],
);

/**
 * A re-classify-all run: walks every order by `order_id` (keyset cursor, advanced in the same
 * transaction as each chunk), so a run resumed after a crash continues where it committed.
 */
export const reclassifyRuns = classifierSchema.table(
  'reclassify_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rule_set_version: integer('rule_set_version').notNull(),
    status: text('status').notNull().default('queued'),
    cursor: text('cursor'),
    orders_total: integer('orders_total'),
    orders_done: integer('orders_done').notNull().default(0),
    orders_changed: integer('orders_changed').notNull().default(0),
    chunks_done: integer('chunks_done').notNull().default(0),
    last_error: text('last_error'),
    created_at: ms('created_at').notNull().defaultNow(),
    started_at: ms('started_at'),
    finished_at: ms('finished_at'),
  },
  (t) => [index('reclassify_runs_created_idx').on(t.created_at, t.id)],
);

/** Messages to other services, relayed after commit. */
export const outbox = defineOutbox(classifierSchema);
/** Ids of the messages whose effect was applied (order-changed batches, commands). */
export const inbox = defineInbox(classifierSchema);
