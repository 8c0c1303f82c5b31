import { classifierQueue, orderClassifiedConsumers, type OrderChange, type QueueContract } from '@hvar/contracts';
import {
  createDatabase, createLogger, createProducer, createQueueEvents, createWorker, startOutboxRelay,
  type Database, type OutboxRelay, type Producer,
} from '@hvar/platform';
import { createTestInfra, deletePrefix, testEnv, type TestInfra } from '@hvar/platform/testing';
import type { QueueEvents, Worker } from 'bullmq';
import { sql } from 'drizzle-orm';
import { migrateClassifier } from '../src/db/migrate.js';
import { createRuleEngines } from '../src/db/rule-sets.repo.js';
import { outbox } from '../src/db/schema.js';
import type { ClassifierDeps } from '../src/deps.js';
import { createClassifierHandlers } from '../src/worker.js';

/** Opens the test database, applies the classifier migrations and starts from an empty schema with v1 active. */
export async function openClassifierDb(): Promise<Database> {
  const database = createDatabase({ url: testEnv().databaseUrl, applicationName: 'classifier-test', max: 8 });
  await migrateClassifier(database);
  await resetClassifier(database);
  return database;
}

/** Empties every classifier table and stores v1 again (each test file starts from a fresh database's state). */
export async function resetClassifier(database: Database): Promise<void> {
  await database.db.execute(sql`truncate classifier.rule_sets, classifier.classifications, classifier.classification_history,
    classifier.reclassify_runs, classifier.outbox, classifier.inbox`);
  await migrateClassifier(database);
}

/** Handler dependencies over `database` (no relay: tests read the outbox table). */
export function testDeps(database: Database, over: Partial<ClassifierDeps['settings']> = {}): ClassifierDeps & { kicks: number } {
  const deps = {
    database,
    log: createLogger({ service: 'classifier', level: 'silent' }),
    engines: createRuleEngines(),
    kicks: 0,
    kickOutbox: () => {
      deps.kicks += 1;
    },
    settings: { reclassifyChunk: 2_000, ...over },
  };
  return deps;
}

let seq = 0;

/** An order change as the sync emits it: a delivered SEND with COD 100 EGP unless overridden. */
export function orderChange(over: Partial<OrderChange> = {}): OrderChange {
  seq += 1;
  const n = String(seq).padStart(6, '0');
  return {
    order_id: `ord${n}`,
    tracking_number: `7${n}`,
    change: 'created',
    state_code: 45,
    previous_state_code: null,
    state_at: '2026-01-10T10:00:00.000Z',
    type_code: 10,
    cod_piastres: 100_00,
    receiver_phone: '+201001234567',
    created_at: '2026-01-01T09:00:00.000Z',
    delivered_at: '2026-01-10T10:00:00.000Z',
    returned_at: null,
    product_name: 'HVAR Heater 2000',
    business_reference: null,
    unique_business_reference: null,
    sync_version: 1,
    customer: null,
    ...over,
  };
}

/** A fresh batch id. */
export function batchId(): string {
  seq += 1;
  return `batch-${Date.now()}-${seq}`;
}

/** One number from a query returning `n`. */
export async function count(database: Database, text: string, params: unknown[] = []): Promise<number> {
  const res = await database.pool.query<{ n: string | number }>(text, params);
  return Number(res.rows[0]?.n ?? 0);
}

/** A row of classifier.outbox. */
export interface OutboxRow {
  id: string;
  queue: string;
  job_name: string;
  payload: Record<string, unknown>;
}

/** Outbox rows in insertion order (optionally only one job name). */
export async function outboxRows(database: Database, jobName?: string): Promise<OutboxRow[]> {
  const res = await database.pool.query<OutboxRow>(
    'select id, queue, job_name, payload from classifier.outbox where $1::text is null or job_name = $1 order by created_at, id',
    [jobName ?? null],
  );
  return res.rows;
}

/** Row counts of every classifier table, to prove a refused command wrote nothing. */
export async function tableCounts(database: Database): Promise<Record<string, number>> {
  const tables = ['rule_sets', 'classifications', 'classification_history', 'reclassify_runs', 'outbox', 'inbox'];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = await count(database, `select count(*) as n from classifier.${t}`);
  return out;
}

/** The classifier's worker and outbox relay on real BullMQ under a unique prefix. */
export interface QueueStack {
  infra: TestInfra;
  deps: ClassifierDeps;
  classifier: Producer<typeof classifierQueue>;
  producers: Map<string, Producer<QueueContract>>;
  worker: Worker;
  relay: OutboxRelay;
  /** Events of the classifier queue (for `job.waitUntilFinished`). */
  events: QueueEvents;
  close(): Promise<void>;
}

/** Starts the classifier worker and relay like main.ts does, over `database`. */
export async function startQueueStack(database: Database, settings: Partial<ClassifierDeps['settings']> = {}): Promise<QueueStack> {
  const infra = await createTestInfra('classifier');
  const conn = { connection: infra.producerRedis, prefix: infra.prefix };
  const log = createLogger({ service: 'classifier', level: 'silent' });
  const classifier = createProducer(classifierQueue, conn);
  const producers = new Map<string, Producer<QueueContract>>([[classifierQueue.name, classifier as unknown as Producer<QueueContract>]]);
  for (const c of orderClassifiedConsumers) producers.set(c.name, createProducer(c, conn) as unknown as Producer<QueueContract>);
  const relay = startOutboxRelay({ database, table: outbox, producers, log, pollMs: 100 });
  const deps: ClassifierDeps = { ...testDeps(database, settings), log, kickOutbox: () => relay.kick() };
  const worker = createWorker(classifierQueue, createClassifierHandlers(deps), { connection: infra.workerRedis, prefix: infra.prefix, log, concurrency: 4 });
  const events = createQueueEvents(classifierQueue, { connection: infra.workerRedis, prefix: infra.prefix });
  await events.waitUntilReady();
  return {
    infra, deps, classifier, producers, worker, relay, events,
    async close() {
      await events.close();
      await worker.close();
      await relay.stop();
      for (const p of producers.values()) await p.close();
      await deletePrefix(infra.producerRedis, infra.prefix);
      await infra.close();
    },
  };
}
