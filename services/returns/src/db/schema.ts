import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { defineInbox, defineOutbox } from '@hvar/platform';

/** The returns service's schema: the Bosta deliveries of the cases (legs) and their history. */
export const returnsSchema = pgSchema('returns');

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
/** Money in piastres (EGP × 100), never float. */
const money = (name: string) => bigint(name, { mode: 'number' });

/**
 * One Bosta delivery of a case: the return pickup (type 25) or an outbound delivery (10/30). Unique
 * per action, leg and attempt, and per request (a redelivered or duplicated request inserts nothing);
 * its `unique_business_reference` makes Bosta refuse a second create of the same leg.
 */
export const legs = returnsSchema.table(
  'legs',
  {
    return_id: uuid('return_id').primaryKey().defaultRandom(),
    action_id: uuid('action_id').notNull(),
    case_number: text('case_number').notNull(),
    /** `pickup` or `outbound`. */
    leg: text('leg').notNull(),
    /** Pickup: the request's attempt; outbound: 1, 2, ... per action. */
    attempt: integer('attempt').notNull(),
    type_code: integer('type_code').notNull(),
    /** `return`, `repaired` or `replacement`. */
    kind: text('kind').notNull(),
    unique_business_reference: text('unique_business_reference').notNull(),
    /** When service-action asked (a duplicated message carries the same instant). */
    requested_at: ts('requested_at').notNull(),
    status: text('status').notNull(),
    tracking_number: text('tracking_number'),
    bosta_delivery_id: text('bosta_delivery_id'),
    bosta_state_code: integer('bosta_state_code'),
    /** Time of the Bosta state applied last (order changes apply forward only). */
    state_at: ts('state_at'),
    /** The sync's row version of that state (orders two changes with the same time). */
    sync_version: bigint('sync_version', { mode: 'number' }).notNull().default(0),
    last_error: jsonb('last_error'),
    /** Calls to Bosta create made for this leg (a later try looks the delivery up first). */
    create_attempts: integer('create_attempts').notNull().default(0),
    customer_phone: text('customer_phone').notNull(),
    customer_name: text('customer_name'),
    address: jsonb('address'),
    product_name: text('product_name'),
    product_sku: text('product_sku'),
    action_type: text('action_type'),
    reason: text('reason'),
    notes: text('notes'),
    cod_piastres: money('cod_piastres').notNull().default(0),
    courier_fee_piastres: money('courier_fee_piastres'),
    created_at: ts('created_at').notNull().defaultNow(),
    updated_at: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('legs_action_leg_attempt_uq').on(t.action_id, t.leg, t.attempt),
    uniqueIndex('legs_action_leg_request_uq').on(t.action_id, t.leg, t.requested_at),
    uniqueIndex('legs_ubr_uq').on(t.unique_business_reference),
    uniqueIndex('legs_tracking_number_uq').on(t.tracking_number).where(sql`${t.tracking_number} is not null`),
    index('legs_created_idx').on(t.created_at, t.return_id),
    index('legs_status_idx').on(t.status, t.created_at),
  ],
);

/** Every status change of a leg (and notes such as a refused termination). */
export const legHistory = returnsSchema.table(
  'leg_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    return_id: uuid('return_id').notNull(),
    status: text('status').notNull(),
    bosta_state_code: integer('bosta_state_code'),
    at: ts('at').notNull(),
    note: text('note'),
    recorded_at: ts('recorded_at').notNull().defaultNow(),
  },
  (t) => [index('leg_history_return_idx').on(t.return_id, t.id)],
);

/** Messages to other services (and the service's own `create-leg`), relayed after commit. */
export const outbox = defineOutbox(returnsSchema);

/** Messages already applied (return and outbound requests by job id, order batches by batch id). */
export const inbox = defineInbox(returnsSchema);
