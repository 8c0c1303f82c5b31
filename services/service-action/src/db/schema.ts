import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, date, index, integer, jsonb, numeric, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { defineInbox, defineOutbox } from '@hvar/platform';

/**
 * The service-action service's schema: its order projection, customers (aggregates, segments,
 * interactions), service actions (transitions, executions, cost ledger, refunds).
 */
export const serviceActionSchema = pgSchema('service_action');

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
/** Money in piastres (EGP × 100), never float. */
const money = (name: string) => bigint(name, { mode: 'number' });

/**
 * The orders the service needs, projected from `order-classified` (one row per order) and the
 * order's main from `hierarchy-changed`. A row is replaced only by a newer classification revision.
 */
export const orders = serviceActionSchema.table(
  'orders',
  {
    order_id: text('order_id').primaryKey(),
    tracking_number: text('tracking_number').notNull(),
    /** Normalized phone (E.164): one phone = one customer. */
    phone: text('phone').notNull(),
    type_code: integer('type_code').notNull(),
    state_code: integer('state_code').notNull(),
    state_at: ts('state_at').notNull(),
    created_at: ts('created_at').notNull(),
    delivered_at: ts('delivered_at'),
    cod_piastres: money('cod_piastres').notNull(),
    service_type: text('service_type').notNull(),
    business_category: text('business_category').notNull(),
    product_name: text('product_name'),
    /** The receiver and drop-off address as the order had them (the customer's primary address is the latest order's). */
    receiver_name: text('receiver_name'),
    receiver_first_name: text('receiver_first_name'),
    receiver_last_name: text('receiver_last_name'),
    city: text('city'),
    zone: text('zone'),
    district: text('district'),
    address: text('address'),
    classification_revision: bigint('classification_revision', { mode: 'number' }).notNull(),
    updated_at: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('orders_tracking_number_uq').on(t.tracking_number), index('orders_phone_idx').on(t.phone, t.created_at)],
);

/**
 * Each order's active main, from `hierarchy-changed` (kept apart from `orders`: a hierarchy fact may
 * arrive before the order's classification). A row is replaced only by a newer revision.
 */
export const orderMains = serviceActionSchema.table(
  'order_mains',
  {
    order_id: text('order_id').primaryKey(),
    tracking_number: text('tracking_number').notNull(),
    /** Null when the order is a main or an unlinked sub. */
    main_order_id: text('main_order_id'),
    main_tracking_number: text('main_tracking_number'),
    hierarchy_status: text('hierarchy_status').notNull(),
    revision: bigint('revision', { mode: 'number' }).notNull(),
  },
  (t) => [index('order_mains_main_idx').on(t.main_order_id), index('order_mains_tracking_idx').on(t.tracking_number)],
);

/** One customer per normalized phone: profile, aggregates from orders, segment with its reason. */
export const customers = serviceActionSchema.table(
  'customers',
  {
    phone: text('phone').primaryKey(),
    first_name: text('first_name'),
    last_name: text('last_name'),
    full_name: text('full_name'),
    email: text('email'),
    primary_city: text('primary_city'),
    primary_zone: text('primary_zone'),
    primary_district: text('primary_district'),
    primary_address: text('primary_address'),
    /** Profile fields an agent set: orders never overwrite them. */
    managed_fields: text('managed_fields').array().notNull().default(sql`'{}'::text[]`),
    total_orders: integer('total_orders').notNull().default(0),
    total_value_piastres: money('total_value_piastres').notNull().default(0),
    avg_order_value_piastres: money('avg_order_value_piastres').notNull().default(0),
    first_order_at: ts('first_order_at'),
    last_order_at: ts('last_order_at'),
    delivered_main_orders: integer('delivered_main_orders').notNull().default(0),
    returned_orders: integer('returned_orders').notNull().default(0),
    maintenance_orders: integer('maintenance_orders').notNull().default(0),
    /** Share of orders returned or refunded, 0-1. */
    return_rate: numeric('return_rate', { precision: 5, scale: 4, mode: 'number' }).notNull().default(0),
    /** 0-1, from closed interactions (or set by an agent). */
    satisfaction_score: numeric('satisfaction_score', { precision: 3, scale: 2, mode: 'number' }),
    segment: text('segment').notNull().default('new'),
    segment_reason: text('segment_reason').notNull().default('no orders yet'),
    segment_changed_at: ts('segment_changed_at').notNull().defaultNow(),
    service_actions: integer('service_actions').notNull().default(0),
    erased: boolean('erased').notNull().default(false),
    erased_at: ts('erased_at'),
    erased_by: text('erased_by'),
    erased_reason: text('erased_reason'),
    created_by: text('created_by').notNull(),
    created_at: ts('created_at').notNull().defaultNow(),
    updated_at: ts('updated_at').notNull().defaultNow(),
  },
  // The list's filters and keyset sorts (read/customers-list.read.ts): every sort key ends in phone;
  // customers without orders sort as the oldest last order (-infinity), so the key is never null.
  (t) => [
    index('customers_segment_idx').on(t.segment, sql`coalesce(last_order_at, '-infinity'::timestamptz)`, t.phone),
    index('customers_last_order_idx').on(sql`coalesce(last_order_at, '-infinity'::timestamptz)`, t.phone),
    index('customers_maintenance_idx').on(sql`coalesce(last_order_at, '-infinity'::timestamptz)`, t.phone).where(sql`maintenance_orders > 0`),
    index('customers_value_idx').on(t.total_value_piastres, t.phone),
    index('customers_orders_idx').on(t.total_orders, t.phone),
    index('customers_return_rate_idx').on(t.return_rate, t.phone),
    index('customers_satisfaction_idx').on(t.satisfaction_score),
    // City and zone carry the default sort key, so a city or zone page is read in order from the
    // index instead of walking every customer of a segment (bench:customers: zone=Montaza&segment=regular
    // read 2,200 rows for 51 at 100k customers).
    index('customers_city_idx').on(sql`lower(primary_city)`, sql`coalesce(last_order_at, '-infinity'::timestamptz)`, t.phone),
    index('customers_zone_idx').on(sql`lower(primary_zone)`, sql`coalesce(last_order_at, '-infinity'::timestamptz)`, t.phone),
  ],
);

/** Every segment change with its reason. */
export const segmentHistory = serviceActionSchema.table(
  'segment_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    phone: text('phone').notNull(),
    from_segment: text('from_segment'),
    to_segment: text('to_segment').notNull(),
    reason: text('reason').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('segment_history_phone_idx').on(t.phone, t.at)],
);

/** Customer interactions (call, WhatsApp, SMS, email, visit). */
export const interactions = serviceActionSchema.table(
  'interactions',
  {
    interaction_id: uuid('interaction_id').primaryKey().defaultRandom(),
    phone: text('phone').notNull(),
    interaction_type: text('interaction_type').notNull(),
    subject: text('subject').notNull(),
    description: text('description'),
    priority: text('priority').notNull(),
    status: text('status').notNull(),
    assigned_agent: text('assigned_agent'),
    customer_satisfaction: numeric('customer_satisfaction', { precision: 3, scale: 2, mode: 'number' }),
    resolution_time_hours: numeric('resolution_time_hours', { precision: 10, scale: 2, mode: 'number' }),
    follow_up_date: date('follow_up_date', { mode: 'string' }),
    follow_up_notes: text('follow_up_notes'),
    created_by: text('created_by').notNull(),
    created_at: ts('created_at').notNull().defaultNow(),
    updated_at: ts('updated_at').notNull().defaultNow(),
    resolved_at: ts('resolved_at'),
  },
  (t) => [index('interactions_phone_idx').on(t.phone, t.created_at)],
);

/** Service actions (cases). */
export const actions = serviceActionSchema.table(
  'actions',
  {
    action_id: uuid('action_id').primaryKey(),
    case_number: text('case_number').notNull(),
    phone: text('phone').notNull(),
    action_type: text('action_type').notNull(),
    action_subtype: text('action_subtype'),
    status: text('status').notNull(),
    service_reason: text('service_reason').notNull(),
    service_notes: text('service_notes'),
    main_order_id: text('main_order_id'),
    main_tracking_number: text('main_tracking_number'),
    sub_order_id: text('sub_order_id'),
    sub_tracking_number: text('sub_tracking_number'),
    source_order_id: text('source_order_id'),
    source_tracking_number: text('source_tracking_number'),
    auto_detected: boolean('auto_detected').notNull().default(false),
    on_site: boolean('on_site').notNull().default(false),
    product_name: text('product_name'),
    product_sku: text('product_sku'),
    product_description: text('product_description'),
    pickup_address: jsonb('pickup_address'),
    /** Pickup requests made (a retry asks again with the next attempt number). */
    return_attempt: integer('return_attempt').notNull().default(0),
    return_id: text('return_id'),
    return_tracking_number: text('return_tracking_number'),
    return_status: text('return_status'),
    outbound_id: text('outbound_id'),
    outbound_tracking_number: text('outbound_tracking_number'),
    outbound_status: text('outbound_status'),
    needs_attention: text('needs_attention'),
    review_required: boolean('review_required').notNull().default(false),
    review_decision: text('review_decision'),
    approved_refund_limit_piastres: money('approved_refund_limit_piastres'),
    hub_quality_score: integer('hub_quality_score'),
    hub_recommended_action: text('hub_recommended_action'),
    assigned_technician: text('assigned_technician'),
    warranty_applies: boolean('warranty_applies').notNull().default(false),
    estimated_cost_piastres: money('estimated_cost_piastres').notNull().default(0),
    customer_contribution_piastres: money('customer_contribution_piastres').notNull().default(0),
    closure_verified: boolean('closure_verified').notNull().default(false),
    cancelled_reason: text('cancelled_reason'),
    created_by: text('created_by').notNull(),
    created_at: ts('created_at').notNull().defaultNow(),
    updated_at: ts('updated_at').notNull().defaultNow(),
    completed_at: ts('completed_at'),
  },
  (t) => [
    uniqueIndex('actions_case_number_uq').on(t.case_number),
    /** Exactly one automatic action per source tracking number and type, whatever the duplicates. */
    uniqueIndex('actions_auto_source_uq').on(t.source_tracking_number, t.action_type).where(sql`${t.auto_detected}`),
    index('actions_phone_idx').on(t.phone, t.created_at),
    index('actions_status_idx').on(t.status, t.created_at),
    index('actions_created_idx').on(t.created_at, t.action_id),
    index('actions_main_idx').on(t.main_order_id),
    index('actions_sub_idx').on(t.sub_order_id),
    index('actions_source_idx').on(t.source_order_id),
    index('actions_return_tracking_idx').on(t.return_tracking_number),
  ],
);

/** Every status change of an action: from, to, actor, time, reason. */
export const transitions = serviceActionSchema.table(
  'transitions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    action_id: uuid('action_id').notNull(),
    from_status: text('from_status'),
    to_status: text('to_status').notNull(),
    actor: text('actor').notNull(),
    reason: text('reason'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('transitions_action_idx').on(t.action_id, t.id)],
);

/** Executions: repair, part replacement, unit replacement, refund (technician, parts, notes). */
export const executions = serviceActionSchema.table(
  'executions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    action_id: uuid('action_id').notNull(),
    kind: text('kind').notNull(),
    technician: text('technician'),
    parts: jsonb('parts').notNull().default(sql`'[]'::jsonb`),
    notes: text('notes'),
    new_product_sku: text('new_product_sku'),
    created_by: text('created_by').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('executions_action_idx').on(t.action_id)],
);

/**
 * The cost ledger: one row per amount (estimated, parts, labour, return_courier_fee,
 * outbound_courier_fee, customer_contribution, refund). An estimate or fee that changes gets a new
 * row replacing the old (`superseded`); the action's ledger is the sum of live rows per entry.
 */
export const costLedger = serviceActionSchema.table(
  'cost_ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    action_id: uuid('action_id').notNull(),
    entry: text('entry').notNull(),
    amount_piastres: money('amount_piastres').notNull(),
    note: text('note'),
    superseded: boolean('superseded').notNull().default(false),
    created_by: text('created_by').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('cost_ledger_action_idx').on(t.action_id, t.entry)],
);

/** Refunds: at most one per action. */
export const refunds = serviceActionSchema.table(
  'refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    action_id: uuid('action_id').notNull(),
    amount_piastres: money('amount_piastres').notNull(),
    original_cod_piastres: money('original_cod_piastres'),
    approved_limit_piastres: money('approved_limit_piastres'),
    processed: boolean('processed').notNull().default(true),
    created_by: text('created_by').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('refunds_action_uq').on(t.action_id)],
);

/** Gap-free case numbers per year: `SA-YYYY-NNNNNN`. */
export const caseCounters = serviceActionSchema.table('case_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

/** Revision of emitted service facts (grows with every emission). */
export const factRevisionSeq = serviceActionSchema.sequence('fact_revision_seq');

export const outbox = defineOutbox(serviceActionSchema);
export const inbox = defineInbox(serviceActionSchema);
