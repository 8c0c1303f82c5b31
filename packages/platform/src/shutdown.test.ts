import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { createShutdown, SHUTDOWN_PHASES, type ShutdownPhase } from './shutdown.js';

/** A shutdown whose log lines are kept, to check what it reported. */
function setup(deadlineMs = 2_000) {
  const logged: { level: number; msg: string; step?: string }[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logged.push(JSON.parse(chunk.toString()) as { level: number; msg: string; step?: string });
      cb();
    },
  });
  const log = createLogger({ service: 'shutdown-test', destination });
  return { shutdown: createShutdown({ deadlineMs, log, exit: () => undefined }), logged };
}

/** A promise resolved from outside, to hold a step open. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('shutdown', () => {
  it('runs the phases in order: intake, producers, redis, postgres, telemetry', async () => {
    const { shutdown } = setup();
    const order: string[] = [];
    // Registered in reverse on purpose: the phase decides, not the order of registration.
    for (const phase of [...SHUTDOWN_PHASES].reverse()) {
      shutdown.add(phase, phase, async () => {
        await Promise.resolve();
        order.push(phase);
      });
    }
    expect(await shutdown.run('test')).toBe(true);
    expect(order).toEqual(['intake', 'producers', 'redis', 'postgres', 'telemetry']);
  });

  it('runs the steps of one phase in parallel, and the next phase only after all of them', async () => {
    const { shutdown } = setup();
    const events: string[] = [];
    const first = gate();
    const second = gate();
    shutdown.add('intake', 'http', async () => {
      events.push('http started');
      await first.promise;
      events.push('http done');
    });
    shutdown.add('intake', 'worker', async () => {
      events.push('worker started');
      // Both started before either finished: they run side by side.
      first.open();
      await second.promise;
      events.push('worker done');
    });
    shutdown.add('redis', 'redis', async () => {
      events.push('redis');
      await Promise.resolve();
    });
    const done = shutdown.run('test');
    await first.promise;
    second.open();
    expect(await done).toBe(true);
    expect(events.slice(0, 2)).toEqual(['http started', 'worker started']);
    expect(events.at(-1)).toBe('redis');
  });

  it('runs each step once however often run() is called, and returns the same result', async () => {
    const { shutdown } = setup();
    let calls = 0;
    shutdown.add('postgres', 'pool', async () => {
      calls += 1;
      await Promise.resolve();
    });
    const [a, b] = await Promise.all([shutdown.run('SIGTERM'), shutdown.run('SIGINT')]);
    const c = await shutdown.run('again');
    expect([a, b, c]).toEqual([true, true, true]);
    expect(calls).toBe(1);
  });

  it('resolves false when the deadline passes, without waiting for the stuck step', async () => {
    const { shutdown, logged } = setup(50);
    const stuck = gate();
    let telemetryClosed = false;
    shutdown.add('intake', 'stuck worker', () => stuck.promise);
    shutdown.add('telemetry', 'telemetry', async () => {
      telemetryClosed = true;
      await Promise.resolve();
    });
    const started = Date.now();
    expect(await shutdown.run('test')).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(telemetryClosed).toBe(false);
    expect(logged.map((l) => l.msg)).toContain('shutdown deadline reached');
    stuck.open();
  });

  it.each([
    ['rejects', (): Promise<unknown> => Promise.reject(new Error('boom'))],
    [
      'throws synchronously',
      (): Promise<unknown> => {
        throw new Error('boom');
      },
    ],
  ])('a step that %s makes run() false, but later phases still run', async (_label, failing) => {
    const { shutdown, logged } = setup();
    const ran: ShutdownPhase[] = [];
    shutdown.add('producers', 'bad producer', failing);
    for (const phase of ['producers', 'redis', 'postgres', 'telemetry'] as const) {
      shutdown.add(phase, phase, async () => {
        await Promise.resolve();
        ran.push(phase);
      });
    }
    expect(await shutdown.run('test')).toBe(false);
    expect(ran).toEqual(['producers', 'redis', 'postgres', 'telemetry']);
    expect(logged.find((l) => l.msg === 'shutdown step failed')?.step).toBe('bad producer');
  });
});
