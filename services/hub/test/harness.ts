import { randomUUID } from 'node:crypto';
import { hubQueue, serviceActionQueue, type ActionType } from '@hvar/contracts';
import { AppError, createDatabase, createLogger, type Database } from '@hvar/platform';
import { refusal, startQueueStack, testEnv, type Outcome, type QueueStack } from '@hvar/platform/testing';
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
export interface HubStack extends QueueStack<typeof hubQueue> {
  database: Database;
  deps: HubDeps;
  /** Messages written to the outbox for one job name, oldest first. */
  outboxOf(jobName?: string): Promise<{ job_name: string; payload: Record<string, unknown> }[]>;
}

/** Starts the stack on an emptied schema under a fresh queue prefix. The relay runs only when asked (messages stay readable in the outbox). */
export async function startHubStack(opts: { relay?: boolean; deps?: Partial<HubDeps> } = {}): Promise<HubStack> {
  const database = await openHubDb();
  let deps = testDeps(database, opts.deps);
  const stack = await startQueueStack({
    label: 'hub', contract: hubQueue, database, outbox, produces: [serviceActionQueue], relay: opts.relay, log: deps.log,
    handlers: (kick) => {
      deps = testDeps(database, { kickOutbox: kick, ...opts.deps });
      return createHubHandlers(deps);
    },
  });
  return {
    ...stack, database, deps,
    async outboxOf(jobName) {
      const { rows } = await database.pool.query<{ job_name: string; payload: Record<string, unknown> }>(
        `select job_name, payload from hub.outbox where $1::text is null or job_name = $1 order by created_at, id`, [jobName ?? null]);
      return rows;
    },
    async close() {
      await stack.close();
      await database.close();
    },
  };
}

export { AppError, refusal, type Outcome };
