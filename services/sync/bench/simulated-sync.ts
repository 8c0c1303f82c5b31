import { randomBytes } from 'node:crypto';
import { syncQueue } from '@hvar/contracts';
import { createProducer, createRedis } from '@hvar/platform';
import type { BenchKit } from '@hvar/platform/testing';

/** The simulator and the sync service of a benchmark, ready for a full backfill. */
export interface SimulatedSync {
  /** Asks the sync service for a full run, as the gateway would (through its queue). */
  requestFullRun(): Promise<void>;
}

/**
 * Starts the Bosta simulator with `deliveries` seeded deliveries (seed 7, one customer per four
 * deliveries, clock stopped) and the sync service pointed at it, with neither a first-start full run
 * nor incremental ticks, so the benchmark decides when the backfill starts.
 */
export async function startSimulatedSync(kit: BenchKit, deliveries: number): Promise<SimulatedSync> {
  const apiKey = randomBytes(16).toString('hex');
  kit.say(`simulator: generating ${deliveries} deliveries`);
  const generated = performance.now();
  const sim = await kit.startService('bosta-sim', 'services/bosta-sim/src/main.ts', {
    SIM_API_KEY: apiKey,
    SIM_DELIVERIES: String(deliveries),
    SIM_CUSTOMERS: String(Math.max(1, Math.round(deliveries / 4))),
    SIM_SPEED: '0',
    SIM_SEED: '7',
  }, 300_000);
  kit.say(`simulator ready in ${((performance.now() - generated) / 1_000).toFixed(1)} s`);
  await kit.startService('sync', 'services/sync/src/main.ts', {
    BOSTA_BASE_URL: `http://127.0.0.1:${sim.port}/api/v2`,
    BOSTA_API_KEY: apiKey,
    SYNC_FULL_ON_FIRST_START: 'false',
    SYNC_INCREMENTAL_EVERY_MS: String(24 * 3_600_000),
  });
  return {
    async requestFullRun() {
      const redis = createRedis(kit.env.REDIS_URL, 'producer');
      try {
        const producer = createProducer(syncQueue, { connection: redis, prefix: kit.env.QUEUE_PREFIX });
        await producer.add('start-run', { mode: 'full', requested_by: 'bench' });
        await producer.close();
      } finally {
        redis.disconnect();
      }
    },
  };
}
