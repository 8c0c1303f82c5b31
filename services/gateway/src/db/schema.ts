import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** The gateway's own schema: identities, sessions, API keys, command operations, audit. */
export const gatewaySchema = pgSchema('gateway');

export const roleEnum = gatewaySchema.enum('role', ['admin', 'agent', 'hub_agent', 'team_leader', 'technician', 'viewer']);

export const users = gatewaySchema.table(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: roleEnum('role').notNull(),
    password_hash: text('password_hash').notNull(),
    must_change_password: boolean('must_change_password').notNull().default(false),
    disabled_at: timestamp('disabled_at', { withTimezone: true }),
    created_at: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updated_at: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_uq').on(sql`lower(${t.email})`)],
);

export const sessions = gatewaySchema.table(
  'sessions',
  {
    /** sha256 of the cookie token; the token itself is never stored. */
    token_hash: text('token_hash').primaryKey(),
    user_id: uuid('user_id').notNull().references(() => users.id),
    created_at: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expires_at: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.user_id)],
);

export const apiKeys = gatewaySchema.table(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    role: roleEnum('role').notNull(),
    /** sha256 of the key; keys are 256-bit random, so a fast hash is enough and lookups stay O(1). */
    key_hash: text('key_hash').notNull(),
    /** First characters of the key, shown in listings so people can tell keys apart. */
    key_prefix: text('key_prefix').notNull(),
    created_by: text('created_by').notNull(),
    created_at: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    last_used_at: timestamp('last_used_at', { withTimezone: true }),
    revoked_at: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_keys_hash_uq').on(t.key_hash)],
);

export const operations = gatewaySchema.table(
  'operations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    queue: text('queue').notNull(),
    job_name: text('job_name').notNull(),
    job_id: text('job_id').notNull(),
    principal: text('principal').notNull(),
    idempotency_key: text('idempotency_key'),
    /** sha256 of method, path and body: a reused Idempotency-Key with another request is refused. */
    request_hash: text('request_hash').notNull(),
    status: text('status', { enum: ['pending', 'completed', 'failed'] }).notNull().default('pending'),
    http_status: integer('http_status'),
    result: jsonb('result'),
    error: jsonb('error'),
    created_at: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    finished_at: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('operations_idem_uq').on(t.principal, t.idempotency_key),
    uniqueIndex('operations_job_uq').on(t.queue, t.job_id),
  ],
);

export const auditLog = gatewaySchema.table(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    principal: text('principal'),
    method: text('method').notNull(),
    path: text('path').notNull(),
    status: integer('status').notNull(),
    request_id: text('request_id').notNull(),
    duration_ms: integer('duration_ms').notNull(),
    details: jsonb('details'),
  },
  (t) => [index('audit_log_at_idx').on(t.at)],
);
