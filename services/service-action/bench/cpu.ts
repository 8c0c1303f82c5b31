import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ServiceProcess } from '@hvar/platform/testing';

/** CPU seconds (user + system) a process has used so far, from /proc (Linux; 0 elsewhere). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function postgresSeconds(): number {
  try {
    const pids = execFileSync('ps', ['-C', 'postgres', '-o', 'pid='], { encoding: 'utf8' }).split('\n').map(Number).filter((n) => n > 0);
    return pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  } catch {
    return 0;
  }
}

/** CPU seconds so far of each service process, of every PostgreSQL process and of this (the load) process. */
export function cpuSnapshot(services: readonly ServiceProcess[]): Record<string, number> {
  const snapshot: Record<string, number> = {};
  for (const s of services) if (s.child.exitCode === null && s.child.signalCode === null) snapshot[s.name] = cpuSeconds(s.child.pid);
  snapshot.postgres = postgresSeconds();
  const own = process.cpuUsage();
  snapshot['bench (load client)'] = (own.user + own.system) / 1e6;
  return snapshot;
}

/** "name 61 %" (share of one core) for each process, from two snapshots `seconds` apart. */
export function cpuLine(before: Record<string, number>, after: Record<string, number>, seconds: number): string {
  return Object.keys(after)
    .map((name) => {
      const used = (after[name] ?? 0) - (before[name] ?? 0);
      return `${name} ${((used / seconds) * 100).toFixed(0)} %`;
    })
    .join(', ');
}

/** Cores of this machine. */
export function cores(): number {
  try {
    return Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || 1;
  } catch {
    return 1;
  }
}
