import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSimulatorSecrets, wireBosta } from './bosta.js';
import type { ServicePlan } from './services.js';

function plan(name: string, port: number): ServicePlan {
  return { name, dir: `/repo/services/${name}`, packageName: `@hvar/${name}`, startScript: 'tsx src/main.ts', migrateScript: undefined, isGateway: name === 'gateway', port };
}
const plans = [plan('sync', 8102), plan('bosta-sim', 8101), plan('gateway', 8080)];
const secrets = { apiKey: 'k'.repeat(48), webhookSecret: 's'.repeat(48), demoPassword: 'demo-0123456789ab' };

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
    // With the demo data come demo users of every role, for the gateway only.
    expect(wiring.gatewayEnv).toEqual({ DEMO_USERS_PASSWORD: secrets.demoPassword });
    expect(wiring.lines.join('\n')).toContain('agent@demo.hvar.local');
  });

  it('with BOSTA_BASE_URL leaves the simulator out and passes nothing of its own', () => {
    const wiring = wireBosta(plans, { BOSTA_BASE_URL: 'https://app.bosta.co/api/v2' }, secrets);
    expect(wiring.plans.map((p) => p.name)).toEqual(['sync', 'gateway']);
    expect(wiring.sharedEnv).toEqual({});
    expect(wiring.gatewayEnv).toEqual({});
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
    expect(first.demoPassword).toMatch(/^demo-[0-9a-f]{12}$/);
  });

  it('adds a missing demo password to an older secrets file and keeps its keys', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'hvar-sim-')), 'secrets.json');
    await writeFile(file, JSON.stringify({ apiKey: 'a'.repeat(48), webhookSecret: 'b'.repeat(48) }));
    const loaded = await loadSimulatorSecrets(file);
    expect(loaded).toMatchObject({ apiKey: 'a'.repeat(48), webhookSecret: 'b'.repeat(48) });
    expect(loaded.demoPassword).toMatch(/^demo-/);
    expect(await loadSimulatorSecrets(file)).toEqual(loaded);
  });
});
