import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { seconds } from './format.js';
import { once, waitUntil, type Log } from './proc.js';
import { withBinDirs, type Launch } from './services.js';

/** One service to keep running. */
export interface SupervisedService {
  name: string;
  launch: Launch;
  /** The service's own variables, laid over the supervisor's `env`. */
  env: NodeJS.ProcessEnv;
}

/** What `startSupervisor` needs. */
export interface SupervisorOptions {
  services: readonly SupervisedService[];
  env: NodeJS.ProcessEnv;
  log: Log;
  /** How long services get after SIGTERM before their process groups are killed. */
  stopTimeoutMs?: number;
  /** Colour the `[name]` prefixes (default: when stdout is a terminal and NO_COLOR is unset). */
  color?: boolean;
  /**
   * Uptime after which a service counts as healthy again, so its next crash restarts after 1 s
   * (default HEALTHY_AFTER_MS). A chaos run that kills services every few seconds lowers it: those
   * kills are not a crash loop to back off from.
   */
  healthyAfterMs?: number;
  /** Where the services' prefixed output goes (default: this process's stdout and stderr). */
  output?: { stdout: Writable; stderr: Writable };
}

/** Handle on the running services. */
export interface Supervisor {
  /** SIGTERM every service, SIGKILL what is left after the timeout; resolves when all have exited. Idempotent. */
  stop(): Promise<void>;
  /** SIGKILL every service's process group at once (forced exit). */
  kill(): void;
  /** The services running right now with their process ids (a chaos run picks one to kill). */
  running(): { name: string; pid: number }[];
}

interface Unit {
  service: SupervisedService;
  prefix: string;
  child: ChildProcess | undefined;
  exited: Promise<void>;
  startedAt: number;
  attempt: number;
  timer: NodeJS.Timeout | undefined;
}

const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
/** A service that stayed up this long is considered healthy again: the next crash restarts after 1 s. */
export const HEALTHY_AFTER_MS = 60_000;
const COLOURS = [36, 35, 33, 32, 34, 96, 95, 93, 92, 94, 91];

/** Delay before restart number `attempt` (0-based): 1 s, 2 s, 4 s … capped at 30 s. */
export function backoffDelayMs(attempt: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** attempt, BACKOFF_MAX_MS);
}

/** The attempt number to use after a crash: back to 0 once the child had been up long enough. */
export function attemptAfterCrash(attempt: number, uptimeMs: number, healthyAfterMs = HEALTHY_AFTER_MS): number {
  return uptimeMs >= healthyAfterMs ? 0 : attempt;
}

/** `[name]` padded to the longest name, optionally coloured, so columns of output line up. */
export function formatPrefix(name: string, width: number, index: number, color: boolean): string {
  const label = `[${name}]`.padEnd(width + 2);
  return color ? `\x1b[${COLOURS[index % COLOURS.length] ?? 36}m${label}\x1b[0m` : label;
}

/** Splits a stream of text chunks into whole lines (a trailing partial line is kept until `end`). */
export function lineSplitter(onLine: (line: string) => void): { push(chunk: string): void; end(): void } {
  let pending = '';
  return {
    push(chunk) {
      const parts = (pending + chunk).split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) onLine(line.replace(/\r$/, ''));
    },
    end() {
      if (pending !== '') onLine(pending);
      pending = '';
    },
  };
}

/** Starts one process per service, restarting crashed ones with exponential backoff. */
export function startSupervisor(options: SupervisorOptions): Supervisor {
  const color = options.color ?? (process.stdout.isTTY && !process.env.NO_COLOR);
  const width = Math.max(0, ...options.services.map((s) => s.name.length));
  const state = { stopping: false };
  const units: Unit[] = options.services.map((service, index) => ({
    service,
    prefix: formatPrefix(service.name, width, index, color),
    child: undefined,
    exited: Promise.resolve(),
    startedAt: 0,
    attempt: 0,
    timer: undefined,
  }));
  const launch = (unit: Unit): void => {
    unit.timer = undefined;
    if (!state.stopping) spawnUnit(unit, options, () => onExit(unit));
  };
  const onExit = (unit: Unit): void => {
    if (state.stopping) return;
    unit.attempt = attemptAfterCrash(unit.attempt, Date.now() - unit.startedAt, options.healthyAfterMs);
    const delay = backoffDelayMs(unit.attempt++);
    options.log(`${unit.service.name} exited after ${seconds(Date.now() - unit.startedAt)}; restarting in ${seconds(delay)}`);
    unit.timer = setTimeout(() => launch(unit), delay);
  };
  units.forEach(launch);
  return {
    stop: once(() => stopAll(units, state, options)),
    kill: () => {
      state.stopping = true;
      for (const unit of units) {
        clearTimeout(unit.timer);
        signalGroup(unit.child, 'SIGKILL');
      }
    },
    running: () => units.flatMap((unit) => (unit.child?.pid === undefined ? [] : [{ name: unit.service.name, pid: unit.child.pid }])),
  };
}

function spawnUnit(unit: Unit, options: SupervisorOptions, onExit: () => void): void {
  const { launch } = unit.service;
  const env = withBinDirs({ ...options.env, ...unit.service.env, HVAR_SUPERVISOR_PID: String(process.pid) }, launch.binDirs);
  // Own process group: a terminal Ctrl-C reaches only the supervisor, which stops services in order.
  // The IPC channel lets the service notice the supervisor's death (see child-guard.ts).
  const child = spawn(launch.command, launch.args, { cwd: launch.cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  unit.child = child;
  unit.startedAt = Date.now();
  prefixLines(child.stdout, unit.prefix, options.output?.stdout ?? process.stdout);
  prefixLines(child.stderr, unit.prefix, options.output?.stderr ?? process.stderr);
  unit.exited = new Promise((resolve) => {
    const finish = (): void => {
      if (unit.child !== child) return;
      unit.child = undefined;
      resolve();
      onExit();
    };
    child.once('exit', finish);
    child.once('error', (err) => {
      options.log(`${unit.service.name}: cannot start ${launch.command}: ${err.message}`);
      if (child.pid === undefined) finish();
    });
  });
}

function prefixLines(stream: Readable | null, prefix: string, out: Writable): void {
  if (!stream) return;
  const lines = lineSplitter((line) => out.write(`${prefix} ${line}\n`));
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => lines.push(chunk));
  stream.on('end', () => lines.end());
}

async function stopAll(units: readonly Unit[], state: { stopping: boolean }, options: SupervisorOptions): Promise<void> {
  state.stopping = true;
  for (const unit of units) clearTimeout(unit.timer);
  const running = units.filter((unit) => unit.child);
  for (const unit of running) signalGroup(unit.child, 'SIGTERM');
  const timeoutMs = options.stopTimeoutMs ?? 25_000;
  const allDone = Promise.all(running.map((unit) => unit.exited));
  const finished = await waitUntil(() => running.every((unit) => !unit.child), timeoutMs, 50);
  if (!finished) {
    const stragglers = running.filter((unit) => unit.child);
    options.log(`${stragglers.map((u) => u.service.name).join(', ')} still running after ${seconds(timeoutMs)}; killing`);
    for (const unit of stragglers) signalGroup(unit.child, 'SIGKILL');
  }
  await allDone;
}

/** Signals the child's whole process group (the service and anything it started). */
function signalGroup(child: ChildProcess | undefined, sig: NodeJS.Signals): void {
  if (child?.pid === undefined) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    // The group is already gone.
  }
}
