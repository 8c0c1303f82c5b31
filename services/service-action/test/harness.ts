import { hubQueue, returnsQueue, serviceActionQueue, syncQueue, type OrderClassification, type ServiceType } from '@hvar/contracts';
import { AppError, createDatabase, createLogger, type Database } from '@hvar/platform';
import { refusal, startQueueStack, testEnv, trackingOf, type Outcome, type QueueStack } from '@hvar/platform/testing';
import { ServiceActionConfigSchema } from '../src/config.js';
import { migrateServiceAction } from '../src/db/migrate.js';
import { outbox } from '../src/db/schema.js';
import { settingsFromConfig, type ServiceActionDeps } from '../src/deps.js';
import { createServiceActionHandlers } from '../src/worker.js';

/** Every table of the schema (emptied before each test file). */
const TABLES = [
  'orders', 'order_mains', 'customers', 'segment_history', 'interactions', 'actions', 'transitions', 'executions', 'cost_ledger', 'refunds', 'case_counters', 'outbox', 'inbox',
];

/** Opens the test database, applies the migrations and empties every table. */
export async function openServiceActionDb(max = 8): Promise<Database> {
  const database = createDatabase({ url: testEnv().databaseUrl, applicationName: 'service-action-test', max });
  await migrateServiceAction(database);
  await resetTables(database);
  return database;
}

/** Empties the service_action schema's tables. */
export async function resetTables(database: Database): Promise<void> {
  await database.pool.query(`truncate ${TABLES.map((t) => `service_action.${t}`).join(', ')}`);
}

/** Row counts of every table and a digest of actions and customers: proves a refused input changed nothing. */
export async function snapshot(database: Database): Promise<unknown> {
  const counts = await database.pool.query(`select ${TABLES.map((t) => `(select count(*) from service_action.${t})::int as ${t}`).join(', ')}`);
  const actions = await database.pool.query('select action_id, status, updated_at, needs_attention from service_action.actions order by action_id');
  const customers = await database.pool.query('select phone, updated_at, segment from service_action.customers order by phone');
  return { counts: counts.rows[0] as unknown, actions: actions.rows, customers: customers.rows };
}

/** Default settings (the documented defaults) with a fixed, movable clock. */
export function testDeps(database: Database, over: Partial<ServiceActionDeps> = {}): ServiceActionDeps {
  const config = ServiceActionConfigSchema.parse({ DATABASE_URL: testEnv().databaseUrl, REDIS_URL: testEnv().redisUrl });
  return {
    database, log: createLogger({ service: 'service-action', level: 'silent' }), kickOutbox: () => undefined, bumpCustomerReads: () => Promise.resolve(), ...settingsFromConfig(config), now: () => new Date(), ...over,
  };
}

const CATEGORY: Record<ServiceType, string> = {
  main: 'Real Sales Order', maintenance: 'Maintenance Order', service: 'Service Order', return: 'Refund Order',
  return_pickup: 'Return Pickup', exchange: 'Exchange Order', operational: 'Operational Order',
};

/** Day 0 of test time lines. */
export const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

/** A phone of test customer `n` (E.164). */
export function phone(n: number): string {
  return `+2010${String(n).padStart(8, '0')}`;
}


/** What a test says about an order; everything else gets a plausible default. */
export interface OrderSpec {
  id: string;
  phone?: string;
  type?: ServiceType;
  /** Days after T0 (creation). */
  day?: number;
  state?: number;
  /** Days after T0 for the state time (default: `day` + 1 hour). */
  stateDay?: number;
  revision?: number;
  /** COD in EGP. */
  cod?: number;
  product?: string | null;
  name?: string | null;
  city?: string | null;
}

/** A classified order as the classifier emits it (delivered SEND unless the spec says otherwise). */
export function classified(spec: OrderSpec): OrderClassification {
  const type = spec.type ?? 'main';
  const created = T0 + (spec.day ?? 0) * DAY;
  const state = spec.state ?? 45;
  return {
    order_id: spec.id,
    tracking_number: trackingOf(spec.id),
    receiver_phone: spec.phone ?? phone(1),
    type_code: type === 'return_pickup' ? 25 : type === 'exchange' ? 30 : 10,
    state_code: state,
    state_at: new Date(T0 + (spec.stateDay ?? spec.day ?? 0) * DAY + 3_600_000).toISOString(),
    cod_piastres: Math.round((spec.cod ?? (type === 'main' ? 1_500 : type === 'return' ? -200 : 0)) * 100),
    created_at: new Date(created).toISOString(),
    delivered_at: state === 45 ? new Date(created + 3_600_000).toISOString() : null,
    product_name: spec.product === undefined ? 'Water filter' : spec.product,
    business_reference: null,
    unique_business_reference: null,
    business_category: CATEGORY[type],
    service_type: type,
    order_level: type === 'main' || type === 'operational' ? 0 : 1,
    rule_id: 'R1',
    rule_set_version: 1,
    revision: spec.revision ?? 1,
    changed: true,
    state_changed: false,
    previous_service_type: null,
    customer: {
      name: spec.name === undefined ? 'Ahmed Ali' : spec.name, first_name: 'Ahmed', last_name: 'Ali',
      city: spec.city === undefined ? 'Cairo' : spec.city, zone: 'Nasr City', district: 'District 7', address: '12 Abbas El Akkad St',
    },
  };
}

let batchSeq = 0;

/** An `order-classified` batch with a fresh id. */
export function batchOf(orders: OrderClassification[], id = `batch-${process.pid}-${++batchSeq}-${Date.now()}`) {
  return { batch_id: id, cause: 'order-changed' as const, orders };
}


/** The service-action worker (and, when asked, its outbox relay) in this process, over real Redis and PostgreSQL. */
export interface ServiceActionStack extends QueueStack<typeof serviceActionQueue> {
  database: Database;
  deps: ServiceActionDeps;
  /** Sends a classified batch and waits until it was handled. */
  send(orders: OrderClassification[], batchId?: string): Promise<void>;
  /** Messages written to the outbox for one queue and job name, oldest first. */
  outboxOf(queue: string, jobName?: string): Promise<{ job_name: string; payload: Record<string, unknown> }[]>;
}

/** Starts the stack on an emptied schema under a fresh queue prefix. The relay runs only when asked (messages stay readable in the outbox). */
export async function startServiceActionStack(opts: { relay?: boolean; deps?: Partial<ServiceActionDeps> } = {}): Promise<ServiceActionStack> {
  const database = await openServiceActionDb();
  let deps = testDeps(database, opts.deps);
  const stack = await startQueueStack({
    label: 'service-action', contract: serviceActionQueue, database, outbox, produces: [syncQueue, returnsQueue, hubQueue], relay: opts.relay, log: deps.log,
    handlers: (kick) => {
      deps = testDeps(database, { kickOutbox: kick, ...opts.deps });
      return createServiceActionHandlers(deps);
    },
  });
  return {
    ...stack, database, deps,
    async send(orders, batchId) {
      const outcome = await stack.run('order-classified', batchOf(orders, batchId));
      if (!outcome.ok) throw outcome.error;
    },
    async outboxOf(q, jobName) {
      const { rows } = await database.pool.query<{ job_name: string; payload: Record<string, unknown> }>(
        `select job_name, payload from service_action.outbox where queue = $1 and ($2::text is null or job_name = $2) order by created_at, id`, [q, jobName ?? null]);
      return rows;
    },
    async close() {
      await stack.close();
      await database.close();
    },
  };
}

export { AppError, refusal, trackingOf, type Outcome };
