/**
 * `npm test`: a throwaway PostgreSQL and Redis (fresh database, empty Redis), then lint, typecheck
 * and vitest against them, then one summary line and the time of each step.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { constants as osConstants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './chromium.js';
import { countsFromReport, summaryLine, timingTable, type StepResult, type VitestCounts } from './format.js';
import { createLog, ignoreBrokenOutput, onShutdownRequest, StopStack } from './lifecycle.js';
import { recreateDatabase } from './postgres.js';
import { redisCommand } from './redis.js';
import { startServers } from './servers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REPORT = '.data/test/vitest.json';
const TEST_DATABASE = 'hvar_test';
/** Durability is pointless for a database recreated every run; these make it much faster. */
const FAST_POSTGRES = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
const log = createLog('test');
/** Code that runs in the browser (the console, the browser tests' page callbacks) has the DOM types: its own projects. */
const BROWSER_TSCONFIGS = ['packages/console/tsconfig.json', 'services/gateway/test/console/tsconfig.json'];

interface Step {
  name: string;
  args: string[];
}

async function main(): Promise<number> {
  process.chdir(ROOT);
  ignoreBrokenOutput();
  const shutdown = new AbortController();
  const stack = new StopStack(log);
  onShutdownRequest(shutdown, log, () => stack.kill());
  const began = performance.now();
  const results: StepResult[] = [];
  let code = 1;
  // A report left by an earlier run must never be counted as this run's.
  await rm(REPORT, { force: true });
  try {
    const env = await timed('infra up', results, () => prepareInfra(stack));
    code = await runSteps(steps(process.argv.slice(2), process.env), env, results, shutdown.signal);
  } catch (err) {
    if (!shutdown.signal.aborted) log(`setup failed: ${(err as Error).message}`);
  }
  const stopCode = await timed('infra down', results, () => stack.stopAll());
  const counts = await readCounts();
  process.stdout.write(`\n${summaryLine(counts)}\n${timingTable(results, performance.now() - began)}\n`);
  if (shutdown.signal.aborted) return 130;
  return code !== 0 ? code : stopCode;
}

/** Starts (or reuses, via DATABASE_URL / REDIS_URL) the servers and returns the tests' environment. */
async function prepareInfra(stack: StopStack): Promise<NodeJS.ProcessEnv> {
  const { postgres, redis } = await startServers(stack, {
    dir: 'test', pgPortVar: 'HVAR_TEST_PG_PORT', pgPort: 54321, redisPortVar: 'HVAR_TEST_REDIS_PORT', redisPort: 63791, database: 'postgres', flags: FAST_POSTGRES, log,
  });
  // A user's own servers are never wiped: their database is used as given, their Redis gets a unique prefix.
  const databaseUrl = process.env.DATABASE_URL ?? (await recreateDatabase(postgres.url, TEST_DATABASE));
  const ownRedis = process.env.REDIS_URL === undefined;
  if (ownRedis) await redisCommand(redis.url, 'FLUSHALL');
  const queuePrefix = ownRedis ? 'hvar-test' : `test-${randomBytes(4).toString('hex')}`;
  const chromium = await ensureChromium(log);
  return { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redis.url, QUEUE_PREFIX: queuePrefix, HVAR_TEST: '1', ...(chromium ? { CHROMIUM_PATH: chromium } : {}) };
}

/** Lint and typecheck (unless HVAR_TEST_SKIP_LINT=1), then vitest with the JSON report the summary reads. */
function steps(extraArgs: readonly string[], env: NodeJS.ProcessEnv): Step[] {
  const vitest = { name: 'vitest', args: ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${REPORT}`, ...extraArgs] };
  if (env.HVAR_TEST_SKIP_LINT === '1') return [vitest];
  return [{ name: 'lint', args: ['exec', 'eslint', '.'] }, { name: 'typecheck', args: ['exec', 'tsc', '-p', 'tsconfig.json', '--noEmit'] }, ...BROWSER_TSCONFIGS.map((p) => ({ name: `typecheck ${p}`, args: ['exec', 'tsc', '-p', p, '--noEmit'] })), vitest];
}

/** Runs every step even after a failure (all problems in one run); returns the first non-zero code. */
async function runSteps(list: readonly Step[], env: NodeJS.ProcessEnv, results: StepResult[], signal: AbortSignal): Promise<number> {
  if (env.HVAR_TEST_SKIP_LINT === '1') results.push({ name: 'lint', ms: 0, code: undefined }, { name: 'typecheck', ms: 0, code: undefined });
  let first = 0;
  for (const step of list) {
    if (signal.aborted) break;
    log(`${step.name}: pnpm ${step.args.join(' ')}`);
    const began = performance.now();
    const code = await runStep(step.args, env, signal);
    results.push({ name: step.name, ms: performance.now() - began, code });
    if (first === 0) first = code;
  }
  return first;
}

/** One step in its own process group, so Ctrl-C can stop pnpm and whatever it started together. */
function runStep(args: readonly string[], env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('pnpm', args, { env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    const interrupt = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGINT');
      } catch {
        // already exited
      }
    };
    signal.addEventListener('abort', interrupt, { once: true });
    child.once('error', (err) => {
      log(`cannot run pnpm: ${err.message}`);
      resolve(127);
    });
    child.once('exit', (code, sig) => {
      signal.removeEventListener('abort', interrupt);
      resolve(code ?? 128 + (sig ? osConstants.signals[sig] : 0));
    });
  });
}

async function timed<T>(name: string, results: StepResult[], fn: () => Promise<T>): Promise<T> {
  const began = performance.now();
  let code = 1;
  try {
    const value = await fn();
    code = typeof value === 'number' ? value : 0;
    return value;
  } finally {
    results.push({ name, ms: performance.now() - began, code });
  }
}

async function readCounts(): Promise<VitestCounts> {
  try {
    return countsFromReport(JSON.parse(await readFile(REPORT, 'utf8')) as unknown);
  } catch {
    log(`no vitest report at ${REPORT} (vitest did not run or crashed)`);
    return countsFromReport(undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`test runner crashed: ${String(err)}\n`);
    process.exit(1);
  },
);
