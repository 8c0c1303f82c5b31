/**
 * `npm run bench:sync`: a full backfill of BENCH_DELIVERIES (default 100k) simulated deliveries, with
 * the simulator and the sync service as separate processes on this machine, then the ceiling: the
 * same rows upserted with plain multi-row statements into copies of the same tables, same database.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { benchKit } from '@hvar/platform/testing';
import pg from 'pg';
import { startSimulatedSync, type SimulatedSync } from './simulated-sync.js';

const kit = benchKit('sync');
const { env, say, stopAll } = kit;

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 100_000);
const PAGE_SIZE = Number(process.env.SYNC_PAGE_SIZE ?? 200);
const CONCURRENCY = Number(process.env.SYNC_CONCURRENCY ?? 4);
const TARGET_RATE = 5_000;
const TARGET_RATIO = 0.5;

interface RunRow {
  status: string;
  pages_done: number;
  pages_total: number | null;
  deliveries_written: number;
  deliveries_seen: number;
  active_ms: string;
  last_error: string | null;
  started_at: Date | null;
  finished_at: Date | null;
}

async function backfill(pool: pg.Pool, sync: SimulatedSync): Promise<{ seconds: number; written: number }> {
  await sync.requestFullRun();
  say(`full run requested (page size ${PAGE_SIZE})`);
  let lastReport = 0;
  for (;;) {
    const { rows } = await pool.query<RunRow>(`select * from sync.runs where mode = 'full' order by created_at desc limit 1`);
    const run = rows[0];
    if (run && Date.now() - lastReport > 5_000) {
      lastReport = Date.now();
      say(`${run.status}: page ${run.pages_done}/${run.pages_total ?? '?'}, ${run.deliveries_written} written`);
    }
    if (run?.status === 'failed') throw new Error(`run failed: ${run.last_error ?? 'unknown'}`);
    if (run?.status === 'completed' && run.started_at && run.finished_at) {
      return { seconds: (run.finished_at.getTime() - run.started_at.getTime()) / 1_000, written: run.deliveries_written };
    }
    await sleep(250);
  }
}

type Upsert = (client: pg.PoolClient, table: string, rows: Record<string, unknown>[], key: string, update: boolean) => Promise<void>;

/**
 * Upserts every stored order and timeline row again, page by page (one transaction each, as many
 * connections as the sync has pages in flight), into same-shaped tables (same indexes and storage),
 * with two plain statement forms; the faster counts.
 */
async function ceiling(pool: pg.Pool): Promise<{ seconds: number; orders: number; form: string }> {
  const orders = (await pool.query<Record<string, unknown>>('select * from sync.orders order by created_at, id')).rows;
  const timeline = (await pool.query<Record<string, unknown>>('select * from sync.timeline_events order by order_id, source, seq')).rows;
  const byOrder = new Map<unknown, Record<string, unknown>[]>();
  for (const row of timeline) byOrder.set(row.order_id, [...(byOrder.get(row.order_id) ?? []), row]);
  // The read-model row every new order gets (sync.order_facts), written by the same page transaction.
  const facts = new Map<unknown, Record<string, unknown>>();
  for (const row of (await pool.query<Record<string, unknown>>('select * from sync.order_facts')).rows) facts.set(row.order_id, row);
  const forms: [string, Upsert][] = [
    ['insert … values', upsert],
    ['insert … select from json_populate_recordset', upsertJson],
    // The sync's own form: orders from a JSON recordset, timeline rows from unnest arrays.
    ['json_populate_recordset orders, unnest timeline', (client, table, rows, key, update) => (table.endsWith('.timeline_events') ? upsertUnnest(client, table, rows, key) : upsertJson(client, table, rows, key, update))],
  ];
  let best = { seconds: Number.POSITIVE_INFINITY, orders: orders.length, form: '' };
  for (const [form, write] of forms) {
    await pool.query(`drop schema if exists bench_ceiling cascade; create schema bench_ceiling;
      create table bench_ceiling.orders (like sync.orders including all);
      create table bench_ceiling.timeline_events (like sync.timeline_events including all);
      create table bench_ceiling.order_facts (like sync.order_facts including all);`);
    // As many connections as the sync service has pages in flight, each taking the next page.
    let next = 0;
    const began = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      const client = await pool.connect();
      try {
        for (let i = next; i < orders.length; i = next) {
          next += PAGE_SIZE;
          const page = orders.slice(i, i + PAGE_SIZE);
          await client.query('begin');
          await write(client, 'bench_ceiling.orders', page, 'id', true);
          const steps = page.flatMap((order) => byOrder.get(order.id) ?? []);
          if (steps.length > 0) await write(client, 'bench_ceiling.timeline_events', steps, 'order_id, source, seq', false);
          const pageFacts = page.flatMap((order) => {
            const row = facts.get(order.id);
            return row ? [row] : [];
          });
          if (pageFacts.length > 0) await write(client, 'bench_ceiling.order_facts', pageFacts, 'order_id', false);
          await client.query('commit');
        }
      } finally {
        client.release();
      }
    }));
    const seconds = (performance.now() - began) / 1_000;
    say(`ceiling with ${form}: ${seconds.toFixed(2)} s`);
    if (seconds < best.seconds) best = { seconds, orders: orders.length, form };
  }
  return best;
}

async function upsertJson(client: pg.PoolClient, table: string, rows: Record<string, unknown>[], key: string, update: boolean): Promise<void> {
  const columns = Object.keys(rows[0] ?? {});
  const keys = new Set(key.split(',').map((k) => k.trim()));
  const action = update ? `do update set ${columns.filter((c) => !keys.has(c)).map((c) => `"${c}" = excluded."${c}"`).join(', ')}` : 'do nothing';
  const list = columns.map((c) => `"${c}"`).join(',');
  // bytea travels as `\\x…` hex text inside JSON, as the sync service sends it.
  const json = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Buffer.isBuffer(v) ? `\\x${v.toString('hex')}` : v])));
  await client.query(`insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, $1::json) on conflict (${key}) ${action}`, [JSON.stringify(json)]);
}

const columnTypes = new Map<string, Map<string, string>>();

/** `insert … select from unnest($1::type[], …) on conflict do nothing`, one array per column. */
async function upsertUnnest(client: pg.PoolClient, table: string, rows: Record<string, unknown>[], key: string): Promise<void> {
  const columns = Object.keys(rows[0] ?? {});
  let typeOf = columnTypes.get(table);
  if (!typeOf) {
    const { rows: types } = await client.query<{ name: string; type: string }>(
      `select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped`,
      [table],
    );
    typeOf = new Map(types.map((t) => [t.name, t.type]));
    columnTypes.set(table, typeOf);
  }
  const list = columns.map((c) => `"${c}"`).join(',');
  const arrays = columns.map((c, i) => `$${i + 1}::${typeOf.get(c) ?? 'text'}[]`).join(', ');
  await client.query(
    `insert into ${table} (${list}) select * from unnest(${arrays}) on conflict (${key}) do nothing`,
    columns.map((c) => rows.map((row) => row[c])),
  );
}

async function upsert(client: pg.PoolClient, table: string, rows: Record<string, unknown>[], key: string, update: boolean): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${columns.map((c) => {
    const value = row[c];
    params.push(value !== null && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value) ? JSON.stringify(value) : value);
    return `$${params.length}`;
  }).join(',')})`);
  const keys = new Set(key.split(',').map((k) => k.trim()));
  const action = update ? `do update set ${columns.filter((c) => !keys.has(c)).map((c) => `"${c}" = excluded."${c}"`).join(', ')}` : 'do nothing';
  // Large pages exceed the 65535 parameter limit: split them.
  if (params.length > 65_000) {
    const half = Math.ceil(rows.length / 2);
    await upsert(client, table, rows.slice(0, half), key, update);
    await upsert(client, table, rows.slice(half), key, update);
    return;
  }
  await client.query(`insert into ${table} (${columns.map((c) => `"${c}"`).join(',')}) values ${tuples.join(',')} on conflict (${key}) ${action}`, params);
}

async function main(): Promise<void> {
  const sync = await startSimulatedSync(kit, DELIVERIES);
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: CONCURRENCY + 1 });
  try {
    const run = await backfill(pool, sync);
    const { rows } = await pool.query<{ orders: string; steps: string }>(
      'select (select count(*) from sync.orders) as orders, (select count(*) from sync.timeline_events) as steps',
    );
    const stored = Number(rows[0]?.orders ?? 0);
    const steps = Number(rows[0]?.steps ?? 0);
    const rate = stored / run.seconds;
    const top = await ceiling(pool);
    const topRate = top.orders / top.seconds;
    say('');
    say(`deliveries in the order book: ${stored} of ${DELIVERIES} (${steps} timeline rows)`);
    say(`sync full backfill:        ${run.seconds.toFixed(2)} s  → ${rate.toFixed(0)} deliveries/s persisted (target ≥ ${TARGET_RATE})`);
    say(`raw multi-row upsert:      ${top.seconds.toFixed(2)} s  → ${topRate.toFixed(0)} deliveries/s (ceiling: same rows, timeline and read-model rows, pages of ${PAGE_SIZE} on ${CONCURRENCY} connections, same database, ${top.form})`);
    say(`ratio:                     ${((rate / topRate) * 100).toFixed(1)} % of the ceiling (target ≥ ${TARGET_RATIO * 100} %)`);
    if (stored !== DELIVERIES) process.exitCode = 1;
  } finally {
    await pool.end();
  }
}

main()
  .catch((err: unknown) => {
    say(`failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  })
  .finally(() => {
    return stopAll();
  });
