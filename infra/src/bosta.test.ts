import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSimulatorSecrets, wireBosta } from './bosta.js';
import type { ServicePlan } from './services.js';

function plan(name: string, port: number): ServicePlan {
  return { name, dir: `/repo/services/${name}`, packageName: `@hvar/${name}`, startScript: 'tsx src/main.ts', migrateScript: undefined, isGateway: name === 'gateway', port };
}
const plans = [plan('sync', 8102), plan('bosta-sim', 8101), plan('gateway', 8080)];
const secrets = { apiKey: 'k'.repeat(48), webhookSecret: 's'.repeat(48) };

describe('wireBosta', () => {
  it('without Bosta settings runs the simulator first and points every service at it', () => {
    const wiring = wireBosta(plans, {}, secrets);
    expect(wiring.plans.map((p) => p.name)).toEqual(['bosta-sim', 'sync', 'gateway']);
    expect(wiring.sharedEnv).toEqual({
      BOSTA_BASE_URL: 'http://127.0.0.1:8101/api/v2',
      BOSTA_API_KEY: secrets.apiKey,
      BOSTA_WEBHOOK_SECRET: secrets.webhookSecret,
      BOSTA_WEBHOOK_HEADER: 'X-Bosta-Secret',
    });
    expect(wiring.simulatorEnv).toMatchObject({
      SIM_API_KEY: secrets.apiKey,
      SIM_WEBHOOK_URL: 'http://127.0.0.1:8080/webhooks/bosta',
      SIM_WEBHOOK_HEADER: 'X-Bosta-Secret',
      SIM_WEBHOOK_SECRET: secrets.webhookSecret,
    });
    // The simulator runs in services/bosta-sim: a relative state file would land (or fail) there.
    expect(wiring.simulatorEnv.SIM_STATE_FILE).toBe(path.resolve('.data', 'bosta-sim', 'state.json'));
  });

  it('with BOSTA_BASE_URL leaves the simulator out and passes nothing of its own', () => {
    const wiring = wireBosta(plans, { BOSTA_BASE_URL: 'https://app.bosta.co/api/v2' }, secrets);
    expect(wiring.plans.map((p) => p.name)).toEqual(['sync', 'gateway']);
    expect(wiring.sharedEnv).toEqual({});
    expect(wiring.lines.join()).toContain('real API');
  });

  it('uses a configured webhook header name for both sides', () => {
    const wiring = wireBosta(plans, { BOSTA_WEBHOOK_HEADER: 'Authorization' }, secrets);
    expect(wiring.sharedEnv.BOSTA_WEBHOOK_HEADER).toBe('Authorization');
    expect(wiring.simulatorEnv.SIM_WEBHOOK_HEADER).toBe('Authorization');
  });
});

describe('loadSimulatorSecrets', () => {
  it('creates secrets once (owner-only file) and returns the same ones afterwards', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'hvar-sim-')), 'nested', 'secrets.json');
    const first = await loadSimulatorSecrets(file);
    expect(first.apiKey).toMatch(/^[0-9a-f]{48}$/);
    expect(first.webhookSecret).not.toBe(first.apiKey);
    expect(await loadSimulatorSecrets(file)).toEqual(first);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(first);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});
