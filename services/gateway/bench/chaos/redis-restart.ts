/**
 * Restarts the bench's own Redis (started by infra/src/bench.ts with `appendonly yes`, like
 * production): the server is killed (SIGKILL: a crash, nothing flushed on the way out) or shut down,
 * stays down a moment, and is started again on the same data directory and port, reloading its AOF.
 * The bench runner stops it at the end through its URL.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { waitForExit } from '../../../../infra/src/proc.js';
import { ensureRedis, redisCommand } from '../../../../infra/src/redis.js';

/** How Redis goes down: crash (`kill`) or graceful `shutdown` (AOF flushed). */
export type RedisRestartMode = 'kill' | 'shutdown';

/** What the restart did. */
export interface RedisRestart {
  mode: RedisRestartMode;
  downMs: number;
  keysBefore: number;
  keysAfter: number;
}

/** Where the bench runner keeps its Redis (`.data/bench/redis`), if this run uses it. */
export function benchRedisDir(root: string): string {
  return path.join(root, '.data', 'bench', 'redis');
}

/** Whether this process can restart the Redis at `url` (the bench's own server, not an external REDIS_URL). */
export function canRestart(dataDir: string): boolean {
  return existsSync(path.join(dataDir, 'redis-server.pid'));
}

/** Takes Redis down for `downtimeMs` and brings it back on the same AOF. */
export async function restartRedis(url: string, dataDir: string, mode: RedisRestartMode, downtimeMs: number, log: (line: string) => void): Promise<RedisRestart> {
  const pid = Number(readFileSync(path.join(dataDir, 'redis-server.pid'), 'utf8').trim());
  if (!(pid > 0)) throw new Error(`no Redis pid in ${dataDir}`);
  const keysBefore = Number(await redisCommand(url, 'DBSIZE'));
  const began = Date.now();
  if (mode === 'kill') process.kill(pid, 'SIGKILL');
  else await redisCommand(url, 'SHUTDOWN').catch(() => undefined); // the server closes the connection instead of replying
  if (!(await waitForExit(pid, 10_000))) throw new Error(`Redis (pid ${pid}) did not go down`);
  log(`Redis ${mode === 'kill' ? 'killed (SIGKILL)' : 'shut down'}; down for ${downtimeMs} ms`);
  await sleep(downtimeMs);
  // env {}: a REDIS_URL in the environment would make ensureRedis "reuse" the server that is down.
  await ensureRedis({ dataDir, port: Number(new URL(url).port), log, env: {} });
  const downMs = Date.now() - began;
  const keysAfter = Number(await redisCommand(url, 'DBSIZE'));
  log(`Redis back after ${downMs} ms: ${keysBefore} keys before, ${keysAfter} after the AOF reload`);
  return { mode, downMs, keysBefore, keysAfter };
}
