import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { waitUntil } from './proc.js';
import { attemptAfterCrash, backoffDelayMs, formatPrefix, HEALTHY_AFTER_MS, lineSplitter, startSupervisor } from './supervisor.js';

describe('restart backoff', () => {
  it('doubles from 1 s and caps at 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map(backoffDelayMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('starts over after a child stayed up long enough', () => {
    expect(attemptAfterCrash(4, HEALTHY_AFTER_MS - 1)).toBe(4);
    expect(attemptAfterCrash(4, HEALTHY_AFTER_MS)).toBe(0);
    expect(attemptAfterCrash(4, 5_000, 5_000)).toBe(0);
    expect(attemptAfterCrash(4, 4_999, 5_000)).toBe(4);
  });
});

describe('output prefixes', () => {
  it('pads names to a common width, coloured only when asked', () => {
    expect(formatPrefix('hub', 7, 0, false)).toBe('[hub]    ');
    expect(formatPrefix('gateway', 7, 0, true)).toBe('\x1b[36m[gateway]\x1b[0m');
  });

  it('splits chunks into whole lines and flushes the rest at the end', () => {
    const lines: string[] = [];
    const splitter = lineSplitter((line) => lines.push(line));
    splitter.push('one\ntw');
    splitter.push('o\r\nthr');
    expect(lines).toEqual(['one', 'two']);
    splitter.end();
    expect(lines).toEqual(['one', 'two', 'thr']);
  });
});

describe('supervised processes', () => {
  it('lists the running services, restarts one killed with SIGKILL, and writes their output where asked', async () => {
    const stdout = new PassThrough();
    let printed = '';
    stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const script = 'console.log("up " + process.pid); setInterval(() => undefined, 1000)';
    const supervisor = startSupervisor({
      services: [{ name: 'idler', launch: { command: process.execPath, args: ['-e', script], cwd: process.cwd(), entry: undefined, binDirs: [] }, env: {} }],
      env: process.env,
      log: () => undefined,
      color: false,
      output: { stdout, stderr: new PassThrough() },
    });
    try {
      expect(await waitUntil(() => printed.includes('up '), 10_000, 20)).toBe(true);
      const [first] = supervisor.running();
      expect(first?.name).toBe('idler');
      process.kill(first?.pid ?? 0, 'SIGKILL');
      const restarted = await waitUntil(() => (supervisor.running()[0]?.pid ?? first?.pid) !== first?.pid, 10_000, 20);
      expect(restarted).toBe(true);
      const second = supervisor.running()[0]?.pid;
      expect(await waitUntil(() => printed.includes(`up ${second}`), 10_000, 20)).toBe(true);
      expect(printed).toContain(`[idler] up ${first?.pid}`);
    } finally {
      await supervisor.stop();
    }
    expect(supervisor.running()).toEqual([]);
  }, 30_000);
});
