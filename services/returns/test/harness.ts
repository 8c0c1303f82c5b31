import { randomUUID } from 'node:crypto';
import { createBostaClient } from '@hvar/bosta';
import { startSimulator, type SimulatorHandle } from '@hvar/bosta-sim';
import {
  returnsQueue, type ContractJobOptions, type JobName, type JobPayloadInput, type OrderChange, type OutboundRequested, type QueueContract,
  type ReturnRequested,
} from '@hvar/contracts';
import {
  createDatabase, createLogger, createProducer, createQueueEvents, createWorker, poolQuery, startOutboxRelay, type Database, type OutboxRelay, type Producer,
} from '@hvar/platform';
import { createTestInfra, deletePrefix, jobOutcome, testEnv, testJobOptions, waitFor, type Outcome, type TestInfra } from '@hvar/platform/testing';
import type { Job, QueueEvents, Worker } from 'bullmq';
import { createCityDirectory } from '../src/bosta/cities.js';
import { migrateReturns } from '../src/db/migrate.js';
import { outbox } from '../src/db/schema.js';
import type { ReturnsDeps } from '../src/deps.js';
import type { LegRow } from '../src/legs/store.js';
import { LEG_COLUMNS, queryLegs } from '../src/legs/store.js';
import { createReturnsHandlers } from '../src/worker.js';
import { startLossyProxy, type LossyProxy } from './lossy-proxy.js';

/** Every table of the schema (emptied when a stack starts). */
const TABLES = ['legs', 'leg_history', 'outbox', 'inbox'];

/** The simulator's Full Access key in these tests. */
export const SIM_KEY = 'returns-test-full-key';
/** Fixed simulator start: runs are reproducible. */
export const SIM_T0 = new Date('2026-11-01T10:00:00.000Z');

/** Opens the test database, applies the migrations and empties every table. */
export async function openReturnsDb(max = 8): Promise<Database> {
  const database = createDatabase({ url: testEnv().databaseUrl, applicationName: 'returns-test', max });
  await migrateReturns(database);
  await database.pool.query(`truncate ${TABLES.map((t) => `returns.${t}`).join(', ')}`);
  return database;
}

/** Row counts of every table and a digest of the legs: proves a refused input changed nothing. */
export async function snapshot(database: Database): Promise<unknown> {
  const counts = await database.pool.query(`select ${TABLES.map((t) => `(select count(*) from returns.${t})::int as ${t}`).join(', ')}`);
  const legs = await database.pool.query('select return_id, status, tracking_number, create_attempts, updated_at from returns.legs order by return_id');
  return { counts: counts.rows[0] as unknown, legs: legs.rows };
}

/** Starts a simulator (no demo data, time moves only when told) that accepts `SIM_KEY`. */
export function startTestSim(): Promise<SimulatorHandle> {
  return startSimulator({ port: 0, seed: 11, now: SIM_T0, speed: 0, keys: [{ key: SIM_KEY, scope: 'full' }], prewarm: false });
}

/** The admin API of a simulator (`/__sim`): ground truth, state moves, faults. */
export function simAdmin(sim: SimulatorHandle) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sim.url}/__sim${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`sim ${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    /** The delivery as Bosta has it (no faults). */
    truth: (tn: string) => call<Record<string, unknown>>('GET', `/deliveries/${tn}`),
    /** Moves a delivery to `state` now and holds it there. */
    moveTo: (tn: string, state: number) => call<Record<string, unknown>>('POST', `/deliveries/${tn}/state`, { state, hold: true }),
    /** Sets fault rates and latency (the rest unchanged). */
    faults: (patch: Record<string, number>) => call<Record<string, unknown>>('PUT', '/faults', patch),
    /** Every delivery the simulator holds (ground truth). */
    async all(): Promise<Record<string, unknown>[]> {
      const text = await (await fetch(`${sim.url}/__sim/export`)).text();
      return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    /** The deliveries carrying a uniqueBusinessReference. */
    async byReference(ubr: string): Promise<Record<string, unknown>[]> {
      return (await this.all()).filter((d) => d.uniqueBusinessReference === ubr);
    },
  };
}

/** A customer address the simulator's geography knows (Cairo / Nasr City). */
export const GOOD_ADDRESS = { city: 'Cairo', zone: 'Nasr City', district: null, first_line: '12 Abbas El Akkad St' };

let seq = 0;
/** A fresh case (action id and case number). */
export function newCase(): { action_id: string; case_number: string } {
  seq += 1;
  return { action_id: randomUUID(), case_number: `SA-2026-${String(process.pid % 1000).padStart(3, '0')}${String(seq).padStart(3, '0')}` };
}

/** A `return-requested` payload (attempt 1, a good address) with the test's changes. */
export function returnRequest(over: Partial<ReturnRequested> = {}): ReturnRequested {
  return {
    ...newCase(), attempt: 1, customer_phone: '+201001234567', customer_name: 'Mona Adel', pickup_address: GOOD_ADDRESS,
    product_name: 'Blender X200', action_type: 'maintenance', reason: 'motor fault', requested_at: new Date().toISOString(), ...over,
  };
}

/** An `outbound-requested` payload (a repaired product, type 10) with the test's changes. */
export function outboundRequest(over: Partial<OutboundRequested> = {}): OutboundRequested {
  return {
    ...newCase(), kind: 'repaired', type_code: 10, customer_phone: '+201001234567', customer_name: 'Mona Adel', address: GOOD_ADDRESS,
    product_name: 'Blender X200', product_sku: 'BX200', notes: null, requested_at: new Date().toISOString(), ...over,
  };
}

/** One `order-changed` entry for a delivery (what the sync would send). */
export function orderChange(o: { order_id: string; tracking_number: string; state_code: number; state_at: Date; type_code?: number; ubr?: string | null; sync_version?: number }): OrderChange {
  return {
    order_id: o.order_id, tracking_number: o.tracking_number, change: 'state_changed', state_code: o.state_code, previous_state_code: null,
    state_at: o.state_at.toISOString(), type_code: o.type_code ?? 25, cod_piastres: 0, receiver_phone: '+201001234567',
    created_at: SIM_T0.toISOString(), delivered_at: null, returned_at: null, product_name: null, business_reference: null,
    unique_business_reference: o.ubr ?? null, sync_version: o.sync_version ?? 1, customer: null,
  };
}

/** An order of somebody else's (most of a real batch). */
export function strangerOrder(n: number, stateAt: Date): OrderChange {
  return orderChange({ order_id: `other-${n}`, tracking_number: `55${String(n).padStart(8, '0')}`, state_code: 45, state_at: stateAt, type_code: 10, ubr: `WC_${n}` });
}

/** A message the service wrote for another service. */
export interface SentEvent {
  queue: string;
  job_name: string;
  payload: Record<string, unknown>;
}

/** Options of a test stack. */
export interface StackOptions {
  /** Relay the outbox (create-leg jobs run); off: messages stay in the outbox. */
  relay?: boolean;
  /** Job options of the returns queue (retries of create-leg). */
  jobOptions?: Partial<ContractJobOptions>;
  /** Bosta client timeout (ms). */
  bostaTimeoutMs?: number;
}

/** The returns worker and outbox relay in this process, over real Redis, PostgreSQL and the simulator. */
export interface ReturnsStack {
  database: Database;
  infra: TestInfra;
  sim: SimulatorHandle;
  admin: ReturnType<typeof simAdmin>;
  /** The hop between the client and the simulator (it can lose answers). */
  network: LossyProxy;
  deps: ReturnsDeps;
  queue: Producer<typeof returnsQueue>;
  /** Adds a job and waits until it finished; a failure answers the AppError it carried. */
  run<N extends JobName<typeof returnsQueue>>(name: N, payload: JobPayloadInput<typeof returnsQueue, N>, jobId?: string): Promise<Outcome<unknown>>;
  /** Adds a job with any data, past the producer's check (what a faulty producer could send). */
  runRaw(name: string, data: unknown): Promise<Outcome<unknown>>;
  /** The legs of an action (oldest first). */
  legsOf(actionId: string): Promise<LegRow[]>;
  /** Waits until a leg of the action satisfies `test`; answers it. */
  waitLeg(actionId: string, test: (leg: LegRow) => boolean, message?: string): Promise<LegRow>;
  /** Messages for the other services (service-action, hub), oldest first (within a transaction: service-action, then the hub), optionally of one action. */
  sent(actionId?: string): Promise<SentEvent[]>;
  /** Waits until every message of the returns queue in the outbox was relayed and its job finished. */
  drain(): Promise<void>;
  /** Starts relaying the outbox (for stacks started without). */
  startRelay(): void;
  close(): Promise<void>;
}

const QUIET = createLogger({ service: 'returns-test', level: 'silent' });

/** Starts the stack on an emptied schema under a fresh queue prefix, with its own simulator. */
export async function startReturnsStack(opts: StackOptions = {}): Promise<ReturnsStack> {
  const database = await openReturnsDb();
  const infra = await createTestInfra('returns');
  const sim = await startTestSim();
  const admin = simAdmin(sim);
  const network = await startLossyProxy(sim.url);
  const conn = { connection: infra.producerRedis, prefix: infra.prefix };
  const contract = { ...returnsQueue, defaultJobOptions: { ...testJobOptions, backoff: { type: 'fixed' as const, delay: 50 }, ...opts.jobOptions } };
  const queue = createProducer(contract, conn);
  // Only the returns queue is relayed: the events for service-action and the hub stay readable in the outbox.
  const producers = new Map<string, Producer<QueueContract>>([[returnsQueue.name, queue as unknown as Producer<QueueContract>]]);
  const bosta = createBostaClient({
    baseUrl: network.apiBase, apiKey: SIM_KEY, timeoutMs: opts.bostaTimeoutMs ?? 5_000, retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 },
  });
  let relay: OutboxRelay | undefined;
  const deps: ReturnsDeps = {
    database, log: QUIET, bosta, cities: createCityDirectory(bosta, 60_000), kickOutbox: () => relay?.kick(),
    settings: { pickupCodPiastres: 0, businessLocationId: undefined, awb: { type: 'A4', lang: 'en' } }, now: () => new Date(),
  };
  const startRelay = () => {
    relay ??= startOutboxRelay({ database, table: outbox, producers, log: QUIET, pollMs: 50 });
  };
  if (opts.relay !== false) startRelay();
  const worker: Worker = createWorker(returnsQueue, createReturnsHandlers(deps), { connection: infra.workerRedis, prefix: infra.prefix, log: QUIET, concurrency: 2 });
  const events: QueueEvents = createQueueEvents(returnsQueue, { connection: infra.workerRedis, prefix: infra.prefix });
  await events.waitUntilReady();
  const finished = (job: Job): Promise<Outcome<unknown>> => jobOutcome(job, events);
  const legsOf = async (actionId: string) =>
    queryLegs(poolQuery(database.pool), `select ${LEG_COLUMNS} from returns.legs l where l.action_id = $1 order by l.leg desc, l.attempt`, [actionId]);
  return {
    database, infra, sim, admin, network, deps, queue, legsOf,
    run: async (name, payload, jobId) => finished(await queue.add(name, payload, jobId ? { jobId } : undefined)),
    runRaw: async (name, data) => finished(await queue.queue.add(name, data)),
    waitLeg: (actionId, test, message) => waitFor(async () => (await legsOf(actionId)).find(test), { timeoutMs: 15_000, message }),
    async sent(actionId) {
      const { rows } = await database.pool.query<SentEvent>(
        `select queue, job_name, payload from returns.outbox where queue <> 'returns' and ($1::text is null or payload->>'action_id' = $1)
          order by created_at, queue desc, job_name desc`,
        [actionId ?? null],
      );
      return rows;
    },
    startRelay,
    async drain() {
      await waitFor(async () => Number((await database.pool.query<{ n: number }>(`select count(*)::int as n from returns.outbox where queue = 'returns' and relayed_at is null`)).rows[0]?.n) === 0, { message: 'outbox relayed' });
      const { rows } = await database.pool.query<{ id: string }>(`select id from returns.outbox where queue = 'returns'`);
      for (const { id } of rows) {
        const job = await queue.queue.getJob(id);
        if (job && !(await job.isCompleted()) && !(await job.isFailed())) await job.waitUntilFinished(events, 15_000).catch(() => undefined);
      }
    },
    async close() {
      await worker.close();
      await relay?.stop();
      await events.close();
      await queue.close();
      await deletePrefix(infra.producerRedis, infra.prefix);
      await infra.close();
      await network.close();
      await sim.close();
      await database.close();
    },
  };
}

/** `status` of the messages, in order, as `queue/job:status`. */
export function eventTrail(events: SentEvent[]): string[] {
  return events.map((e) => `${e.queue}/${e.job_name}${typeof e.payload.status === 'string' ? `:${e.payload.status}` : ''}`);
}

export type { Outcome };
