import { seconds } from './format.js';
import { withDeadline, type Log } from './proc.js';

/** Anything the stack started and must stop again. */
export interface Stoppable {
  stop(): Promise<void>;
  kill(): void;
}

/** Default deadline for the whole ordered shutdown. */
export const SHUTDOWN_DEADLINE_MS = 30_000;

/** A `[hvar]`-prefixed logger for the stack's own messages. */
export function createLog(label = 'hvar'): Log {
  const prefix = process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[1m[${label}]\x1b[0m` : `[${label}]`;
  return (message) => void process.stdout.write(`${prefix} ${message}\n`);
}

/**
 * What was started, stopped in reverse order (services, then Redis, then PostgreSQL) under one
 * deadline. Things are added as soon as they run, so a failure or Ctrl-C half-way stops only those.
 */
export class StopStack {
  private readonly items: { name: string; item: Stoppable }[] = [];

  constructor(private readonly log: Log) {}

  /** Registers something to stop later. */
  push(name: string, item: Stoppable): void {
    this.items.push({ name, item });
  }

  /** Stops everything in reverse order; resolves to the exit code (1 if anything failed or the deadline passed). */
  async stopAll(deadlineMs = SHUTDOWN_DEADLINE_MS): Promise<number> {
    const started = Date.now();
    try {
      await withDeadline(this.stopInOrder(), deadlineMs, 'shutdown');
      this.log(`stopped in ${seconds(Date.now() - started)}`);
      return 0;
    } catch (err) {
      this.log(`shutdown problem: ${(err as Error).message}; killing what is left`);
      this.kill();
      return 1;
    }
  }

  /** Kills everything at once without waiting (second Ctrl-C, deadline passed). */
  kill(): void {
    for (const { item } of this.items) item.kill();
  }

  private async stopInOrder(): Promise<void> {
    let failed: Error | undefined;
    for (const { name, item } of [...this.items].reverse()) {
      try {
        await item.stop();
      } catch (err) {
        this.log(`stopping ${name} failed: ${(err as Error).message}`);
        failed ??= err instanceof Error ? err : new Error(String(err));
      }
    }
    if (failed) throw failed;
  }
}

/**
 * First SIGINT/SIGTERM/SIGHUP (or the bootstrap parent going away, which closes our IPC channel)
 * aborts `controller`; a second one calls `force` and exits 1 at once.
 */
export function onShutdownRequest(controller: AbortController, log: Log, force: () => void): void {
  let requests = 0;
  const request = (reason: string): void => {
    requests += 1;
    if (requests === 1) {
      log(`${reason}: stopping (press Ctrl-C again to force)`);
      controller.abort(new Error(reason));
      return;
    }
    log(`${reason} again: forcing exit`);
    force();
    process.exit(1);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => request(sig));
  if (process.channel) {
    process.channel.unref();
    process.once('disconnect', () => request('parent process exited'));
  }
}

/** Output to a closed terminal or pipe must not crash a shutdown in progress. */
export function ignoreBrokenOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'EIO') throw err;
    });
  }
}

/** Resolves once `signal` is aborted, keeping the process alive meanwhile (signal listeners do not). */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  const keepAlive = setInterval(() => undefined, 1 << 30);
  return new Promise((resolve) => {
    signal.addEventListener(
      'abort',
      () => {
        clearInterval(keepAlive);
        resolve();
      },
      { once: true },
    );
  });
}
