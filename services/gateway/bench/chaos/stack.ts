/**
 * The system under chaos: the Bosta simulator in this process (it is "Bosta", never killed), and the
 * gateway and every service as separate processes under the real `npm start` supervisor
 * (infra/src/supervisor.ts), which restarts whatever crashes. Their output goes to one log file.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSimulator, type SimulatorHandle } from '@hvar/bosta-sim';
import { freePort, waitHttp } from '@hvar/platform/testing';
import { launchScript, planServices, readServicePackages, serviceEnv, type ServicePlan } from '../../../../infra/src/services.js';
import { startSupervisor, type Supervisor } from '../../../../infra/src/supervisor.js';
import type { Role } from './client.js';

const CHILD_GUARD = new URL('../../../../infra/src/child-guard.ts', import.meta.url).href;
const SIMULATOR = 'bosta-sim';
const WEBHOOK_HEADER = 'X-Bosta-Secret';
const READY_TIMEOUT_MS = 180_000;
const HEALTHY_AFTER_MS = 10_000;

/** What the stack needs from the bench runner and the chaos settings. */
export interface StackOptions {
  root: string;
  env: { DATABASE_URL: string; REDIS_URL: string; QUEUE_PREFIX: string };
  /** Incremental sync interval: how soon a dropped webhook is caught up by the search pages. */
  syncEveryMs: number;
  logFile: string;
  /** The simulator's full-access API key (the services and the chaos run's sales use it). */
  simKey: string;
  say: (line: string) => void;
}

/** The running system. */
export interface ChaosStack {
  sim: SimulatorHandle;
  gatewayUrl: string;
  supervisor: Supervisor;
  keys: Record<Role, string>;
  /** Appends a line to the services' log (kills and restarts are noted there too). */
  note(line: string): void;
  stop(): Promise<void>;
}

const secret = (label: string): string => `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-chaos`;

/** Starts the simulator, every service and the gateway; answers once all are ready and the role keys exist. */
export async function startChaosStack(opts: StackOptions): Promise<ChaosStack> {
  await mkdir(path.dirname(opts.logFile), { recursive: true });
  const log = createWriteStream(opts.logFile, { flags: 'w' });
  const note = (line: string): void => void log.write(`[chaos] ${new Date().toISOString()} ${line}\n`);
  const gatewayPort = await freePort();
  const bosta = { apiKey: opts.simKey, webhookSecret: secret('webhook-secret'), adminKey: secret('chaos-admin-key') };
  const sim = await startSimulator({
    seed: 2026, deliveries: 0, keys: [{ key: bosta.apiKey, scope: 'full' }], speed: 1,
    webhook: { url: `http://127.0.0.1:${gatewayPort}/webhooks/bosta`, headers: { [WEBHOOK_HEADER]: bosta.webhookSecret } },
  });
  const plans = await withPorts(planServices(await readServicePackages(opts.root), process.env).filter((p) => p.name !== SIMULATOR), gatewayPort);
  const shared = {
    ...opts.env, BOSTA_BASE_URL: sim.apiBase, BOSTA_API_KEY: bosta.apiKey, BOSTA_WEBHOOK_SECRET: bosta.webhookSecret, BOSTA_WEBHOOK_HEADER: WEBHOOK_HEADER,
    SYNC_INCREMENTAL_EVERY_MS: String(opts.syncEveryMs), SYNC_OVERLAP_MS: '30000', SYNC_FULL_ON_FIRST_START: 'true',
  };
  const gatewayEnv = { HVAR_ADMIN_API_KEY: bosta.adminKey, COMMAND_WAIT_MS: '5000', RATE_LIMIT_PER_MINUTE: '10000000' };
  const urls = { databaseUrl: opts.env.DATABASE_URL, redisUrl: opts.env.REDIS_URL };
  const supervisor = startSupervisor({
    services: plans.map((plan) => ({
      name: plan.name,
      launch: launchScript(plan.startScript, plan.dir, opts.root, [CHILD_GUARD]),
      env: { ...serviceEnv(plan, urls, process.env), ...shared, ...(plan.isGateway ? gatewayEnv : {}) },
    })),
    env: process.env,
    log: note,
    color: false,
    // A service SIGKILLed after this long up restarts after 1 s: random kills are not a crash loop.
    healthyAfterMs: HEALTHY_AFTER_MS,
    output: { stdout: log, stderr: log },
  });
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const stop = async (): Promise<void> => {
    await supervisor.stop();
    await sim.close();
    await closeLog(log);
  };
  try {
    opts.say(`starting ${plans.map((p) => p.name).join(', ')} under the supervisor (logs: ${path.relative(opts.root, opts.logFile)})`);
    await Promise.all(plans.map((plan) => waitHttp(`http://127.0.0.1:${plan.port}/readyz`, READY_TIMEOUT_MS)));
    const keys = await roleKeys(gatewayUrl, bosta.adminKey);
    return { sim, gatewayUrl, supervisor, keys, note, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Free ports for every service (a developer's `npm start` may hold the default ones); the gateway's is fixed for the simulator's webhook. */
async function withPorts(plans: ServicePlan[], gatewayPort: number): Promise<ServicePlan[]> {
  const out: ServicePlan[] = [];
  for (const plan of plans) out.push({ ...plan, port: plan.isGateway ? gatewayPort : await freePort() });
  return out;
}

async function roleKeys(gatewayUrl: string, adminKey: string): Promise<Record<Role, string>> {
  const keys = { agent: '', hub_agent: '', team_leader: '', technician: '' } satisfies Record<Role, string>;
  for (const role of Object.keys(keys) as Role[]) {
    const res = await fetch(`${gatewayUrl}/api/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `chaos ${role}`, role }),
    });
    if (res.status !== 201) throw new Error(`could not create the ${role} key: ${res.status} ${await res.text()}`);
    keys[role] = ((await res.json()) as { key: string }).key;
  }
  return keys;
}

function closeLog(log: WriteStream): Promise<void> {
  return new Promise((resolve) => log.end(resolve));
}

/** SIGKILLs one random running service every `everyMs` (±50 %; 0: never), counting the kills per service. */
export function startKiller(stack: ChaosStack, everyMs: number): { kills: Record<string, number>; total(): number; stop(): void } {
  const kills: Record<string, number> = {};
  let stopped = false;
  const loop = async (): Promise<void> => {
    while (!stopped) {
      await sleep(Math.round(everyMs * (0.5 + Math.random())));
      if (stopped) break;
      const running = stack.supervisor.running();
      const victim = running[Math.floor(Math.random() * running.length)];
      if (!victim) continue;
      try {
        process.kill(victim.pid, 'SIGKILL');
        kills[victim.name] = (kills[victim.name] ?? 0) + 1;
        stack.note(`SIGKILL ${victim.name} (pid ${victim.pid})`);
      } catch {
        // It exited on its own meanwhile.
      }
    }
  };
  if (everyMs > 0) void loop();
  return { kills, total: () => Object.values(kills).reduce((a, b) => a + b, 0), stop: () => void (stopped = true) };
}
