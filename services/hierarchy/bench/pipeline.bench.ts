/**
 * `npm run bench:pipeline`: BENCH_DELIVERIES (default 100k) simulated deliveries through
 * sync → classifier → hierarchy (and the sync read model), every service in its own process, then the
 * full re-detection benchmark (`redetect.bench.ts`: 100k, 300k and 1M orders straight into the
 * projection). Prints end-to-end deliveries/s and the time until the last hierarchy link is written.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRedis } from '@hvar/platform';
import { benchKit } from '@hvar/platform/testing';
import pg from 'pg';
import { startSimulatedSync, type SimulatedSync } from '../../sync/bench/simulated-sync.js';

const kit = benchKit('pipeline');
const { root: ROOT, env, say, startService, services: children, stopAll } = kit;

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 100_000);
const TARGET_RATE = 5_000;

/** How far each stage is: cheap counts only (narrow tables, partial outbox indexes), polled twice a second. */
interface Progress {
  synced: number;
  classified: number;
  projected: number;
  /** Outbox messages not yet enqueued plus jobs waiting or running, over every pipeline queue. */
  inFlight: number;
}

async function progress(pool: pg.Pool, redis: ReturnType<typeof createRedis>): Promise<Progress> {
  const { rows } = await pool.query<{ synced: number; classified: number; projected: number; unrelayed: number }>(`select
      (select coalesce(max(deliveries_written), 0)::int from sync.runs where mode = 'full') as synced,
      (select count(*)::int from classifier.classifications) as classified,
      (select count(*)::int from hierarchy.orders) as projected,
      (select count(*)::int from sync.outbox where relayed_at is null)
        + (select count(*)::int from classifier.outbox where relayed_at is null)
        + (select count(*)::int from hierarchy.outbox where relayed_at is null) as unrelayed`);
  const row = rows[0];
  let inFlight = row?.unrelayed ?? 0;
  for (const queue of ['classifier', 'hierarchy', 'sync']) {
    const key = `${env.QUEUE_PREFIX}:${queue}`;
    inFlight += (await redis.llen(`${key}:wait`)) + (await redis.llen(`${key}:active`));
  }
  return { synced: row?.synced ?? 0, classified: row?.classified ?? 0, projected: row?.projected ?? 0, inFlight };
}

async function pipeline(pool: pg.Pool, sync: SimulatedSync): Promise<void> {
  await startService('classifier', 'services/classifier/src/main.ts', {});
  await startService('hierarchy', 'services/hierarchy/src/main.ts', {});
  const redis = createRedis(env.REDIS_URL, 'producer');
  try {
    await sync.requestFullRun();
    say('full sync run requested; waiting for classifier, hierarchy and the read model');
    const began = Date.now();
    const cpuBefore = cpuSnapshot();
    const seen: Partial<Record<'classified' | 'projected' | 'readModel', number>> = {};
    let last = 0;
    for (;;) {
      const p = await progress(pool, redis);
      const now = Date.now();
      if (p.classified >= DELIVERIES) seen.classified ??= now;
      if (p.projected >= DELIVERIES) seen.projected ??= now;
      // Everything classified and projected, and no message left anywhere: the read model has every fact.
      if (seen.classified && seen.projected && p.inFlight === 0) seen.readModel ??= now;
      if (now - last > 5_000) {
        last = now;
        say(`synced ${p.synced}, classified ${p.classified}, in the hierarchy ${p.projected}, messages in flight ${p.inFlight}`);
      }
      if (seen.readModel) break;
      if (now - began > 30 * 60_000) throw new Error('pipeline did not finish within 30 minutes');
      await sleep(500);
    }
    const cpuAfter = cpuSnapshot();
    const elapsed = (Date.now() - began) / 1_000;
    await report(pool, seen as Record<'classified' | 'projected' | 'readModel', number>);
    reportCpu(cpuBefore, cpuAfter, elapsed);
  } finally {
    redis.disconnect();
  }
}

async function report(pool: pg.Pool, seen: Record<'classified' | 'projected' | 'readModel', number>): Promise<void> {
  const { rows } = await pool.query<{ started_at: Date; finished_at: Date; last_link: Date | null; links: number; mains: number; subs: number }>(`select
      (select started_at from sync.runs where mode = 'full' order by created_at desc limit 1) as started_at,
      (select finished_at from sync.runs where mode = 'full' order by created_at desc limit 1) as finished_at,
      (select max(created_at) from hierarchy.links) as last_link,
      (select count(*)::int from hierarchy.links where active) as links,
      (select count(*)::int from hierarchy.orders where service_type = 'main') as mains,
      (select count(*)::int from hierarchy.orders where service_type not in ('main', 'operational')) as subs`);
  const r = rows[0];
  if (!r?.started_at || !r.finished_at) throw new Error('no finished sync run');
  const t0 = r.started_at.getTime();
  const secs = (t: number): string => `${((t - t0) / 1_000).toFixed(2)} s`;
  const endToEnd = (seen.readModel - t0) / 1_000;
  say('');
  say(`deliveries: ${DELIVERIES}; mains ${r.mains}, subs ${r.subs}, active links ${r.links}`);
  say(`sync run finished:            ${secs(r.finished_at.getTime())}  → ${(DELIVERIES / ((r.finished_at.getTime() - t0) / 1_000)).toFixed(0)} deliveries/s (sync alone in this run)`);
  say(`all classified:               ${secs(seen.classified)}`);
  say(`hierarchy projection full:    ${secs(seen.projected)}`);
  say(`last hierarchy link written:  ${r.last_link ? secs(r.last_link.getTime()) : 'no link'}`);
  say(`nothing left in flight:       ${secs(seen.readModel)} (every fact in the sync read model)`);
  say(`end to end:                   ${endToEnd.toFixed(2)} s  → ${(DELIVERIES / endToEnd).toFixed(0)} deliveries/s (target ≥ ${TARGET_RATE})`);
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of every PostgreSQL process (backends included) and of every service process. */
function cpuSnapshot(): Record<string, number> {
  const snapshot: Record<string, number> = {};
  for (const child of children) snapshot[child.name] = cpuSeconds(child.child.pid);
  const pids = execFileSync('ps', ['-C', 'postgres', '-o', 'pid='], { encoding: 'utf8' }).split('\n').map(Number).filter((n) => n > 0);
  snapshot.postgres = pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  return snapshot;
}

function reportCpu(before: Record<string, number>, after: Record<string, number>, seconds: number): void {
  const parts = Object.keys(after).map((name) => {
    const used = (after[name] ?? 0) - (before[name] ?? 0);
    return `${name} ${used.toFixed(1)} s (${((used / seconds) * 100).toFixed(0)} % of a core)`;
  });
  say(`CPU during the pipeline: ${parts.join(', ')}; this machine has ${String(availableCores())} cores`);
}

function availableCores(): number {
  return Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || 1;
}

async function redetection(): Promise<number> {
  say('');
  say('full re-detection benchmark (services/hierarchy/bench/redetect.bench.ts)');
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/hierarchy/bench/redetect.bench.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

async function main(): Promise<void> {
  const sync = await startSimulatedSync(kit, DELIVERIES);
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 2 });
  try {
    await pipeline(pool, sync);
  } finally {
    await pool.end();
    await stopAll();
  }
  if (process.env.BENCH_SKIP_REDETECT !== '1') process.exitCode = (await redetection()) || (process.exitCode ?? 0);
}

main().catch((err: unknown) => {
  say(`failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
