import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ServicePlan } from './services.js';

/** The service directory of the Bosta simulator. */
export const SIMULATOR = 'bosta-sim';
const WEBHOOK_HEADER = 'X-Bosta-Secret';

/** Secrets the local simulator and the services share; generated once, kept in `.data/`. */
export interface SimulatorSecrets {
  apiKey: string;
  webhookSecret: string;
  /** Password of the demo console users (one per role), so the demo can be tried in every role. */
  demoPassword: string;
}

/** The demo console users the gateway creates with the demo data (see its bootstrap-admin.ts). */
const DEMO_LOGINS = ['agent', 'hub-agent', 'team-leader', 'technician', 'viewer'].map((r) => `${r}@demo.hvar.local`);

/** How the local stack talks to Bosta: the real API (settings given) or the simulator. */
export interface BostaWiring {
  plans: ServicePlan[];
  /** Added to every service's environment. */
  sharedEnv: Record<string, string>;
  /** Added to the simulator's environment only. */
  simulatorEnv: Record<string, string>;
  /** Added to the gateway's environment only (the demo users' password with the demo data). */
  gatewayEnv: Record<string, string>;
  /** Lines for the "ready" box. */
  lines: string[];
}

/**
 * Real Bosta when `BOSTA_BASE_URL` is set (its key or login and webhook secret come from the
 * environment as given); otherwise the simulator runs with demo data and every service points at it.
 */
export function wireBosta(plans: readonly ServicePlan[], env: NodeJS.ProcessEnv, secrets: SimulatorSecrets): BostaWiring {
  const simulator = plans.find((plan) => plan.name === SIMULATOR);
  const others = plans.filter((plan) => plan.name !== SIMULATOR);
  if (env.BOSTA_BASE_URL || !simulator) {
    const lines = env.BOSTA_BASE_URL ? [`Bosta         ${env.BOSTA_BASE_URL} (real API)`] : [];
    return { plans: others, sharedEnv: {}, simulatorEnv: {}, gatewayEnv: {}, lines };
  }
  const gateway = plans.find((plan) => plan.isGateway);
  const simUrl = `http://127.0.0.1:${simulator.port}`;
  const header = env.BOSTA_WEBHOOK_HEADER ?? WEBHOOK_HEADER;
  const sharedEnv = {
    BOSTA_BASE_URL: `${simUrl}/api/v2`,
    BOSTA_API_KEY: secrets.apiKey,
    BOSTA_WEBHOOK_SECRET: secrets.webhookSecret,
    BOSTA_WEBHOOK_HEADER: header,
  };
  const simulatorEnv: Record<string, string> = {
    SIM_API_KEY: secrets.apiKey,
    SIM_WEBHOOK_HEADER: header,
    SIM_WEBHOOK_SECRET: secrets.webhookSecret,
    // Absolute: the simulator runs in its own directory, the data lives under the repository's .data.
    SIM_STATE_FILE: path.resolve(env.SIM_STATE_FILE ?? path.join('.data', 'bosta-sim', 'state.json')),
  };
  if (gateway) simulatorEnv.SIM_WEBHOOK_URL = `http://127.0.0.1:${gateway.port}/webhooks/bosta`;
  return {
    plans: [simulator, ...others],
    sharedEnv,
    simulatorEnv,
    gatewayEnv: { DEMO_USERS_PASSWORD: secrets.demoPassword },
    lines: [
      `Bosta         simulator at ${simUrl}/api/v2 (demo data; ground truth at ${simUrl}/__sim/stats)`,
      `Demo logins   ${DEMO_LOGINS.join(', ')}`,
      `              password ${secrets.demoPassword}`,
    ],
  };
}

/** Reads the simulator's secrets from `file`, creating the missing ones on first use. */
export async function loadSimulatorSecrets(file: string): Promise<SimulatorSecrets> {
  const saved: Partial<SimulatorSecrets> = existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as Partial<SimulatorSecrets>) : {};
  const valid = (v: unknown): v is string => typeof v === 'string' && v.length >= 12;
  if (valid(saved.apiKey) && valid(saved.webhookSecret) && valid(saved.demoPassword)) {
    return { apiKey: saved.apiKey, webhookSecret: saved.webhookSecret, demoPassword: saved.demoPassword };
  }
  const secrets: SimulatorSecrets = {
    apiKey: valid(saved.apiKey) ? saved.apiKey : randomBytes(24).toString('hex'),
    webhookSecret: valid(saved.webhookSecret) ? saved.webhookSecret : randomBytes(24).toString('hex'),
    demoPassword: valid(saved.demoPassword) ? saved.demoPassword : `demo-${randomBytes(6).toString('hex')}`,
  };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
