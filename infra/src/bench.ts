/**
 * `npm run bench:<name>`: its own PostgreSQL and Redis (`.data/bench/`, default durability, a fresh
 * database every run), every service's migrations, then the benchmark script given as argument,
 * which prints its figures. Numbers come from here, never from timed unit tests.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLog, ignoreBrokenOutput, onShutdownRequest, StopStack } from './lifecycle.js';
import { runMigrations } from './migrations.js';
import { recreateDatabase, TUNED_POSTGRES } from './postgres.js';
import { run } from './proc.js';
import { redisCommand } from './redis.js';
import { startServers } from './servers.js';
import { planServices, readServicePackages } from './services.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BENCH_DATABASE = 'hvar_bench';
const log = createLog('bench');

async function main(): Promise<number> {
  process.chdir(ROOT);
  ignoreBrokenOutput();
  const [script, ...args] = process.argv.slice(2);
  if (!script || !existsSync(path.join(ROOT, script))) {
    log(`usage: node infra/bin/bootstrap.mjs bench <script.ts> [args] (got ${script ?? 'nothing'})`);
    return 2;
  }
  const held = holdBenchLock();
  if (held !== true) {
    log(`another benchmark (pid ${held}) is running; they share .data/bench and would recreate each other's database`);
    return 2;
  }
  const shutdown = new AbortController();
  const stack = new StopStack(log);
  onShutdownRequest(shutdown, log, () => stack.kill());
  let code = 1;
  try {
    const env = await prepare(stack, shutdown.signal);
    const result = await run(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env, signal: shutdown.signal, stdio: ['ignore', 'inherit', 'inherit'] });
    code = result.code ?? 1;
  } catch (err) {
    if (!shutdown.signal.aborted) log(`bench failed: ${(err as Error).message}`);
  }
  const stopCode = await stack.stopAll();
  return code !== 0 ? code : stopCode;
}

const LOCK_FILE = path.join(ROOT, '.data', 'bench.pid');

/** Takes `.data/bench.pid` (released at exit); answers the holder's pid when a live benchmark holds it. */
function holdBenchLock(): true | number {
  const holder = existsSync(LOCK_FILE) ? Number(readFileSync(LOCK_FILE, 'utf8')) : 0;
  if (holder > 0 && holder !== process.pid && isAlive(holder)) return holder;
  mkdirSync(path.dirname(LOCK_FILE), { recursive: true });
  writeFileSync(LOCK_FILE, String(process.pid));
  process.once('exit', () => rmSync(LOCK_FILE, { force: true }));
  return true;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function prepare(stack: StopStack, signal: AbortSignal): Promise<NodeJS.ProcessEnv> {
  const { postgres, redis } = await startServers(stack, {
    dir: 'bench', pgPortVar: 'HVAR_BENCH_PG_PORT', pgPort: 54322, redisPortVar: 'HVAR_BENCH_REDIS_PORT', redisPort: 63792, database: 'postgres', flags: TUNED_POSTGRES, log,
  });
  const databaseUrl = await recreateDatabase(postgres.url, BENCH_DATABASE);
  await redisCommand(redis.url, 'FLUSHALL');
  const urls = { databaseUrl, redisUrl: redis.url };
  const plans = planServices(await readServicePackages(ROOT), process.env);
  await runMigrations(plans, { rootDir: ROOT, urls, env: process.env, log, signal });
  return { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redis.url, QUEUE_PREFIX: 'hvar-bench', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench crashed: ${String(err)}\n`);
    process.exit(1);
  },
);
