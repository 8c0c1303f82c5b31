import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { call, createBody } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'bosta-sim-'));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

/** Runs `npm start`'s entry with env; resolves with the URL from the "listening" log line. */
async function start(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(import.meta.dirname, '..'),
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', SIM_PORT: '0', SIM_SPEED: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('simulator did not start')), 20_000);
    lines.on('line', (line) => {
      const parsed = JSON.parse(line) as { msg?: string; url?: string };
      if (parsed.msg === 'bosta simulator listening' && parsed.url) {
        clearTimeout(timer);
        resolve(parsed.url);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  return { child, url };
}

const exited = (child: ChildProcess): Promise<number | null> => new Promise((resolve) => child.once('exit', (code) => resolve(code)));

describe('main (npm start)', () => {
  it('refuses to start without SIM_API_KEY, naming it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: join(import.meta.dirname, '..'), env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    expect(await exited(child)).toBe(1);
    expect(err).toContain('SIM_API_KEY');
  });

  it('serves, shuts down on SIGTERM writing the state file, and restores API deliveries and the clock', async () => {
    const stateFile = join(dir, 'state.json');
    const env = { SIM_API_KEY: 'main-test-key-1', SIM_DELIVERIES: '200', SIM_SEED: '5', SIM_STATE_FILE: stateFile };
    const first = await start(env);
    expect((await call(`${first.url}/healthz`)).body).toMatchObject({ status: 'ok', service: 'bosta-sim' });
    expect((await call(`${first.url}/readyz`)).status).toBe(200);
    const created = await call<{ data: { trackingNumber: string } }>(`${first.url}/api/v2/deliveries`, { key: 'main-test-key-1', body: createBody(10, 'PERSIST-1') });
    const tn = created.body.data.trackingNumber;
    await call(`${first.url}/__sim/advance`, { body: { days: 2 } });
    const before = await call<{ state: { code: number }; updatedAt: string }>(`${first.url}/__sim/deliveries/${tn}`);
    const statsBefore = await call<{ now: string; deliveries: number }>(`${first.url}/__sim/stats`);
    first.child.kill('SIGTERM');
    expect(await exited(first.child)).toBe(0);
    expect(existsSync(stateFile)).toBe(true);
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ version: 1, seed: 5 });

    const second = await start(env);
    const after = await call<{ state: { code: number }; updatedAt: string }>(`${second.url}/__sim/deliveries/${tn}`);
    expect(after.body).toEqual(before.body);
    const statsAfter = await call<{ now: string; deliveries: number }>(`${second.url}/__sim/stats`);
    expect(statsAfter.body.deliveries).toBe(statsBefore.body.deliveries);
    expect(Date.parse(statsAfter.body.now)).toBeGreaterThanOrEqual(Date.parse(statsBefore.body.now));
    const again = await call<{ errorCode: number }>(`${second.url}/api/v2/deliveries`, { key: 'main-test-key-1', body: createBody(10, 'PERSIST-1') });
    expect(again.body.errorCode).toBe(1079);
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
  });
});
