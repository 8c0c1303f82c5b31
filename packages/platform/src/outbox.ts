import type { JobName, JobPayloadInput, QueueContract } from '@hvar/contracts';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { getTableConfig, index, jsonb, text, timestamp, uuid, type PgSchema } from 'drizzle-orm/pg-core';
import type { Database } from './db.js';
import type { Logger } from './logger.js';
import { parsePayload, type Producer } from './queues.js';

/**
 * The outbox table of one service, in that service's schema. A message is written in the same
 * transaction as the state change that causes it; the relay enqueues it after commit.
 */
export function defineOutbox(schema: PgSchema) {
  return schema.table(
    'outbox',
    {
      id: uuid('id').primaryKey().defaultRandom(),
      queue: text('queue').notNull(),
      job_name: text('job_name').notNull(),
      payload: jsonb('payload').notNull(),
      created_at: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      relayed_at: timestamp('relayed_at', { withTimezone: true }),
    },
    (t) => [index('outbox_pending_idx').on(t.created_at).where(sql`${t.relayed_at} is null`)],
  );
}

/** An outbox table as returned by `defineOutbox`. */
export type OutboxTable = ReturnType<typeof defineOutbox>;

/** Any drizzle handle that can run inside a transaction. */
export type Tx = Pick<NodePgDatabase, 'insert' | 'select' | 'update' | 'delete' | 'execute'>;

/** Writes a message into the outbox inside the caller's transaction (payload validated now). */
export async function writeOutbox<Q extends QueueContract, N extends JobName<Q>>(
  tx: Tx,
  table: OutboxTable,
  message: { contract: Q; name: N; payload: JobPayloadInput<Q, N> },
): Promise<string> {
  const payload = parsePayload(message.contract, message.name, message.payload);
  const [row] = await tx
    .insert(table)
    .values({ queue: message.contract.name, job_name: message.name, payload })
    .returning({ id: table.id });
  if (!row) throw new Error('outbox insert returned no row');
  return row.id;
}

/** Options of the relay. */
export interface RelayOptions {
  database: Database;
  table: OutboxTable;
  /**
   * Producers by queue name. A message for another queue stays in the outbox (logged when the relay
   * starts) and never holds up the others.
   */
  producers: Map<string, Producer<QueueContract>>;
  log: Logger;
  pollMs?: number;
  batchSize?: number;
}

/** A running relay: `kick()` after a commit relays at once instead of at the next poll. */
export interface OutboxRelay {
  kick(): void;
  /** Relays pending messages once; returns how many were enqueued. */
  relayOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Relays committed outbox rows to BullMQ with the row id as job id. Rows are locked with
 * SKIP LOCKED (several replicas share the work) and marked relayed in the same transaction, after
 * the jobs were added. If the process dies between add and commit, the next pass adds them again
 * with the same job ids, which BullMQ ignores: each message is enqueued exactly once.
 */
export function startOutboxRelay(opts: RelayOptions): OutboxRelay {
  const pollMs = opts.pollMs ?? 500;
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  let checkedUnknown = false;
  const relayOnce = async (): Promise<number> => {
    if (!checkedUnknown) {
      checkedUnknown = true;
      await logUnknownQueues(opts);
    }
    return relayBatch(opts, opts.batchSize ?? 500);
  };
  const pass = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = relayOnce()
      .catch((err: unknown) => {
        opts.log.error({ err }, 'outbox relay pass failed');
        return 0;
      })
      .then((n) => {
        running = undefined;
        if (again || n === (opts.batchSize ?? 500)) {
          again = false;
          pass();
        }
        return n;
      });
  };
  timer = setInterval(pass, pollMs);
  pass();
  return {
    kick: pass,
    relayOnce,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}

async function relayBatch(opts: RelayOptions, limit: number): Promise<number> {
  const client = await opts.database.pool.connect();
  const table = `${quoteIdent(schemaOf(opts.table))}."outbox"`;
  try {
    await client.query('begin');
    const { rows } = await client.query<{ id: string; queue: string; job_name: string; payload: unknown }>(
      // Only queues this relay produces: rows for others must not fill every batch and stall it.
      `select id, queue, job_name, payload from ${table}
        where relayed_at is null and queue = any($2::text[])
        order by created_at, id limit $1 for update skip locked`,
      [limit, [...opts.producers.keys()]],
    );
    const relayed = await enqueueRows(rows, opts);
    if (relayed.length > 0) await client.query(`update ${table} set relayed_at = now() where id = any($1::uuid[])`, [relayed]);
    await client.query('commit');
    return relayed.length;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function enqueueRows(
  rows: { id: string; queue: string; job_name: string; payload: unknown }[],
  opts: RelayOptions,
): Promise<string[]> {
  const byQueue = new Map<string, typeof rows>();
  for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
  const done: string[] = [];
  for (const [queue, list] of byQueue) {
    const producer = opts.producers.get(queue);
    if (!producer) continue;
    // Payloads were validated when written; the contract's defaults apply through the queue.
    await producer.queue.addBulk(list.map((r) => ({ name: r.job_name, data: r.payload, opts: { jobId: r.id } })));
    done.push(...list.map((r) => r.id));
  }
  return done;
}

/** Logs pending messages for queues this relay has no producer for (a wiring mistake). */
async function logUnknownQueues(opts: RelayOptions): Promise<void> {
  const { rows } = await opts.database.pool.query<{ queue: string; pending: number }>(
    `select queue, count(*)::int as pending from ${quoteIdent(schemaOf(opts.table))}."outbox"
      where relayed_at is null and not (queue = any($1::text[])) group by queue`,
    [[...opts.producers.keys()]],
  );
  for (const row of rows) opts.log.error(row, 'outbox messages for a queue this service does not produce');
}

function schemaOf(table: OutboxTable): string {
  const name = getTableConfig(table).schema;
  if (!name) throw new Error('outbox table must live in a pgSchema');
  return name;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
