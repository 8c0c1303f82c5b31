import { randomBytes, randomUUID } from 'node:crypto';
import { defineQueue, job, type ContractJobOptions } from '@hvar/contracts';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { createDatabase, type Database } from '../db.js';
import { createRedis, waitForRedis } from '../redis.js';

export * from './child.js';
export * from './bench.js';
export * from './services.js';
export * from './jobs.js';
export * from './queue-stack.js';

/**
 * Fixtures shared by the integration tests of the platform and of every service: the real servers
 * come from the environment, isolation comes from unique queue prefixes and schema names.
 */

/** The servers integration tests run against. */
export interface TestEnv {
  databaseUrl: string;
  redisUrl: string;
}

/** Reads DATABASE_URL and REDIS_URL; throws one message naming every missing variable. */
export function testEnv(env: Record<string, string | undefined> = process.env): TestEnv {
  const missing = ['DATABASE_URL', 'REDIS_URL'].filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new Error(
      `integration tests need ${missing.join(' and ')} (real PostgreSQL and Redis; never mocked). ` +
        'Run them through `npm test`, which starts both, or export e.g. ' +
        'DATABASE_URL=postgres://postgres@127.0.0.1:5432/hvar_test REDIS_URL=redis://127.0.0.1:6379',
    );
  }
  return { databaseUrl: env.DATABASE_URL ?? '', redisUrl: env.REDIS_URL ?? '' };
}

/** A BullMQ key prefix no other test (or developer) uses: `test-<uuid>`. */
export function uniquePrefix(label = 'test'): string {
  return `${label}-${randomUUID()}`;
}

/** A PostgreSQL schema name no other test uses: `<label>_<12 hex>` (lowercase, no quoting needed). */
export function uniqueSchemaName(label = 't'): string {
  return `${label}_${randomBytes(6).toString('hex')}`;
}

/** A schema created for one test; `drop()` removes it with everything in it. */
export interface TestSchema {
  name: string;
  drop(): Promise<void>;
}

/** Creates schema `name` (a fresh unique one by default), dropping any leftover of that name first. */
export async function createTestSchema(database: Database, name = uniqueSchemaName()): Promise<TestSchema> {
  const quoted = quoteIdent(name);
  await database.pool.query(`drop schema if exists ${quoted} cascade`);
  await database.pool.query(`create schema ${quoted}`);
  return {
    name,
    drop: async () => {
      await database.pool.query(`drop schema if exists ${quoted} cascade`);
    },
  };
}

/** DDL matching `defineOutbox(pgSchema(schema))`, for tests that do not run a service's migrations. */
export function outboxTableSql(schema: string): string {
  const s = quoteIdent(schema);
  return `create table ${s}."outbox" (
    "id" uuid primary key default gen_random_uuid(),
    "queue" text not null,
    "job_name" text not null,
    "payload" jsonb not null,
    "created_at" timestamp with time zone not null default now(),
    "relayed_at" timestamp with time zone
  );
  create index "outbox_pending_idx" on ${s}."outbox" ("created_at") where "relayed_at" is null;`;
}

/** DDL matching `defineInbox(pgSchema(schema))`. */
export function inboxTableSql(schema: string): string {
  return `create table ${quoteIdent(schema)}."inbox" (
    "message_id" text primary key,
    "handler" text not null,
    "result" jsonb,
    "applied_at" timestamp with time zone not null default now()
  );`;
}

/** Options of `waitFor`. */
export interface WaitForOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Says what was awaited, in the timeout error. */
  message?: string;
}

/**
 * Polls `condition` until it returns a truthy value (returned) or the timeout passes (throws).
 * For states no event announces; prefer QueueEvents / `job.waitUntilFinished` when one does.
 */
export async function waitFor<T>(condition: () => T | Promise<T>, opts: WaitForOptions = {}): Promise<NonNullable<T>> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const intervalMs = opts.intervalMs ?? 25;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() >= deadline) {
      const seen = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`waitFor: ${opts.message ?? 'condition'} not met within ${timeoutMs} ms (last: ${seen})`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Job options for test queues: few, fast retries; failed jobs kept (they are the dead-letter queue). */
export const testJobOptions: ContractJobOptions = {
  attempts: 3,
  backoff: { type: 'fixed', delay: 10 },
  removeOnComplete: { age: 3_600 },
  removeOnFail: { age: 3_600 },
};

/**
 * A small contract for tests: one job, `apply-amount`, carrying a message id (for inbox tests) and
 * an amount, answering the running total.
 */
export function defineTestQueue(opts: { name?: string; defaultJobOptions?: Partial<ContractJobOptions> } = {}) {
  return defineQueue({
    name: opts.name ?? 'test-queue',
    consumer: 'test',
    defaultJobOptions: { ...testJobOptions, ...opts.defaultJobOptions },
    jobs: {
      'apply-amount': job({
        description: 'Adds an amount to a counter (test fixture).',
        payload: z.object({ message_id: z.string().min(1), amount: z.number().int().positive() }),
        result: z.object({ total: z.number() }),
      }),
    },
  });
}

/** The contract returned by `defineTestQueue`. */
export type TestQueue = ReturnType<typeof defineTestQueue>;

/** Connections of one integration test file; `close()` ends all of them. */
export interface TestInfra {
  env: TestEnv;
  prefix: string;
  database: Database;
  /** Fails fast, like a producer on a request path. */
  producerRedis: Redis;
  /** Retries forever, as BullMQ workers need. */
  workerRedis: Redis;
  close(): Promise<void>;
}

/** Opens a database pool and both Redis connections under a fresh unique prefix. */
export async function createTestInfra(label = 'test'): Promise<TestInfra> {
  const env = testEnv();
  const database = createDatabase({ url: env.databaseUrl, applicationName: `${label}-test`, max: 5 });
  const producerRedis = createRedis(env.redisUrl, 'producer', `${label}-test-producer`);
  const workerRedis = createRedis(env.redisUrl, 'worker', `${label}-test-worker`);
  await Promise.all([waitForRedis(producerRedis), waitForRedis(workerRedis)]);
  return {
    env,
    prefix: uniquePrefix(),
    database,
    producerRedis,
    workerRedis,
    close: async () => {
      await Promise.all([producerRedis.quit(), workerRedis.quit()]);
      await database.close();
    },
  };
}

/** Deletes every key under a BullMQ prefix (queues obliterated the hard way, whatever their state). */
export async function deletePrefix(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
