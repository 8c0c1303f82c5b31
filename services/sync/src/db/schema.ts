import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  json,
  jsonb,
  numeric,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { defineInbox, defineOutbox } from '@hvar/platform';

/** The sync service's schema: the order book, its timeline, runs, webhook inbox, quarantine. */
export const syncSchema = pgSchema('sync');

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const money = (name: string) => bigint(name, { mode: 'number' });

/**
 * One row per Bosta delivery (domain.md §2). Columns mirror `Delivery` from `@hvar/bosta`; money is
 * integer piastres. What other services say about the order (its read model) is in `order_facts`.
 */
export const orders = syncSchema.table(
  'orders',
  {
    id: text('id').primaryKey(),
    tracking_number: text('tracking_number').notNull(),
    business_reference: text('business_reference'),
    unique_business_reference: text('unique_business_reference'),

    state_code: integer('state_code').notNull(),
    state_value: text('state_value'),
    masked_state: text('masked_state'),
    /** When the stored state was reached; an event older than this never overwrites it. */
    state_at: ts('state_at').notNull(),
    /**
     * Bosta's `updatedAt` of the REST copy last applied (webhooks do not move it): a REST copy older
     * than this is stale and never applied, even in the same state (states repeat: 41, 47, 41).
     */
    rest_updated_at: ts('rest_updated_at'),
    /** Set when the state code changed (not on first insert). */
    last_state_change_at: ts('last_state_change_at'),
    is_confirmed_delivery: boolean('is_confirmed_delivery').notNull().default(false),
    allow_open_package: boolean('allow_open_package').notNull().default(false),

    type_code: integer('type_code').notNull(),
    type_value: text('type_value'),
    type_enum: text('type_enum'),

    cod_piastres: money('cod_piastres').notNull(),
    bosta_fees_piastres: money('bosta_fees_piastres'),
    deposited_piastres: money('deposited_piastres'),
    shipment_fees_piastres: money('shipment_fees_piastres'),
    payment_method: text('payment_method'),

    receiver_phone: text('receiver_phone').notNull(),
    receiver_name: text('receiver_name'),
    receiver_first_name: text('receiver_first_name'),
    receiver_last_name: text('receiver_last_name'),
    receiver_second_phone: text('receiver_second_phone'),

    notes: text('notes'),
    items_count: integer('items_count'),
    description: text('description'),
    product_name: text('product_name'),
    product_count: integer('product_count'),
    return_items_count: integer('return_items_count'),
    return_description: text('return_description'),

    dropoff_city: text('dropoff_city'),
    dropoff_city_ar: text('dropoff_city_ar'),
    dropoff_zone: text('dropoff_zone'),
    dropoff_zone_ar: text('dropoff_zone_ar'),
    dropoff_district: text('dropoff_district'),
    dropoff_district_ar: text('dropoff_district_ar'),
    dropoff_first_line: text('dropoff_first_line'),
    dropoff_second_line: text('dropoff_second_line'),
    dropoff_building: text('dropoff_building'),
    dropoff_floor: text('dropoff_floor'),
    dropoff_apartment: text('dropoff_apartment'),
    dropoff_lat: doublePrecision('dropoff_lat'),
    dropoff_lng: doublePrecision('dropoff_lng'),
    pickup_city: text('pickup_city'),
    pickup_zone: text('pickup_zone'),
    pickup_district: text('pickup_district'),
    pickup_address: text('pickup_address'),
    delivery_lat: doublePrecision('delivery_lat'),
    delivery_lng: doublePrecision('delivery_lng'),
    warehouse_name: text('warehouse_name'),

    star_name: text('star_name'),
    star_phone: text('star_phone'),

    created_at: ts('created_at').notNull(),
    updated_at: ts('updated_at').notNull(),
    scheduled_at: ts('scheduled_at'),
    picked_up_at: ts('picked_up_at'),
    received_at_warehouse_at: ts('received_at_warehouse_at'),
    delivered_at: ts('delivered_at'),
    returned_at: ts('returned_at'),
    latest_awb_print_at: ts('latest_awb_print_at'),
    last_call_at: ts('last_call_at'),
    delivery_promise_date: text('delivery_promise_date'),
    delivery_time_hours: numeric('delivery_time_hours', { precision: 10, scale: 2, mode: 'number' }),

    attempts_count: integer('attempts_count'),
    calls_count: integer('calls_count'),
    exception_reason: text('exception_reason'),
    exception_code: integer('exception_code'),

    order_sla_at: ts('order_sla_at'),
    order_sla_exceeded: boolean('order_sla_exceeded'),
    e2e_sla_at: ts('e2e_sla_at'),
    e2e_sla_exceeded: boolean('e2e_sla_exceeded'),

    /**
     * The Bosta object as last received (REST detail or search item), for replay and unmapped fields.
     * `json` (kept as text, no jsonb conversion) and stored uncompressed inline (migration 0003):
     * written for every delivery, rarely read; conversion and compression doubled a page write.
     */
    raw: json('raw').notNull(),
    /** Hash of the normalized delivery (fees excepted): an identical copy is not written again. Null after a webhook. */
    content_hash: text('content_hash'),
    first_seen_at: ts('first_seen_at').notNull().defaultNow(),
    last_synced_at: ts('last_synced_at').notNull().defaultNow(),
    /**
     * Per-order version: 1 on insert, +1 in the statement of every write that changes the row (page
     * upsert, webhook), so it is taken under that write's row lock and a later write always carries a
     * larger one. Sent in every `order-changed` entry as `sync_version`: consumers order two entries
     * of the same state time by it. Rows from before migration 0007 start at 1.
     */
    version: bigint('version', { mode: 'number' }).notNull().default(1),
  },
  (t) => [
    // Sort columns are indexed with the id: the read API pages with keyset cursors on (column, id).
    unique('orders_tracking_number_uq').on(t.tracking_number),
    index('orders_phone_idx').on(t.receiver_phone, t.created_at),
    index('orders_created_idx').on(t.created_at, t.id),
    index('orders_updated_idx').on(t.updated_at, t.id),
    index('orders_state_idx').on(t.state_code, t.id),
    index('orders_cod_idx').on(t.cod_piastres, t.id),
    index('orders_ubr_idx').on(t.unique_business_reference).where(sql`${t.unique_business_reference} is not null`),
  ],
);

/**
 * Timeline steps as rows. REST timelines are written with `source = 'rest'` (their position in
 * Bosta's list as `seq`); webhook state changes with `source = 'webhook'`. A step is stored once.
 */
export const timelineEvents = syncSchema.table(
  'timeline_events',
  {
    order_id: text('order_id').notNull(),
    seq: integer('seq').notNull(),
    code: integer('code'),
    value: text('value').notNull(),
    at: ts('at'),
    done: boolean('done').notNull(),
    source: text('source').notNull(),
  },
  // The step's natural key is the primary key: one index per row on the hottest insert path.
  (t) => [primaryKey({ name: 'timeline_events_pkey', columns: [t.order_id, t.source, t.seq] })],
);

/** One full or incremental sync run; its progress is read by the API and the terminal bar. */
export const runs = syncSchema.table(
  'runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mode: text('mode').notNull(), // full | incremental
    status: text('status').notNull(), // queued | running | completed | failed
    requested_by: text('requested_by').notNull(),
    page_size: integer('page_size').notNull(),
    pages_total: integer('pages_total'),
    pages_done: integer('pages_done').notNull().default(0),
    deliveries_total: integer('deliveries_total'),
    deliveries_seen: integer('deliveries_seen').notNull().default(0),
    deliveries_written: integer('deliveries_written').notNull().default(0),
    deliveries_unchanged: integer('deliveries_unchanged').notNull().default(0),
    deliveries_quarantined: integer('deliveries_quarantined').notNull().default(0),
    detail_calls: integer('detail_calls').notNull().default(0),
    errors_count: integer('errors_count').notNull().default(0),
    last_error: text('last_error'),
    /** Incremental: the `updatedAt` this run syncs from (with overlap); full: null. */
    cursor_from: ts('cursor_from'),
    /** Newest `updatedAt` seen; the next incremental run starts here minus the overlap. */
    cursor_to: ts('cursor_to'),
    created_at: ts('created_at').notNull().defaultNow(),
    started_at: ts('started_at'),
    finished_at: ts('finished_at'),
    /** Time spent actually running (excludes time the process was down), for deliveries/s and ETA. */
    active_ms: bigint('active_ms', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    index('runs_created_idx').on(t.created_at),
    // The last completed run (the next incremental's cursor, the freshness read) without a scan of every run.
    index('runs_completed_idx').on(t.finished_at).where(sql`${t.status} = 'completed'`),
  ],
);

/** Pages a run has committed, written in the page's transaction: a restarted run skips them. */
export const runPages = syncSchema.table(
  'run_pages',
  {
    run_id: uuid('run_id').notNull(),
    page: integer('page').notNull(),
    deliveries: integer('deliveries').notNull(),
    committed_at: ts('committed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.run_id, t.page] })],
);

/** Every authenticated webhook call, once per (tracking number, state, event time). */
export const webhookInbox = syncSchema.table(
  'webhook_inbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tracking_number: text('tracking_number').notNull(),
    state_code: integer('state_code').notNull(),
    event_at: ts('event_at').notNull(),
    body: jsonb('body').notNull(),
    received_at: ts('received_at').notNull(),
    /** applied | stale (older than the stored state) | unknown_delivery (detail fetch queued) */
    outcome: text('outcome').notNull(),
    applied_at: ts('applied_at').notNull().defaultNow(),
  },
  (t) => [
    unique('webhook_event_uq').on(t.tracking_number, t.state_code, t.event_at),
    index('webhook_received_idx').on(t.received_at),
  ],
);

/** Deliveries that could not be normalized, with the reason; resolved when a later copy parses. */
export const quarantine = syncSchema.table(
  'quarantine',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Tracking number or `_id` when readable, else a hash of the raw object. */
    source_key: text('source_key').notNull(),
    source: text('source').notNull(), // search | detail | webhook
    run_id: uuid('run_id'),
    reason: text('reason').notNull(),
    raw: jsonb('raw').notNull(),
    first_seen_at: ts('first_seen_at').notNull().defaultNow(),
    last_seen_at: ts('last_seen_at').notNull().defaultNow(),
    occurrences: integer('occurrences').notNull().default(1),
    resolved_at: ts('resolved_at'),
  },
  (t) => [unique('quarantine_key_uq').on(t.source_key, t.source), index('quarantine_open_idx').on(t.last_seen_at).where(sql`${t.resolved_at} is null`)],
);

/**
 * Orders changed by webhooks whose `order-changed` message is not written yet: webhooks arrive one
 * by one, their messages leave in batches (flushed every few hundred ms, in one transaction with
 * the removal of the rows, so a crash loses nothing).
 */
export const pendingChanges = syncSchema.table('pending_changes', {
  order_id: text('order_id').primaryKey(),
  /** state_changed wins over updated when several webhooks hit the same order before a flush. */
  change: text('change').notNull(),
  /** State before the first of the pending changes. */
  previous_state_code: integer('previous_state_code'),
  queued_at: ts('queued_at').notNull().defaultNow(),
});

/**
 * The read model: what other services say about an order (`order-classified`, `hierarchy-changed`,
 * `service-facts`), one narrow row per order joined to `orders` by the read API.
 * Kept out of `orders` so a fact rewrites a ~150-byte row and five indexes, not the ~3.5 KB order
 * row and every index of it. The page and webhook writes insert the row of every new order, so
 * every order has one; a fact about an order sync has not written yet creates the row early (the
 * order's insert then leaves it alone). Each source's facts carry a revision: a fact is applied only
 * when it is newer than the one stored.
 */
export const orderFacts = syncSchema.table(
  'order_facts',
  {
    order_id: text('order_id').primaryKey(),
    business_category: text('business_category'),
    service_type: text('service_type'),
    order_level: integer('order_level'),
    classification_rule_id: text('classification_rule_id'),
    classification_version: integer('classification_version'),
    classification_revision: bigint('classification_revision', { mode: 'number' }),
    /**
     * `unlinked` until the hierarchy says otherwise (domain.md §3); `pending_review` from a state
     * change seen here until a hierarchy fact about that state (or a later one) arrives.
     */
    hierarchy_status: text('hierarchy_status').notNull().default('unlinked'),
    main_order_id: text('main_order_id'),
    main_tracking_number: text('main_tracking_number'),
    relationship_type: text('relationship_type'),
    relationship_level: integer('relationship_level'),
    hierarchy_confidence: numeric('hierarchy_confidence', { precision: 3, scale: 2, mode: 'number' }),
    hierarchy_linked_by: text('hierarchy_linked_by'),
    /** The order state time the hierarchy evaluated (compared with `orders.state_at` for `pending_review`). */
    hierarchy_state_at: ts('hierarchy_state_at'),
    hierarchy_revision: bigint('hierarchy_revision', { mode: 'number' }),
    /** Service actions naming the order as main, sub or source order (from `service-facts`). */
    service_actions_count: integer('service_actions_count').notNull().default(0),
    /** `service_actions_count > 0`, stored for the partial index of the service filters. */
    has_service_actions: boolean('has_service_actions').notNull().default(false),
    /** Status of the order's most recent service action; null without one. */
    service_status: text('service_status'),
    service_revision: bigint('service_revision', { mode: 'number' }),
  },
  (t) => [
    // Read-model sorts, keyset-paged on (value, order_id); unclassified orders (null) sort as '' / -1,
    // so keyset cursors never meet a null.
    index('order_facts_business_category_idx').on(sql`coalesce(${t.business_category}, '')`, t.order_id),
    // The list filter compares categories case-insensitively (`business_category=real sales order`).
    index('order_facts_business_category_lower_idx').on(sql`lower(${t.business_category})`, t.order_id),
    index('order_facts_service_type_idx').on(sql`coalesce(${t.service_type}, '')`, t.order_id),
    index('order_facts_order_level_idx').on(sql`coalesce(${t.order_level}, -1)`, t.order_id),
    index('order_facts_hierarchy_status_idx').on(t.hierarchy_status, t.order_id),
    // Orders with service actions are few: one small partial index serves `has_service_actions=true`
    // and the status filter (which adds the predicate, true of every order with a status).
    index('order_facts_service_status_idx').on(t.service_status, t.order_id).where(sql`${t.has_service_actions}`),
  ],
);

/**
 * The customer segment per normalized phone (from `service-facts`): a segment applies to every
 * order of the phone, so it is stored once and joined on `orders.receiver_phone` (a segment change
 * rewrites one row, not every order of the customer). Newer revisions only.
 */
export const customerFacts = syncSchema.table(
  'customer_facts',
  {
    phone: text('phone').primaryKey(),
    segment: text('segment').notNull(),
    revision: bigint('revision', { mode: 'number' }).notNull(),
    updated_at: ts('updated_at').notNull().defaultNow(),
  },
  // The segment filter reads the phones of a segment, then their orders by `orders_phone_idx`.
  (t) => [index('customer_facts_segment_idx').on(t.segment, t.phone)],
);

/** Small key/value state (incremental cursor, first-start marker). */
export const syncState = syncSchema.table('state', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updated_at: ts('updated_at').notNull().defaultNow(),
});

export const outbox = defineOutbox(syncSchema);
export const inbox = defineInbox(syncSchema);
