import { hierarchyQueue, syncQueue, type HierarchyFact, type JobName, type JobPayloadInput, type OrderClassification, type QueueContract, type ServiceType } from '@hvar/contracts';
import {
  AppError, createDatabase, createLogger, createProducer, createQueueEvents, createWorker, startOutboxRelay,
  type Database, type OutboxRelay, type Producer,
} from '@hvar/platform';
import { createTestInfra, deletePrefix, jobOutcome, testEnv, trackingOf, waitFor, type Outcome, type TestInfra } from '@hvar/platform/testing';
import type { Job, QueueEvents, Worker } from 'bullmq';
import { migrateHierarchy } from '../src/db/migrate.js';
import { outbox } from '../src/db/schema.js';
import type { HierarchyDeps } from '../src/deps.js';
import { createHierarchyHandlers } from '../src/worker.js';

/** Opens the test database, applies the hierarchy migrations and empties every hierarchy table. */
export async function openHierarchyDb(max = 8): Promise<Database> {
  const database = createDatabase({ url: testEnv().databaseUrl, applicationName: 'hierarchy-test', max });
  await migrateHierarchy(database);
  await resetHierarchyTables(database);
  return database;
}

/** Empties the hierarchy schema's tables (each test starts from nothing). */
export async function resetHierarchyTables(database: Database): Promise<void> {
  await database.pool.query(
    'truncate hierarchy.orders, hierarchy.links, hierarchy.locks, hierarchy.detection_runs, hierarchy.evaluations, hierarchy.outbox, hierarchy.inbox',
  );
}

/** Every table's row count and the active links, to prove a rejected input changed nothing. */
export async function snapshot(database: Database): Promise<unknown> {
  const counts = await database.pool.query(
    `select (select count(*) from hierarchy.orders)::int as orders, (select count(*) from hierarchy.links)::int as links,
            (select count(*) from hierarchy.links where active)::int as active, (select count(*) from hierarchy.locks)::int as locks,
            (select count(*) from hierarchy.outbox)::int as outbox, (select count(*) from hierarchy.inbox)::int as inbox,
            (select count(*) from hierarchy.detection_runs)::int as runs, (select count(*) from hierarchy.evaluations)::int as evaluations`,
  );
  const links = await database.pool.query('select id, active, deactivation_reason from hierarchy.links order by id');
  const locks = await database.pool.query('select order_id, kind from hierarchy.locks order by order_id');
  return { counts: counts.rows[0] as unknown, links: links.rows, locks: locks.rows };
}

const CATEGORY: Record<ServiceType, string> = {
  main: 'Real Sales Order', maintenance: 'Maintenance Order', service: 'Service Order', return: 'Refund Order',
  return_pickup: 'Return Pickup', exchange: 'Exchange Order', operational: 'Operational Order',
};

/** Day 0 of test time lines. */
export const T0 = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;

/** What a test says about an order; everything else gets a plausible default. */
export interface OrderSpec {
  id: string;
  phone?: string;
  type?: ServiceType;
  /** Days after T0. */
  day?: number;
  revision?: number;
  cod?: number;
  product?: string | null;
  /** Days after T0 for the state time (default: `day`). */
  stateDay?: number;
}

/** A phone of test customer `n` (E.164). */
export function phone(n: number): string {
  return `+2010${String(n).padStart(8, '0')}`;
}

/** A classified order as the classifier emits it. */
export function classified(spec: OrderSpec): OrderClassification {
  const type = spec.type ?? 'main';
  const created = T0 + (spec.day ?? 0) * DAY;
  return {
    order_id: spec.id,
    tracking_number: trackingOf(spec.id),
    receiver_phone: spec.phone ?? phone(1),
    type_code: type === 'return_pickup' ? 25 : type === 'exchange' ? 30 : 10,
    state_code: 45,
    state_at: new Date(T0 + (spec.stateDay ?? spec.day ?? 0) * DAY + 3_600_000).toISOString(),
    cod_piastres: spec.cod ?? (type === 'main' ? 1_500_00 : type === 'return' ? -200_00 : 0),
    created_at: new Date(created).toISOString(),
    delivered_at: null,
    product_name: spec.product === undefined ? 'Water filter' : spec.product,
    business_reference: null,
    unique_business_reference: null,
    business_category: CATEGORY[type],
    service_type: type,
    order_level: type === 'main' || type === 'operational' ? 0 : 1,
    rule_id: 'R1',
    rule_set_version: 1,
    customer: null,
    revision: spec.revision ?? 1,
    changed: true,
    state_changed: false,
    previous_service_type: null,
  };
}


let batchSeq = 0;

/** An `order-classified` batch with a fresh id. */
export function batchOf(orders: OrderClassification[], id = `batch-${process.pid}-${++batchSeq}-${Date.now()}`) {
  return { batch_id: id, cause: 'order-changed' as const, orders };
}


/** The hierarchy worker and outbox relay in this process, over real Redis and PostgreSQL. */
export interface HierarchyStack {
  database: Database;
  infra: TestInfra;
  queue: Producer<typeof hierarchyQueue>;
  deps: HierarchyDeps;
  /** Adds a job and waits until it finished; a failure answers the AppError it carried. */
  run<N extends JobName<typeof hierarchyQueue>>(name: N, payload: JobPayloadInput<typeof hierarchyQueue, N>, jobId?: string): Promise<Outcome<unknown>>;
  /** Adds a job with any data, past the producer's check (what a faulty producer could send). */
  runRaw(name: string, data: unknown): Promise<Outcome<unknown>>;
  /** Sends a classified batch and waits until it was handled. */
  send(orders: OrderClassification[], batchId?: string): Promise<void>;
  /** Requests a detection run and waits until it completed. */
  detect(phone?: string): Promise<{ id: string; status: string; links_created: number; links_deactivated: number }>;
  /** The facts emitted so far (all outbox messages to the sync queue), oldest first. */
  facts(): Promise<(HierarchyFact & { cause: string })[]>;
  close(): Promise<void>;
}

/** Starts the stack on an emptied hierarchy schema under a fresh queue prefix. */
export async function startHierarchyStack(opts: { windowDays?: number; detectionChunk?: number; worker?: boolean } = {}): Promise<HierarchyStack> {
  const database = await openHierarchyDb();
  const infra = await createTestInfra('hierarchy');
  const conn = { connection: infra.producerRedis, prefix: infra.prefix };
  const queue = createProducer(hierarchyQueue, conn);
  const log = createLogger({ service: 'hierarchy', level: 'silent' });
  const producers = new Map<string, Producer<QueueContract>>([
    [hierarchyQueue.name, queue as unknown as Producer<QueueContract>],
    [syncQueue.name, createProducer(syncQueue, conn) as unknown as Producer<QueueContract>],
  ]);
  let relay: OutboxRelay | undefined;
  const deps: HierarchyDeps = {
    database, log, kickOutbox: () => relay?.kick(),
    settings: { windowDays: opts.windowDays ?? 365, detectionChunk: opts.detectionChunk ?? 2_000 },
  };
  let worker: Worker | undefined;
  if (opts.worker !== false) {
    relay = startOutboxRelay({ database, table: outbox, producers, log, pollMs: 100 });
    worker = createWorker(hierarchyQueue, createHierarchyHandlers(deps), { connection: infra.workerRedis, prefix: infra.prefix, log, concurrency: 4 });
  }
  const events: QueueEvents = createQueueEvents(hierarchyQueue, { connection: infra.workerRedis, prefix: infra.prefix });
  await events.waitUntilReady();
  const finished = (job: Job): Promise<Outcome<unknown>> => jobOutcome(job, events);

  const run: HierarchyStack['run'] = async (name, payload, jobId) => finished(await queue.add(name, payload, jobId ? { jobId } : undefined));
  return {
    database, infra, queue, deps, run,
    runRaw: async (name, data) => finished(await queue.queue.add(name, data)),
    async send(orders, batchId) {
      const outcome = await run('order-classified', batchOf(orders, batchId));
      if (!outcome.ok) throw outcome.error;
    },
    async detect(p) {
      const outcome = await run('detect', { requested_by: 'test', ...(p === undefined ? {} : { phone: p }) });
      if (!outcome.ok) throw outcome.error;
      const id = (outcome.result as { id: string }).id;
      return waitFor(async () => {
        const { rows } = await database.pool.query<{ id: string; status: string; links_created: number; links_deactivated: number }>(
          'select id::text, status, links_created, links_deactivated from hierarchy.detection_runs where id = $1', [id]);
        return rows[0]?.status === 'completed' || rows[0]?.status === 'failed' ? rows[0] : undefined;
      }, { timeoutMs: 60_000, intervalMs: 20, message: 'detection run finished' });
    },
    async facts() {
      const { rows } = await database.pool.query<{ payload: { cause: string; orders: HierarchyFact[] } }>(
        `select payload from hierarchy.outbox where queue = 'sync' order by (payload->'orders'->0->>'revision')::bigint, created_at`);
      return rows.flatMap((r) => r.payload.orders.map((o) => ({ ...o, cause: r.payload.cause })));
    },
    async close() {
      await worker?.close();
      await relay?.stop();
      await events.close();
      for (const p of producers.values()) await p.close();
      await deletePrefix(infra.producerRedis, infra.prefix);
      await infra.close();
      await database.close();
    },
  };
}

/** Active links as comparable tuples (main, sub, type, level, rule, by), sorted. */
export async function activeLinks(database: Database): Promise<string[]> {
  const { rows } = await database.pool.query<{ t: string }>(
    `select concat_ws('|', sub_order_id, main_order_id, relationship_type, relationship_level, business_rule, linked_by, locked) as t
       from hierarchy.links where active order by 1`,
  );
  return rows.map((r) => r.t);
}

/** Not an AppError thrown where one was expected. */
export function expectAppError(outcome: Outcome<unknown>): AppError {
  if (outcome.ok) throw new Error(`expected the job to fail, it answered ${JSON.stringify(outcome.result)}`);
  return outcome.error;
}

export { trackingOf, type Outcome };
