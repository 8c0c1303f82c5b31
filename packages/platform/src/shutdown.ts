import type { Logger } from './logger.js';

/**
 * Shutdown phases, run in this order: stop intake (HTTP servers, workers — in-flight jobs finish),
 * then producers and queue event listeners, then Redis, then Postgres, then telemetry (last, so the
 * spans of the shutdown itself are exported).
 */
export const SHUTDOWN_PHASES = ['intake', 'producers', 'redis', 'postgres', 'telemetry'] as const;
export type ShutdownPhase = (typeof SHUTDOWN_PHASES)[number];

/** One ordered shutdown for a process. */
export interface Shutdown {
  /** Registers a step; steps of one phase run in parallel. */
  add(phase: ShutdownPhase, name: string, step: () => Promise<unknown>): void;
  /** Runs every step once, in order, under the deadline. Resolves true when all went well. */
  run(reason: string): Promise<boolean>;
  /** SIGTERM/SIGINT run the shutdown then exit (0 clean, 1 otherwise); a second signal exits 1 at once. */
  installSignalHandlers(): void;
}

/** Creates the shutdown routine of one process. */
export function createShutdown(opts: { deadlineMs: number; log: Logger; exit?: (code: number) => void }): Shutdown {
  const steps: { phase: ShutdownPhase; name: string; step: () => Promise<unknown> }[] = [];
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let running: Promise<boolean> | undefined;

  const runSteps = async (): Promise<boolean> => {
    let ok = true;
    for (const phase of SHUTDOWN_PHASES) {
      // Each step runs in its own promise: one that throws synchronously fails alone, like a rejection.
      const results = await Promise.allSettled(steps.filter((s) => s.phase === phase).map(async (s) => s.step()));
      results.forEach((r, i) => {
        if (r.status === 'rejected') {
          ok = false;
          const name = steps.filter((s) => s.phase === phase)[i]?.name;
          opts.log.error({ err: r.reason as unknown, step: name, phase }, 'shutdown step failed');
        }
      });
    }
    return ok;
  };

  const run = (reason: string): Promise<boolean> => {
    running ??= (async () => {
      opts.log.info({ reason }, 'shutting down');
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => {
          opts.log.error({ deadlineMs: opts.deadlineMs }, 'shutdown deadline reached');
          resolve(false);
        }, opts.deadlineMs);
        timer.unref();
      });
      const ok = await Promise.race([runSteps(), deadline]);
      clearTimeout(timer);
      if (ok) opts.log.info('shutdown complete');
      return ok;
    })();
    return running;
  };

  const onSignal = (signal: string): void => {
    if (running) {
      opts.log.error({ signal }, 'second signal during shutdown, exiting now');
      exit(1);
      return;
    }
    void run(signal).then((ok) => exit(ok ? 0 : 1));
  };

  const onCrash = (err: unknown): void => {
    opts.log.fatal({ err }, 'uncaught error, shutting down');
    void run('crash').then(() => exit(1));
  };

  return {
    add: (phase, name, step) => steps.push({ phase, name, step }),
    run,
    installSignalHandlers() {
      process.on('SIGTERM', () => onSignal('SIGTERM'));
      process.on('SIGINT', () => onSignal('SIGINT'));
      process.on('uncaughtException', onCrash);
      process.on('unhandledRejection', onCrash);
      // Under the local supervisor: die with it rather than linger as an orphan.
      process.on('disconnect', () => onSignal('supervisor-gone'));
    },
  };
}
