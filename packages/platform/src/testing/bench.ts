import { fileURLToPath } from 'node:url';
import { startServiceProcess, type ServiceProcess } from './services.js';

/** What a benchmark script run through `npm run bench:<name>` (infra/src/bench.ts) shares. */
export interface BenchKit {
  /** Repository root. */
  root: string;
  /** DATABASE_URL, REDIS_URL and QUEUE_PREFIX from the bench runner. */
  env: { DATABASE_URL: string; REDIS_URL: string; QUEUE_PREFIX: string };
  /** Prints one line prefixed with the benchmark's name. */
  say: (line: string) => void;
  /**
   * Starts a service's `main.ts` with the benchmark's environment plus `extra` (BENCH_NODE_ARGS, e.g.
   * "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles it); it is stopped by `stopAll`.
   */
  startService: (name: string, entry: string, extra: Record<string, string>, readyTimeoutMs?: number) => Promise<ServiceProcess>;
  /** The services started so far. */
  services: ServiceProcess[];
  stopAll: () => Promise<void>;
}

/**
 * Sets up a benchmark script: reads the runner's environment, and makes SIGINT/SIGTERM exit the
 * process so the service processes it started are killed with it (see `startServiceProcess`).
 */
export function benchKit(name: string): BenchKit {
  const need = (variable: string): string => {
    const value = process.env[variable];
    if (!value) throw new Error(`${variable} is required (run through \`npm run bench:${name}\`)`);
    return value;
  };
  const env = { DATABASE_URL: need('DATABASE_URL'), REDIS_URL: need('REDIS_URL'), QUEUE_PREFIX: process.env.QUEUE_PREFIX ?? 'hvar-bench' };
  const root = fileURLToPath(new URL('../../../../', import.meta.url));
  const say = (line: string): void => {
    process.stdout.write(`[bench:${name}] ${line}\n`);
  };
  const services: ServiceProcess[] = [];
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  return {
    root,
    env,
    say,
    services,
    startService: async (service, entry, extra, readyTimeoutMs = 60_000) => {
      const started = await startServiceProcess(service, {
        root,
        entry,
        env: { ...env, ...extra },
        nodeArgs: (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
        readyTimeoutMs,
        onUnexpectedExit: (n, code, signal) => say(`${n} exited unexpectedly (${code ?? signal})`),
      });
      services.push(started);
      return started;
    },
    stopAll: async () => {
      await Promise.all(services.map((s) => s.stop()));
    },
  };
}
