/**
 * `npm start`: PostgreSQL and Redis, every service's migrations, every service under the
 * supervisor, then the URLs once the gateway is ready. Ctrl-C stops it all in order.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { buildConsole } from '@hvar/console/build';
import { loadSimulatorSecrets, SIMULATOR, wireBosta, type BostaWiring } from './bosta.js';
import { loadEnvFile } from './env-file.js';
import { redactUrl, renderBox, seconds } from './format.js';
import { createLog, ignoreBrokenOutput, onShutdownRequest, StopStack, untilAborted } from './lifecycle.js';
import { TUNED_POSTGRES } from './postgres.js';
import { runMigrations } from './migrations.js';
import { type InfraHandle, type Log } from './proc.js';
import { startServers } from './servers.js';
import { launchScript, planServices, readServicePackages, serviceEnv, type InfraUrls, type ServicePlan } from './services.js';
import { startSupervisor } from './supervisor.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD_GUARD = new URL('./child-guard.ts', import.meta.url).href;
const log = createLog();

async function main(): Promise<number> {
  process.chdir(ROOT);
  ignoreBrokenOutput();
  for (const problem of await loadEnvFile(path.join(ROOT, '.env'), process.env)) log(`ignored: ${problem}`);
  const shutdown = new AbortController();
  const stack = new StopStack(log);
  onShutdownRequest(shutdown, log, () => stack.kill());
  try {
    await bringUp(stack, shutdown.signal, performance.now());
    await untilAborted(shutdown.signal);
    return await stack.stopAll();
  } catch (err) {
    if (shutdown.signal.aborted) return stack.stopAll();
    log(`start failed: ${(err as Error).message}`);
    await stack.stopAll();
    return 1;
  }
}

async function bringUp(stack: StopStack, signal: AbortSignal, started: number): Promise<void> {
  const infra = await startInfra(stack);
  signal.throwIfAborted();
  const urls: InfraUrls = { databaseUrl: infra.postgres.url, redisUrl: infra.redis.url };
  const discovered = runnableServices(planServices(await readServicePackages(ROOT), process.env));
  const bosta = wireBosta(discovered, process.env, await loadSimulatorSecrets(path.join(ROOT, '.data', 'bosta-sim', 'secrets.json')));
  const { plans } = bosta;
  await runMigrations(plans, { rootDir: ROOT, urls, env: process.env, log, signal });
  const built = await buildConsole();
  log(`operator console built in ${Math.round(built.ms)} ms`);
  if (plans.length > 0) stack.push('services', superviseAll(plans, urls, bosta));
  const gateway = plans.find((plan) => plan.isGateway);
  if (gateway) await waitForReady(`http://127.0.0.1:${gateway.port}/readyz`, signal);
  const lines = readyLines(gateway, urls, plans.length, performance.now() - started);
  lines.splice(lines.length - 2, 0, ...bosta.lines);
  process.stdout.write(`${renderBox(lines)}\n`);
}

/** PostgreSQL and Redis start in parallel; each is registered for shutdown as soon as it runs. */
async function startInfra(stack: StopStack): Promise<{ postgres: InfraHandle; redis: InfraHandle }> {
  const servers = await startServers(stack, {
    dir: '', pgPortVar: 'HVAR_PG_PORT', pgPort: 54320, redisPortVar: 'HVAR_REDIS_PORT', redisPort: 63790, database: 'hvar', flags: TUNED_POSTGRES, log,
  });
  log(`PostgreSQL at ${redactUrl(servers.postgres.url)}, Redis at ${redactUrl(servers.redis.url)}`);
  return servers;
}

/** Services whose entry file exists; one still being written is skipped with a note instead of crash-looping. */
function runnableServices(plans: readonly ServicePlan[]): ServicePlan[] {
  return plans.filter((plan) => {
    const { entry } = launchScript(plan.startScript, plan.dir, ROOT);
    const ok = entry === undefined || existsSync(entry);
    if (!ok) log(`skipping ${plan.name}: ${path.relative(ROOT, entry ?? '')} does not exist yet`);
    return ok;
  });
}

function superviseAll(plans: readonly ServicePlan[], urls: InfraUrls, bosta: BostaWiring): ReturnType<typeof startSupervisor> {
  const services = plans.map((plan) => ({
    name: plan.name,
    launch: launchScript(plan.startScript, plan.dir, ROOT, [CHILD_GUARD]),
    env: { ...serviceEnv(plan, urls, process.env), ...bosta.sharedEnv, ...(plan.name === SIMULATOR ? bosta.simulatorEnv : {}), ...(plan.isGateway ? bosta.gatewayEnv : {}) },
  }));
  log(`starting ${plans.map((p) => p.name).join(', ')}`);
  return startSupervisor({ services, env: process.env, log });
}

/** Polls the gateway's readiness every 250 ms (it restarts under the supervisor meanwhile if it crashes). */
async function waitForReady(url: string, signal: AbortSignal): Promise<void> {
  const began = performance.now();
  let reported = began;
  while (!(await answers200(url))) {
    if (performance.now() - reported >= 5_000) {
      reported = performance.now();
      log(`waiting for ${url} (${seconds(reported - began)}; see the [gateway] lines above if this takes long)`);
    }
    await sleep(250, undefined, { signal });
  }
  log(`gateway ready in ${seconds(performance.now() - began)}`);
}

async function answers200(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

function readyLines(gateway: ServicePlan | undefined, urls: InfraUrls, count: number, elapsedMs: number): string[] {
  const infra = [`PostgreSQL    ${redactUrl(urls.databaseUrl)}${process.env.DATABASE_URL ? '' : '  (password in .data/postgres.password)'}`, `Redis         ${redactUrl(urls.redisUrl)}`];
  if (!gateway) {
    const why = count === 0 ? 'no service has a start script (or entry file) yet' : 'no gateway service';
    return [`HVAR Cycle infrastructure is up in ${seconds(elapsedMs)} (${why})`, '', ...infra, '', 'Ctrl-C stops everything.'];
  }
  const base = `http://localhost:${gateway.port}`;
  return [
    `HVAR Cycle is ready in ${seconds(elapsedMs)} (${count} service${count === 1 ? '' : 's'})`,
    '',
    `Console       ${base}/`,
    `Gateway       ${base}`,
    `API docs      ${base}/docs`,
    `OpenAPI       ${base}/openapi.json`,
    `Queues        ${base}/admin/queues`,
    ...infra,
    `Admin login   ${credentialsHint(process.env)}`,
    '',
    'Ctrl-C stops everything.',
  ];
}

/** Never prints the key itself: the tail is enough to tell which one is configured. */
function credentialsHint(env: NodeJS.ProcessEnv): string {
  const key = env.HVAR_ADMIN_API_KEY;
  return key ? `API key from HVAR_ADMIN_API_KEY (…${key.slice(-4)})` : 'the admin password printed by the gateway on first start';
}

const logFatal: Log = (message) => void process.stderr.write(`${message}\n`);

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    logFatal(`start crashed: ${String(err)}`);
    process.exit(1);
  },
);
