import { setTimeout as sleep } from 'node:timers/promises';
import { createRedis } from '@hvar/platform';
import type { BenchKit } from '@hvar/platform/testing';
import type pg from 'pg';
import type { SimulatedSync } from '../../sync/bench/simulated-sync.js';

/** Every queue an `order-classified` message (or what it causes) passes through. */
const QUEUES = ['sync', 'classifier', 'hierarchy', 'service-action'] as const;
const OUTBOXES = ['sync', 'classifier', 'hierarchy', 'service_action'] as const;
const TIMEOUT_MS = 60 * 60_000;

/** How far the build is: cheap counts, polled every second. */
interface Progress {
  classified: number;
  customers: number;
  /** Outbox rows not yet relayed plus jobs waiting, retrying or running, over every pipeline queue. */
  inFlight: number;
}

/** What the build phase produced. */
export interface BuildResult {
  customers: number;
  orders: number;
  seconds: number;
  /** Failed jobs per queue (the dead-letter sets): messages that were NOT applied. */
  failed: Record<string, number>;
}

async function progress(pool: pg.Pool, redis: ReturnType<typeof createRedis>, prefix: string): Promise<Progress> {
  const unrelayed = OUTBOXES.map((s) => `(select count(*)::int from ${s}.outbox where relayed_at is null)`).join(' + ');
  const { rows } = await pool.query<{ classified: number; customers: number; unrelayed: number }>(`select
      (select count(*)::int from classifier.classifications) as classified,
      (select count(*)::int from service_action.customers) as customers,
      ${unrelayed} as unrelayed`);
  const row = rows[0];
  let inFlight = row?.unrelayed ?? 0;
  for (const queue of QUEUES) {
    const key = `${prefix}:${queue}`;
    const [wait, active, delayed, prioritized] = await Promise.all([
      redis.llen(`${key}:wait`), redis.llen(`${key}:active`), redis.zrange(`${key}:delayed`, 0, -1), redis.zcard(`${key}:prioritized`),
    ]);
    // A delayed job is a retry waiting for its backoff, except the next tick of a repeatable job
    // (the sync's incremental run), which is always there.
    inFlight += wait + active + delayed.filter((id) => !id.startsWith('repeat:')).length + prioritized;
  }
  return { classified: row?.classified ?? 0, customers: row?.customers ?? 0, inFlight };
}

async function failedJobs(redis: ReturnType<typeof createRedis>, prefix: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const queue of QUEUES) out[queue] = await redis.zcard(`${prefix}:${queue}:failed`);
  return out;
}

/**
 * Requests the full sync run and waits until every delivery is classified and nothing is left in
 * any outbox or queue: then every `order-classified` batch has been applied by service-action (and
 * the hierarchy-changed and read-model facts it caused as well). Timed from the run request.
 */
export async function buildCustomers(kit: BenchKit, pool: pg.Pool, sync: SimulatedSync, deliveries: number): Promise<BuildResult> {
  const redis = createRedis(kit.env.REDIS_URL, 'producer');
  try {
    const began = performance.now();
    await sync.requestFullRun();
    kit.say('full sync run requested; waiting until service-action has applied every order-classified batch');
    let last = 0;
    for (;;) {
      const p = await progress(pool, redis, kit.env.QUEUE_PREFIX);
      const now = performance.now();
      if (p.classified >= deliveries && p.inFlight === 0) break;
      if (now - last > 10_000) {
        last = now;
        kit.say(`  ${((now - began) / 1_000).toFixed(0)} s: classified ${p.classified}, customers ${p.customers}, messages in flight ${p.inFlight}`);
      }
      if (now - began > TIMEOUT_MS) throw new Error(`the build did not finish within ${TIMEOUT_MS / 60_000} minutes`);
      await sleep(1_000);
    }
    const seconds = (performance.now() - began) / 1_000;
    const { rows } = await pool.query<{ customers: number; orders: number }>(
      'select (select count(*)::int from service_action.customers) as customers, (select count(*)::int from service_action.orders) as orders');
    return { customers: rows[0]?.customers ?? 0, orders: rows[0]?.orders ?? 0, seconds, failed: await failedJobs(redis, kit.env.QUEUE_PREFIX) };
  } finally {
    redis.disconnect();
  }
}
