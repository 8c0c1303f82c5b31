import { spawn, type ChildProcess } from 'node:child_process';

/** A TypeScript script running in its own Node process (through tsx), talking over IPC. */
export interface ScriptProcess {
  child: ChildProcess;
  /** Resolves with the first IPC message satisfying `match`; rejects on timeout or early exit. */
  message<T>(match: (msg: unknown) => msg is T, timeoutMs?: number): Promise<T>;
  /** Sends SIGKILL (no cleanup, no shutdown: as if the machine died) and waits for the exit. */
  kill(): Promise<NodeJS.Signals | null>;
  /** Resolves with the exit code and signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `script` with `node --import tsx`, the environment of this process plus `env`, and an IPC
 * channel. Scripts should exit when the channel closes, so a crashed test run leaves no orphans.
 */
export function spawnScript(script: string, env: Record<string, string>): ScriptProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    exited,
    message: (match, timeoutMs = 20_000) => waitForMessage(child, match, timeoutMs),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return (await exited).signal;
    },
  };
}

function waitForMessage<T>(child: ChildProcess, match: (msg: unknown) => msg is T, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no matching message from ${child.pid ?? '?'} within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (msg: unknown): void => {
      if (match(msg)) finish(undefined, msg);
    };
    const onExit = (code: number | null, signal: string | null): void => {
      finish(new Error(`child exited (code ${code ?? '-'}, signal ${signal ?? '-'}) before the expected message`));
    };
    const finish = (err: Error | undefined, msg?: T): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(msg as T);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
