/**
 * `npm run bench:customers` (issue 5): builds the customers of BENCH_DELIVERIES demo deliveries through
 * the real pipeline (simulator → sync → classifier → hierarchy and service-action, each its own
 * process), then loads the real gateway's `GET /api/v1/customers` with BENCH_CONCURRENCY requests in
 * flight over a realistic filter mix. Prints the build figures, p50/p95/p99/max, requests/s, errors and
 * per-filter p95 against the 50 ms target, beside two reference figures measured in the same run: the
 * cheapest authenticated gateway route (`/api/v1/auth/me`) and service-action's read API called directly.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchKit, startServiceProcess } from '@hvar/platform/testing';
import pg from 'pg';
import { startSimulatedSync } from '../../sync/bench/simulated-sync.js';
import { buildCustomers, type BuildResult } from './build.js';
import { cores, cpuLine, cpuSnapshot } from './cpu.js';
import { customerTargets, explainTarget } from './filters.js';
import { allLatencies, quantile, runLoad, type LoadResult, type Target } from './load.js';

const kit = benchKit('customers');
const { env, say } = kit;

/** The demo generator gives one customer (one distinct phone) per four deliveries (startSimulatedSync). */
const DELIVERIES_PER_CUSTOMER = 4;
const TARGET_CUSTOMERS = 100_000;
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? TARGET_CUSTOMERS * DELIVERIES_PER_CUSTOMER);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_S ?? 3) * 1_000;
const DURATION_MS = Number(process.env.BENCH_DURATION_S ?? 20) * 1_000;
const TARGET_P95_MS = 50;
/** Keeps the stack up this long after the figures (to profile it by hand). */
const KEEP_S = Number(process.env.BENCH_KEEP_S ?? 0);
/** The gateway's per-client rate limit would answer 429 long before the load is measured. */
const NO_RATE_LIMIT = String(1_000_000_000);

const ms = (n: number): string => `${n.toFixed(1)} ms`;

async function startGateway(adminKey: string): Promise<string> {
  const gateway = await startServiceProcess('gateway', {
    root: kit.root,
    entry: 'services/gateway/src/main.ts',
    env: { ...env, HOST: '127.0.0.1', HVAR_ADMIN_API_KEY: adminKey, RATE_LIMIT_PER_MINUTE: NO_RATE_LIMIT },
    portVariable: 'PORT',
    nodeArgs: (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
    onUnexpectedExit: (name, code, signal) => say(`${name} exited unexpectedly (${code ?? signal})`),
  });
  kit.services.push(gateway);
  return gateway.url;
}

/** An `agent` API key made through the gateway with the bootstrap admin key, as an administrator would. */
async function agentKey(gatewayUrl: string, adminKey: string): Promise<string> {
  const res = await fetch(`${gatewayUrl}/api/v1/api-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench customers', role: 'agent' }),
  });
  if (res.status !== 201) throw new Error(`could not create an agent key: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { key: string }).key;
}

function reportBuild(b: BuildResult): void {
  say('');
  say(`BUILD  deliveries ${DELIVERIES}, customers built ${b.customers} (target ≥ ${TARGET_CUSTOMERS}), orders projected ${b.orders}`);
  say(`BUILD  time ${b.seconds.toFixed(1)} s → ${(b.customers / b.seconds).toFixed(0)} customers/s, ${(DELIVERIES / b.seconds).toFixed(0)} deliveries/s (from the sync run request until nothing is in flight)`);
  const failed = Object.entries(b.failed).filter(([, n]) => n > 0);
  if (failed.length > 0) say(`BUILD  WARNING: failed jobs (not applied): ${failed.map(([q, n]) => `${q} ${n}`).join(', ')}`);
  if (b.customers < TARGET_CUSTOMERS) say(`BUILD  WARNING: fewer than ${TARGET_CUSTOMERS} customers (BENCH_DELIVERIES=${DELIVERIES})`);
}

/** Checks every target once (200 and a page) and says how many rows each returns. */
async function checkTargets(baseUrl: string, apiKey: string, targets: readonly Target[]): Promise<void> {
  for (const t of targets) {
    const res = await fetch(new URL(t.path, baseUrl), { headers: { authorization: `Bearer ${apiKey}` } });
    const body = (await res.json()) as { items?: unknown[]; next_cursor?: string | null };
    if (res.status !== 200) throw new Error(`${t.label}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    say(`  ${t.label.padEnd(56)} ${String(body.items?.length ?? 0).padStart(3)} rows${body.next_cursor ? ', more pages' : ''}`);
  }
}

async function load(name: string, baseUrl: string, apiKey: string, targets: readonly Target[]): Promise<LoadResult> {
  say(`load: ${name}: ${CONCURRENCY} in flight, ${WARMUP_MS / 1_000} s warm-up, ${DURATION_MS / 1_000} s measured`);
  const before = cpuSnapshot(kit.root, kit.services);
  const started = performance.now();
  const result = await runLoad({ baseUrl, apiKey, targets, concurrency: CONCURRENCY, warmupMs: WARMUP_MS, durationMs: DURATION_MS });
  say(`  CPU (share of one core, warm-up included): ${cpuLine(before, cpuSnapshot(kit.root, kit.services), (performance.now() - started) / 1_000)}`);
  return result;
}

function summary(name: string, r: LoadResult): { p95: number } {
  const all = allLatencies(r);
  const p95 = quantile(all, 0.95);
  say(`${name.padEnd(34)} p50 ${ms(quantile(all, 0.5))}, p95 ${ms(p95)}, p99 ${ms(quantile(all, 0.99))}, max ${ms(all.at(-1) ?? Number.NaN)}, ` +
    `${(r.requests / r.seconds).toFixed(0)} req/s, ${r.requests} requests, ${r.errors} errors`);
  for (const sample of r.errorSamples) say(`  error sample: ${sample}`);
  return { p95 };
}

function perTarget(r: LoadResult): void {
  for (const [label, values] of r.latencies) {
    const sorted = [...values].sort((a, b) => a - b);
    say(`  ${label.padEnd(56)} n ${String(sorted.length).padStart(6)}  p50 ${ms(quantile(sorted, 0.5)).padStart(9)}  p95 ${ms(quantile(sorted, 0.95)).padStart(9)}`);
  }
}

async function explainAll(pool: pg.Pool, targets: readonly Target[]): Promise<void> {
  say('');
  say('SQL alone (EXPLAIN ANALYZE of the exact list query, no load; BENCH_EXPLAIN=1 prints the plans):');
  for (const t of targets) {
    const plan = await explainTarget(pool, t, new Date());
    const time = /Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? '?';
    say(`  ${t.label.padEnd(56)} ${time} ms`);
    if (process.env.BENCH_EXPLAIN === '1') for (const line of plan.split('\n')) say(`      ${line}`);
  }
}

/** Runs the pipeline until service-action has every customer; the build-only processes are stopped after it. */
async function buildPhase(pool: pg.Pool, adminKey: string): Promise<{ gatewayUrl: string; customers: number }> {
  const sync = await startSimulatedSync(kit, DELIVERIES);
  for (const name of ['classifier', 'hierarchy', 'service-action']) await kit.startService(name, `services/${name}/src/main.ts`, {});
  const gatewayUrl = await startGateway(adminKey);
  const built = await buildCustomers(kit, pool, sync, DELIVERIES);
  reportBuild(built);
  // The load phase measures the read path only: the idle build-only processes are stopped, and the
  // two tables the list reads get the statistics and visibility map autovacuum gives them after a bulk load.
  await Promise.all(kit.services.filter((s) => ['bosta-sim', 'sync', 'classifier', 'hierarchy'].includes(s.name)).map((s) => s.stop()));
  await pool.query('vacuum analyze service_action.customers, service_action.actions');
  return { gatewayUrl, customers: built.customers };
}

/** The three loads (reference, service-action direct, the customers list through the gateway) and their figures. */
async function loadPhase(pool: pg.Pool, gatewayUrl: string, key: string, customersBuilt: number): Promise<void> {
  const targets = await customerTargets(pool, gatewayUrl, key);
  say('');
  say('filters (one request each through the gateway):');
  await checkTargets(gatewayUrl, key, targets);
  const serviceAction = kit.services.find((s) => s.name === 'service-action');
  if (!serviceAction) throw new Error('service-action is not running');
  const reference = await load('reference /api/v1/auth/me', gatewayUrl, key, [{ label: 'auth/me', path: '/api/v1/auth/me' }]);
  const direct = await load('service-action read API directly', serviceAction.url, key, targets.map((t) => ({ ...t, path: t.path.replace('/api/v1', '') })));
  const customers = await load('GET /api/v1/customers', gatewayUrl, key, targets);

  say('');
  say(`RESULTS (${CONCURRENCY} requests in flight, ${DURATION_MS / 1_000} s measured each)`);
  const { p95 } = summary('GET /api/v1/customers (gateway)', customers);
  perTarget(customers);
  summary('reference: GET /api/v1/auth/me', reference);
  summary('reference: service-action direct', direct);
  say('');
  say(`${p95 <= TARGET_P95_MS ? 'PASS' : 'FAIL'}: GET /api/v1/customers p95 ${ms(p95)} (target ≤ ${TARGET_P95_MS} ms) at ${CONCURRENCY} concurrent requests, ${customersBuilt} customers`);
  say(`(Little's law: with ${CONCURRENCY} requests in flight the mean latency is ${CONCURRENCY} / throughput, so a ${TARGET_P95_MS} ms p95 needs more than ` +
    `${Math.round(CONCURRENCY / (TARGET_P95_MS / 1_000))} req/s; the reference /api/v1/auth/me shows what the gateway alone sustains here)`);
  await explainAll(pool, targets);
  if (customers.errors + reference.errors + direct.errors > 0) process.exitCode = 1;
  if (KEEP_S > 0) {
    say(`BENCH_KEEP_S: the stack stays up ${KEEP_S} s for profiling: gateway ${gatewayUrl} (agent key ${key}), service-action ${serviceAction.url}`);
    await sleep(KEEP_S * 1_000);
  }
}

async function main(): Promise<void> {
  say(`${DELIVERIES} demo deliveries → about ${Math.round(DELIVERIES / DELIVERIES_PER_CUSTOMER)} customers (one phone per ${DELIVERIES_PER_CUSTOMER} deliveries); this machine has ${cores()} cores`);
  const adminKey = randomBytes(24).toString('hex');
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 2 });
  try {
    const { gatewayUrl, customers } = await buildPhase(pool, adminKey);
    await loadPhase(pool, gatewayUrl, await agentKey(gatewayUrl, adminKey), customers);
  } finally {
    await pool.end();
    await kit.stopAll();
  }
}

main().catch((err: unknown) => {
  say(`failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
