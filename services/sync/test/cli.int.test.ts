import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { spawnScript, type ScriptProcess } from '@hvar/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from './harness.js';
import { startSyncStack, type SyncStack } from './sync-stack.js';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const CLI = fileURLToPath(new URL('../src/cli/sync.ts', import.meta.url));
let stack: SyncStack;
let service: ScriptProcess;

beforeAll(async () => {
  stack = await startSyncStack({ deliveries: 600, worker: false, seed: 3 });
  service = spawnScript(MAIN, {
    DATABASE_URL: stack.infra.env.databaseUrl, REDIS_URL: stack.infra.env.redisUrl, QUEUE_PREFIX: stack.infra.prefix,
    BOSTA_BASE_URL: stack.sim.apiBase, BOSTA_API_KEY: stack.apiKey, INTERNAL_PORT: '0', LOG_LEVEL: 'silent',
    SYNC_PAGE_SIZE: '100', SYNC_FULL_ON_FIRST_START: 'false',
  });
}, 60_000);
afterAll(async () => {
  await service?.kill();
  await stack?.close();
});

function runCli(args: string[]): Promise<{ code: number | null; out: string }> {
  const env = { ...process.env, DATABASE_URL: stack.infra.env.databaseUrl, REDIS_URL: stack.infra.env.redisUrl, QUEUE_PREFIX: stack.infra.prefix };
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

describe('npm run sync (CLI)', () => {
  it('runs a full sync through the queue and reports progress until it completes', async () => {
    const { code, out } = await runCli(['--full']);
    expect(out).toMatch(/full sync run [0-9a-f-]{36} \(queued/);
    expect(out, out).toMatch(/full sync completed: 6\/6 pages, 600 deliveries \(600 written, 0 quarantined\)/);
    expect(code).toBe(0);
    expect(await count(stack.database, 'select count(*) n from sync.orders')).toBe(600);
  }, 60_000);

  it('rejects a call without exactly one mode', async () => {
    const { code, out } = await runCli(['--full', '--incremental']);
    expect(code).toBe(2);
    expect(out).toMatch(/usage: npm run sync/);
  }, 30_000);
});
