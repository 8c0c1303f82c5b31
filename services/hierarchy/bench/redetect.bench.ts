/**
 * `npm run bench:pipeline` (or `node infra/bin/bootstrap.mjs bench services/hierarchy/bench/redetect.bench.ts`):
 * a full re-detection over 100k, 300k and 1M generated orders (≈3.3 orders per customer, a third of
 * them mains, 30 % subs), written straight into the hierarchy's projection with SQL. Each size is
 * detected twice: first from no links at all (every link created), then again on the result (the
 * steady state: nothing changes). Targets: 1M first run ≤ 60 s, and ≤ 12 × the 100k time. Then
 * BENCH_BATCHES incremental `order-classified` batches of 1,000 existing orders (a new revision each)
 * show that the cost of a batch does not grow with the order book.
 * BENCH_SIZES=100000,300000 picks other sizes; HIERARCHY_DETECTION_CHUNK the chunk.
 */
import type { OrderClassification } from '@hvar/contracts';
import { applyOnce, createDatabase, createLogger, retryTransaction } from '@hvar/platform';
import { migrateHierarchy } from '../src/db/migrate.js';
import { inbox } from '../src/db/schema.js';
import { drizzleTx, inTransaction } from '../src/db/sql.js';
import { applyClassifiedBatch } from '../src/evaluate/apply-classified.js';
import { executeDetection } from '../src/detection/execute-detection.js';
import { requestDetection } from '../src/detection/request-detection.js';
import { generateOrders } from '../test/generate.js';

const SIZES = (process.env.BENCH_SIZES ?? '100000,300000,1000000').split(',').map(Number);
const CHUNK = Number(process.env.HIERARCHY_DETECTION_CHUNK ?? 2_000);
const ORDERS_PER_CUSTOMER = 3.33;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 10);
const BATCH_SIZE = 1_000;
const TARGET_1M_SECONDS = 60;
const TARGET_RATIO = 12;

function say(line: string): void {
  process.stdout.write(`[bench:hierarchy] ${line}\n`);
}

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required (run through `npm run bench:pipeline`)');
const database = createDatabase({ url, applicationName: 'hierarchy-bench', max: 4 });
const log = createLogger({ service: 'hierarchy-bench', level: process.env.LOG_LEVEL ?? 'warn' });

/** Empties the schema and writes `n` orders over n / 3.33 customers (deterministic pseudo-random). */
async function generate(n: number): Promise<number> {
  await database.pool.query('truncate hierarchy.orders, hierarchy.links, hierarchy.locks, hierarchy.detection_runs, hierarchy.evaluations, hierarchy.outbox, hierarchy.inbox');
  await generateOrders(database, { orders: n, customers: Math.round(n / ORDERS_PER_CUSTOMER) });
  const { rows } = await database.pool.query<{ c: number }>('select count(distinct phone)::int as c from hierarchy.orders');
  return rows[0]?.c ?? 0;
}

/** One full detection (requested like the `detect` command, executed like `execute-detection`). */
async function detect(): Promise<{ seconds: number; created: number; facts: number }> {
  const run = await inTransaction(database.pool, (tx) => requestDetection(tx, { requested_by: 'bench' }));
  const began = performance.now();
  const done = await executeDetection({ pool: database.pool, log, settings: { windowDays: 365, detectionChunk: CHUNK }, kickOutbox: () => undefined }, run.id);
  const seconds = (performance.now() - began) / 1_000;
  if (done.status !== 'completed') throw new Error(`run ended ${done.status}: ${done.last_error ?? ''}`);
  const { rows } = await database.pool.query<{ f: number }>('select facts_emitted as f from hierarchy.detection_runs where id = $1', [run.id]);
  return { seconds, created: done.links_created, facts: rows[0]?.f ?? 0 };
}

/** `BATCHES` classified batches of random existing orders, applied like the `order-classified` handler. */
async function incremental(round: number): Promise<{ msPerBatch: number }> {
  let total = 0;
  for (let b = 0; b < BATCHES; b++) {
    const { rows } = await database.pool.query<{ o: OrderClassification }>(
      `select json_build_object('order_id', order_id, 'tracking_number', tracking_number, 'receiver_phone', phone, 'type_code', type_code,
         'state_code', state_code, 'state_at', state_at, 'cod_piastres', cod_piastres, 'created_at', created_at, 'delivered_at', delivered_at,
         'product_name', product_name, 'business_reference', null, 'unique_business_reference', null, 'business_category', business_category,
         'service_type', service_type, 'order_level', 0, 'rule_id', 'R1', 'rule_set_version', 1, 'revision', classification_revision + 1,
         'changed', false, 'state_changed', true, 'previous_service_type', service_type) as o
       from hierarchy.orders tablesample system (1) limit $1`,
      [BATCH_SIZE],
    );
    const batch = { batch_id: `bench-${round}-${b}-${Date.now()}`, cause: 'order-changed' as const, orders: rows.map((r) => r.o) };
    const began = performance.now();
    await retryTransaction(() => applyOnce(database, inbox, { id: batch.batch_id, handler: 'order-classified' }, (tx) => applyClassifiedBatch(drizzleTx(tx), batch, { windowDays: 365 })));
    total += performance.now() - began;
  }
  return { msPerBatch: total / BATCHES };
}

async function main(): Promise<void> {
  await migrateHierarchy(database);
  const results = new Map<number, number>();
  for (const n of SIZES) {
    const loadStart = performance.now();
    const customers = await generate(n);
    say(`${n.toLocaleString('en')} orders, ${customers.toLocaleString('en')} customers generated in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);
    const first = await detect();
    results.set(n, first.seconds);
    say(`  first detection:  ${first.seconds.toFixed(2)} s, ${((first.seconds * 1e6) / n).toFixed(1)} µs/order, ${first.created.toLocaleString('en')} links created, ${first.facts.toLocaleString('en')} facts emitted`);
    const again = await detect();
    say(`  steady state:     ${again.seconds.toFixed(2)} s, ${((again.seconds * 1e6) / n).toFixed(1)} µs/order, ${again.created} links created, ${again.facts} facts emitted`);
    if (BATCHES > 0) {
      const inc = await incremental(n);
      say(`  incremental:      ${inc.msPerBatch.toFixed(0)} ms per batch of ${BATCH_SIZE} orders (${((inc.msPerBatch * 1e3) / BATCH_SIZE).toFixed(0)} µs/order), ${BATCHES} batches`);
    }
  }
  const small = results.get(100_000);
  const large = results.get(1_000_000);
  if (large !== undefined) say(`target: 1M ≤ ${TARGET_1M_SECONDS} s → ${large.toFixed(2)} s ${large <= TARGET_1M_SECONDS ? 'OK' : 'MISSED'}`);
  if (small !== undefined && large !== undefined) {
    const ratio = large / small;
    say(`target: 1M ≤ ${TARGET_RATIO} × 100k → ${ratio.toFixed(2)} × ${ratio <= TARGET_RATIO ? 'OK' : 'MISSED'}`);
  }
}

await main().finally(() => database.close());
