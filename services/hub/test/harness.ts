import { randomUUID } from 'node:crypto';
import { hubQueue, serviceActionQueue, type ActionType, type JobName, type JobPayloadInput, type QueueContract } from '@hvar/contracts';
import {
  AppError, createDatabase, createLogger, createProducer, createQueueEvents, createWorker, startOutboxRelay,
  type Database, type OutboxRelay, type Producer,
} from '@hvar/platform';
import { createTestInfra, deletePrefix, jobOutcome, testEnv, type Outcome, type TestInfra } from '@hvar/platform/testing';
import type { Job, QueueEvents, Worker } from 'bullmq';
import { migrateHub } from '../src/db/migrate.js';
import { outbox } from '../src/db/schema.js';
import type { HubDeps } from '../src/deps.js';
import { DEFAULT_REVIEW_SETTINGS } from '../src/domain/review-rule.js';
import { createHubHandlers } from '../src/worker.js';

/** Every table of the schema (emptied before each test file). */
const TABLES = ['workflows', 'transitions', 'scans', 'inspections', 'reviews', 'cancellations', 'pickups', 'outbox', 'inbox'];

/** Opens the test database, applies the migrations and empties every table. */
export async function openHubDb(max = 8): Promise<Database> {
  const database = createDatabase({ url: testEnv().databaseUrl, applicationName: 'hub-test', max });
  await migrateHub(database);
  await database.pool.query(`truncate ${TABLES.map((t) => `hub.${t}`).join(', ')}`);
  return database;
}

/** Row counts of every table and a digest of the workflows: proves a refused input changed nothing. */
export async function snapshot(database: Database): Promise<unknown> {
  const counts = await database.pool.query(`select ${TABLES.map((t) => `(select count(*) from hub.${t})::int as ${t}`).join(', ')}`);
  const workflows = await database.pool.query(
    'select workflow_id, status, review_pending, inspection_id, review_id, hub_name, hub_agent, return_status, updated_at from hub.workflows order by workflow_id');
  return { counts: counts.rows[0] as unknown, workflows: workflows.rows };
}

/** Default settings (the documented review rule) with a movable clock. */
export function testDeps(database: Database, over: Partial<HubDeps> = {}): HubDeps {
  return { database, log: createLogger({ service: 'hub', level: 'silent' }), kickOutbox: () => undefined, review: DEFAULT_REVIEW_SETTINGS, now: () => new Date(), ...over };
}

let seq = 0;

/** A `return-created` event for a fresh case (tracking number and ids unique per call). */
export function returnCreated(over: { action_type?: ActionType; action_id?: string; tracking_number?: string; phone?: string } = {}) {
  seq += 1;
  return {
    event_id: `rc-${randomUUID()}`,
    return_id: randomUUID(),
    action_id: over.action_id ?? randomUUID(),
    case_number: `SA-2026-${String(900_000 + seq).padStart(6, '0')}`,
    action_type: over.action_type ?? 'maintenance',
    tracking_number: over.tracking_number ?? `7${String(Date.now() % 1e9).padStart(9, '0')}${String(seq).padStart(3, '0')}`,
    customer_phone: over.phone ?? '+201001234567',
    customer_name: 'Ahmed Ali',
    product_name: 'Blender X200',
    reason: 'Product not working properly',
    at: new Date().toISOString(),
  };
}

/** The hub worker (and, when asked, its outbox relay) in this process, over real Redis and PostgreSQL. */
export interface HubStack {
  database: Database;
  infra: TestInfra;
  queue: Producer<typeof hubQueue>;
  deps: HubDeps;
  /** Adds a job and waits until it finished; a failure answers the AppError it carried. */
  run<N extends JobName<typeof hubQueue>>(name: N, payload: JobPayloadInput<typeof hubQueue, N>, jobId?: string): Promise<Outcome<unknown>>;
  /** Like `run`, but throws the AppError of a failure and answers the result. */
  ok<N extends JobName<typeof hubQueue>>(name: N, payload: JobPayloadInput<typeof hubQueue, N>, jobId?: string): Promise<Record<string, unknown>>;
  /** Adds a job with any data, past the producer's check (what a faulty producer could send). */
  runRaw(name: string, data: unknown): Promise<Outcome<unknown>>;
  /** Messages written to the outbox for one job name, oldest first. */
  outboxOf(jobName?: string): Promise<{ job_name: string; payload: Record<string, unknown> }[]>;
  close(): Promise<void>;
}

/** Starts the stack on an emptied schema under a fresh queue prefix. The relay runs only when asked (messages stay readable in the outbox). */
export async function startHubStack(opts: { relay?: boolean; deps?: Partial<HubDeps> } = {}): Promise<HubStack> {
  const database = await openHubDb();
  const infra = await createTestInfra('hub');
  const conn = { connection: infra.producerRedis, prefix: infra.prefix };
  const queue = createProducer(hubQueue, conn);
  const producers = new Map<string, Producer<QueueContract>>([[serviceActionQueue.name, createProducer(serviceActionQueue, conn) as unknown as Producer<QueueContract>]]);
  let relay: OutboxRelay | undefined;
  const deps = testDeps(database, { kickOutbox: () => relay?.kick(), ...opts.deps });
  if (opts.relay) relay = startOutboxRelay({ database, table: outbox, producers, log: deps.log, pollMs: 100 });
  const worker: Worker = createWorker(hubQueue, createHubHandlers(deps), { connection: infra.workerRedis, prefix: infra.prefix, log: deps.log, concurrency: 4 });
  const events: QueueEvents = createQueueEvents(hubQueue, { connection: infra.workerRedis, prefix: infra.prefix });
  await events.waitUntilReady();
  const finished = (job: Job): Promise<Outcome<unknown>> => jobOutcome(job, events);

  const run: HubStack['run'] = async (name, payload, jobId) => finished(await queue.add(name, payload, jobId ? { jobId } : undefined));
  return {
    database, infra, queue, deps, run,
    async ok(name, payload, jobId) {
      const outcome = await run(name, payload, jobId);
      if (!outcome.ok) throw outcome.error;
      return outcome.result as Record<string, unknown>;
    },
    runRaw: async (name, data) => finished(await queue.queue.add(name, data)),
    async outboxOf(jobName) {
      const { rows } = await database.pool.query<{ job_name: string; payload: Record<string, unknown> }>(
        `select job_name, payload from hub.outbox where $1::text is null or job_name = $1 order by created_at, id`, [jobName ?? null]);
      return rows;
    },
    async close() {
      await worker.close();
      await relay?.stop();
      await events.close();
      await queue.close();
      for (const p of producers.values()) await p.close();
      await deletePrefix(infra.producerRedis, infra.prefix);
      await infra.close();
      await database.close();
    },
  };
}

/** Asserts an outcome failed with an AppError of the given kind; answers the error. */
export function refusal(outcome: Outcome<unknown>, type: AppError['type']): AppError {
  if (outcome.ok) throw new Error(`expected a ${type} refusal, got a result: ${JSON.stringify(outcome.result)}`);
  if (outcome.error.type !== type) throw new Error(`expected ${type}, got ${outcome.error.type}: ${outcome.error.message}`);
  return outcome.error;
}
export { AppError, type Outcome };
