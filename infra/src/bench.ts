/**
 * `npm run bench:<name>`: its own PostgreSQL and Redis (`.data/bench/`, default durability, a fresh
 * database every run), every service's migrations, then the benchmark script given as argument,
 * which prints its figures. Numbers come from here, never from timed unit tests.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLog, ignoreBrokenOutput, onShutdownRequest, StopStack } from './lifecycle.js';
import { runMigrations } from './migrations.js';
import { ensurePostgres, TUNED_POSTGRES, recreateDatabase } from './postgres.js';
import { intFromEnv, run } from './proc.js';
import { ensureRedis, redisCommand } from './redis.js';
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

async function prepare(stack: StopStack, signal: AbortSignal): Promise<NodeJS.ProcessEnv> {
  const [postgres, redis] = await Promise.allSettled([
    ensurePostgres({ dataDir: '.data/bench/postgres', port: intFromEnv(process.env, 'HVAR_BENCH_PG_PORT', 54322), database: 'postgres', flags: TUNED_POSTGRES, log }),
    ensureRedis({ dataDir: '.data/bench/redis', port: intFromEnv(process.env, 'HVAR_BENCH_REDIS_PORT', 63792), log }),
  ]);
  if (postgres.status === 'fulfilled') stack.push('PostgreSQL', postgres.value);
  if (redis.status === 'fulfilled') stack.push('Redis', redis.value);
  if (postgres.status === 'rejected') throw postgres.reason;
  if (redis.status === 'rejected') throw redis.reason;
  const databaseUrl = await recreateDatabase(postgres.value.url, BENCH_DATABASE);
  await redisCommand(redis.value.url, 'FLUSHALL');
  const urls = { databaseUrl, redisUrl: redis.value.url };
  const plans = planServices(await readServicePackages(ROOT), process.env);
  await runMigrations(plans, { rootDir: ROOT, urls, env: process.env, log, signal });
  return { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redis.value.url, QUEUE_PREFIX: 'hvar-bench', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench crashed: ${String(err)}\n`);
    process.exit(1);
  },
);
