import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Real service processes for end-to-end tests and benchmarks: each service's own `src/main.ts` in its
 * own Node process, configured through the environment exactly as the supervisor does.
 */

/** A port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls `url` until it answers 2xx. */
export async function waitHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

/** A service running in a child process on its own internal port. */
export interface ServiceProcess {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** SIGTERM (graceful shutdown), SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/** Options of `startServiceProcess`. */
export interface ServiceProcessOptions {
  /** Repository root (the cwd of the child). */
  root: string;
  /** Entry file relative to `root`, e.g. `services/sync/src/main.ts`. */
  entry: string;
  env: Record<string, string>;
  /** Extra Node flags (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  readyTimeoutMs?: number;
  /** Environment variable that receives the port (default `INTERNAL_PORT`; the gateway listens on `PORT`). */
  portVariable?: string;
  /** Called when the process exits before `stop()` was asked for. */
  onUnexpectedExit?: (name: string, code: number | null, signal: NodeJS.Signals | null) => void;
}

/** Starts a service's `main.ts` under tsx on a free internal port and waits for its `/readyz`. */
export async function startServiceProcess(name: string, opts: ServiceProcessOptions): Promise<ServiceProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', opts.entry], {
    cwd: opts.root,
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', INTERNAL_HOST: '127.0.0.1', ...opts.env, [opts.portVariable ?? 'INTERNAL_PORT']: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let stopping = false;
  // A test run or benchmark that ends any way at all takes its services with it (no orphans).
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      process.off('exit', killOnExit);
      if (!stopping) opts.onUnexpectedExit?.(name, code, signal);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const handle: ServiceProcess = {
    name,
    port,
    url,
    child,
    async stop(graceMs = 10_000) {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  try {
    await Promise.race([
      waitHttp(`${url}/readyz`, opts.readyTimeoutMs ?? 60_000),
      exited.then(() => {
        throw new Error(`${name} exited before it was ready`);
      }),
    ]);
  } catch (err) {
    await handle.stop(1_000);
    throw err;
  }
  return handle;
}
