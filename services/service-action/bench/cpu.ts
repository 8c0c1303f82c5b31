import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServiceProcess } from '@hvar/platform/testing';

/** Clock ticks per second of /proc (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** CPU seconds (user + system) a process has used so far, from /proc (Linux; 0 elsewhere). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}

/** CPU seconds of the children a process has already reaped (cutime + cstime). */
function reapedSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[13]) + Number(fields[14])) / TICKS;
  } catch {
    return 0;
  }
}

/**
 * The benchmark's own PostgreSQL, not another one on the machine: its postmaster, its live backends,
 * and the backends that already exited (counted in the postmaster's reaped time, so the sum never drops).
 */
function postgresSeconds(root: string): number {
  try {
    const postmaster = Number(readFileSync(path.join(root, '.data/bench/postgres/postmaster.pid'), 'utf8').split('\n')[0]);
    const children = execFileSync('ps', ['--ppid', String(postmaster), '-o', 'pid='], { encoding: 'utf8' }).split('\n').map(Number).filter((n) => n > 0);
    return [postmaster, ...children].reduce((sum, pid) => sum + cpuSeconds(pid), reapedSeconds(postmaster));
  } catch {
    return 0;
  }
}

/** Busy CPU seconds of the whole machine so far (every core, every process), from /proc/stat. */
function machineSeconds(): number {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return (user + nice + system + irq + softirq + steal) / TICKS;
  } catch {
    return 0;
  }
}

/** CPU seconds so far of each service process, the benchmark's PostgreSQL, this (the load) process and the whole machine. */
export function cpuSnapshot(root: string, services: readonly ServiceProcess[]): Record<string, number> {
  const snapshot: Record<string, number> = {};
  for (const s of services) if (s.child.exitCode === null && s.child.signalCode === null) snapshot[s.name] = cpuSeconds(s.child.pid);
  snapshot.postgres = postgresSeconds(root);
  const own = process.cpuUsage();
  snapshot['load client'] = (own.user + own.system) / 1e6;
  snapshot.machine = machineSeconds();
  return snapshot;
}

/**
 * "name 61 %" (share of one core) per process between two snapshots `seconds` apart, then what the
 * rest of the machine (other processes, the kernel's share not charged to a process) used meanwhile.
 */
export function cpuLine(before: Record<string, number>, after: Record<string, number>, seconds: number): string {
  const used = (name: string) => ((after[name] ?? 0) - (before[name] ?? 0)) / seconds;
  const names = Object.keys(after).filter((n) => n !== 'machine');
  const ours = names.reduce((sum, n) => sum + used(n), 0);
  const parts = names.map((n) => `${n} ${(used(n) * 100).toFixed(0)} %`);
  return `${parts.join(', ')}; everything else on the machine ${(Math.max(0, used('machine') - ours) * 100).toFixed(0)} % (of ${cores() * 100} %)`;
}

/** Cores of this machine. */
export function cores(): number {
  try {
    return Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || 1;
  } catch {
    return 1;
  }
}
