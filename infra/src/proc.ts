import { spawn, type SpawnOptions } from 'node:child_process';
import { constants as fsConstants, readFileSync } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** One line of human-readable progress. */
export type Log = (message: string) => void;

/** What every locally started piece of infrastructure hands back. */
export interface InfraHandle {
  /** Connection URL (carries the password where there is one). */
  url: string;
  /** Graceful, idempotent stop; resolves when the server process is gone. */
  stop(): Promise<void>;
  /** Last resort for a forced exit: signal the server without waiting. */
  kill(): void;
}

/** A handle for a server someone else runs: nothing to stop. */
export function externalHandle(url: string): InfraHandle {
  return { url, stop: () => Promise.resolve(), kill: () => undefined };
}

/** Runs `fn` at most once; later calls share the first promise (makes `stop()` idempotent). */
export function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}

/** True when a process with this pid exists and is not a zombie (signal 0 probes without delivering anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

/**
 * Daemons we start (pg_ctl's postmaster) are reparented to pid 1; in containers whose init reaps
 * late or never, an exited server lingers as a zombie that signal 0 still "finds".
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** Sends a signal, ignoring "no such process" (it may have exited meanwhile). */
export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

/** Polls `check` until it returns true or `timeoutMs` passes; returns whether it succeeded. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(intervalMs);
  }
}

/** Waits for `pid` to exit; returns false if it is still alive after `timeoutMs`. */
export function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  return waitUntil(() => !isAlive(pid), timeoutMs, 50);
}

/** The command line of a running process, or undefined when it cannot be read. */
export async function commandLineOf(pid: number): Promise<string | undefined> {
  try {
    const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0').join(' ').trim();
  } catch {
    // No /proc (macOS): ask ps.
    const result = await capture('ps', ['-o', 'args=', '-p', String(pid)]);
    return result.code === 0 ? result.stdout.trim() : undefined;
  }
}

/** Reads the first line of a pid file as a number. */
export async function readPidFile(file: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await readFile(file, 'utf8')).split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Finds an executable on PATH (plus the sbin directories a non-login root shell may miss). */
export async function which(name: string): Promise<string | undefined> {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/local/bin', '/usr/bin', '/usr/sbin'];
  for (const dir of dirs.filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      await access(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Exit status of a finished child. */
export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Runs a command to completion with the given stdio; never rejects on a non-zero exit. */
export function run(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.once('error', () => resolve({ code: 127, signal: null }));
    child.once('exit', (code, sig) => resolve({ code, signal: sig }));
  });
}

/** Runs a command and collects its output (for short commands such as `pg_ctl` or `docker`). */
export function capture(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<RunResult & { stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', (err) => resolve({ code: 127, signal: null, stdout, stderr: err.message }));
    child.once('close', (code, sig) => resolve({ code, signal: sig, stdout, stderr }));
  });
}

/** The last `lines` lines of a log file, for error messages. */
export async function tail(file: string, lines = 15): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Rejects with a clear message if `promise` does not settle within `ms`. */
export async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000}s`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Reads a positive integer from the environment, or the default. */
export function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/** Whether something accepts TCP connections on host:port. */
export function acceptsConnections(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1_000 });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/**
 * `apt-get install` of `packages` when we may (root, or password-less sudo, and apt exists);
 * false when we may not. Throws when apt fails.
 */
export async function aptInstall(packages: readonly string[], why: string, log: Log): Promise<boolean> {
  const asRoot = process.getuid?.() === 0;
  if (!asRoot && (await capture('sudo', ['-n', 'true'])).code !== 0) return false;
  if (!(await which('apt-get'))) return false;
  log(`${why}; installing ${packages.join(' ')} with apt-get`);
  const prefix = asRoot ? [] : ['sudo', '-n'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages]]) {
    const [command = '', ...rest] = [...prefix, ...args];
    const result = await run(command, rest, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.code !== 0) throw new Error(`\`${[...prefix, ...args].join(' ')}\` failed (exit ${result.code})`);
  }
  return true;
}
