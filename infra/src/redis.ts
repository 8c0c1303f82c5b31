import { spawn } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import { acceptsConnections, aptInstall, capture, commandLineOf, externalHandle, isAlive, once, readPidFile, signal, tail, waitForExit, waitUntil, which, type InfraHandle, type Log } from './proc.js';

/** Where to run Redis. */
export interface RedisOptions {
  /** AOF, pid file and log live here. */
  dataDir: string;
  port: number;
  log: Log;
  env?: NodeJS.ProcessEnv;
}

/** Pinned so a Docker-run Redis matches docker-compose.yml. */
export const REDIS_IMAGE = 'redis:7.4.2-alpine';

/** BullMQ needs every key kept (noeviction) and jobs must survive a restart (AOF). */
const DURABILITY_FLAGS = ['--appendonly', 'yes', '--maxmemory-policy', 'noeviction'];
const READY_TIMEOUT_MS = 15_000;

/** `REDIS_URL` if set (PING checked), else a local `redis-server` (installed if allowed) or a Docker container. */
export async function ensureRedis(options: RedisOptions): Promise<InfraHandle> {
  const external = (options.env ?? process.env).REDIS_URL;
  if (external) {
    await ping(external);
    options.log('Redis: using REDIS_URL');
    return externalHandle(external);
  }
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const server = (await which('redis-server')) ?? (await installRedis(options.log));
  if (server) return startLocal(server, { ...options, dataDir });
  if ((await capture('docker', ['info'])).code === 0) return startDocker({ ...options, dataDir });
  throw new Error(
    'no Redis available. Either set REDIS_URL to a running Redis (6.2+), install redis-server ' +
      '(e.g. `apt-get install redis-server`, `brew install redis`), or run a Docker engine.',
  );
}

/** Sends one command on a short-lived connection and returns the reply. */
export async function redisCommand(url: string, command: string, ...args: string[]): Promise<unknown> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null, connectTimeout: 2_000, disconnectTimeout: 100 });
  // ioredis rejects with a vague "Connection is closed"; the cause arrives as an 'error' event.
  let cause: Error | undefined;
  client.on('error', (err: Error) => (cause ??= err));
  try {
    await client.connect();
    return await client.call(command, ...args);
  } catch (err) {
    throw cause ?? err;
  } finally {
    client.disconnect();
  }
}

/** Throws with the reason unless the server answers PING. */
export async function ping(url: string): Promise<void> {
  try {
    await redisCommand(url, 'PING');
  } catch (err) {
    throw new Error(`cannot reach Redis: ${(err as Error).message}`, { cause: err });
  }
}

/** Probes the port first: a refused ioredis connection leaves a 2 s timer behind, delaying our exit. */
async function answersPing(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  if (!(await acceptsConnections(hostname, Number(port)))) return false;
  return redisCommand(url, 'PING').then(
    () => true,
    () => false,
  );
}

/** Installs redis-server through apt when we may (root, or password-less sudo); returns its path. */
async function installRedis(log: Log): Promise<string | undefined> {
  if (!(await aptInstall(['redis-server'], 'Redis: redis-server not found', log))) return undefined;
  return which('redis-server');
}

/**
 * Runs redis-server in its own process group (a terminal Ctrl-C must not stop it before the
 * services), logging to a file and leaving a pid file so a later run can find it if we are killed.
 */
async function startLocal(server: string, options: RedisOptions): Promise<InfraHandle> {
  const pidFile = path.join(options.dataDir, 'redis-server.pid');
  const logFile = path.join(options.dataDir, 'redis-server.log');
  await stopLeftover(pidFile, options.dataDir, options.log);
  if (await acceptsConnections('127.0.0.1', options.port)) throw new Error(`port ${options.port} is already in use by another program; set HVAR_REDIS_PORT / HVAR_TEST_REDIS_PORT to a free one`);
  const args = ['--bind', '127.0.0.1', '--port', String(options.port), '--dir', options.dataDir, ...DURABILITY_FLAGS, '--save', '', '--daemonize', 'no', '--pidfile', pidFile, '--logfile', logFile];
  const child = spawn(server, args, { detached: true, stdio: 'ignore' });
  child.unref();
  const url = `redis://127.0.0.1:${options.port}`;
  let exited = false;
  child.once('exit', () => (exited = true));
  const ready = await waitUntil(async () => exited || (await answersPing(url)), READY_TIMEOUT_MS, 50);
  const pid = child.pid;
  if (!ready || exited || pid === undefined) {
    if (pid !== undefined) signal(pid, 'SIGKILL');
    throw new Error(`redis-server did not start on port ${options.port}:\n${await tail(logFile)}`);
  }
  return { url, stop: once(() => shutdownLocal(url, pid)), kill: () => signal(pid, 'SIGKILL') };
}

/** A redis-server of a previous run (its pid file in our data dir) is shut down before we start. */
async function stopLeftover(pidFile: string, dataDir: string, log: Log): Promise<void> {
  const pid = await readPidFile(pidFile);
  if (pid === undefined) return;
  const command = isAlive(pid) ? await commandLineOf(pid) : undefined;
  if (command?.includes('redis-server')) {
    log(`Redis: a server from a previous run (pid ${pid}) is still running on ${dataDir}; stopping it`);
    // SIGTERM is Redis's graceful shutdown (AOF flushed), the same as SHUTDOWN.
    signal(pid, 'SIGTERM');
    if (!(await waitForExit(pid, 10_000))) signal(pid, 'SIGKILL');
  } else {
    log(`Redis: removing the stale pid file of a previous run (pid ${pid} is gone)`);
  }
  await rm(pidFile, { force: true });
}

/** SHUTDOWN (AOF flushed; no RDB since saving is off), then wait for the process to be gone. */
async function shutdownLocal(url: string, pid: number): Promise<void> {
  // The server closes the connection instead of replying, so the command "fails" on success.
  await redisCommand(url, 'SHUTDOWN').catch(() => signal(pid, 'SIGTERM'));
  if (await waitForExit(pid, 10_000)) return;
  signal(pid, 'SIGKILL');
  await waitForExit(pid, 2_000);
}

/** Last resort: a pinned Redis container, named per port so a leftover one is replaced. */
async function startDocker(options: RedisOptions): Promise<InfraHandle> {
  const name = `hvar-redis-${options.port}`;
  options.log(`Redis: starting Docker container ${name} (${REDIS_IMAGE})`);
  await capture('docker', ['rm', '-f', name]);
  const args = ['run', '-d', '--rm', '--name', name, '-p', `127.0.0.1:${options.port}:6379`, '-v', `${options.dataDir}:/data`, REDIS_IMAGE, ...DURABILITY_FLAGS];
  const result = await capture('docker', args);
  if (result.code !== 0) throw new Error(`docker run ${REDIS_IMAGE} failed: ${result.stderr.trim()}`);
  const url = `redis://127.0.0.1:${options.port}`;
  const stopContainer = once(async () => void (await capture('docker', ['stop', '-t', '10', name])));
  if (!(await waitUntil(() => answersPing(url), 60_000, 250))) {
    await stopContainer();
    throw new Error(`Redis container ${name} did not answer PING`);
  }
  return { url, stop: stopContainer, kill: () => void spawn('docker', ['kill', name], { stdio: 'ignore' }).unref() };
}
