import type { StopStack } from './lifecycle.js';
import { ensurePostgres } from './postgres.js';
import { intFromEnv, type InfraHandle, type Log } from './proc.js';
import { ensureRedis } from './redis.js';

/** Where one flavour of the local stack (start, test, bench) keeps its servers. */
export interface ServerPlan {
  /** `.data/<dir>/postgres` and `.data/<dir>/redis` (`''` for `npm start`'s `.data/postgres`). */
  dir: string;
  pgPortVar: string;
  pgPort: number;
  redisPortVar: string;
  redisPort: number;
  database: string;
  flags: readonly string[];
  log: Log;
}

/**
 * Starts (or reuses, through DATABASE_URL / REDIS_URL) PostgreSQL and Redis in parallel, each pushed
 * on `stack` as soon as it runs (PostgreSQL first, so it is stopped last); throws the first failure.
 */
export async function startServers(stack: StopStack, plan: ServerPlan): Promise<{ postgres: InfraHandle; redis: InfraHandle }> {
  const base = plan.dir ? `.data/${plan.dir}` : '.data';
  const [postgres, redis] = await Promise.allSettled([
    ensurePostgres({ dataDir: `${base}/postgres`, port: intFromEnv(process.env, plan.pgPortVar, plan.pgPort), database: plan.database, flags: plan.flags, log: plan.log }),
    ensureRedis({ dataDir: `${base}/redis`, port: intFromEnv(process.env, plan.redisPortVar, plan.redisPort), log: plan.log }),
  ]);
  if (postgres.status === 'fulfilled') stack.push('PostgreSQL', postgres.value);
  if (redis.status === 'fulfilled') stack.push('Redis', redis.value);
  if (postgres.status === 'rejected') throw postgres.reason;
  if (redis.status === 'rejected') throw redis.reason;
  return { postgres: postgres.value, redis: redis.value };
}
