import { Redis, type RedisOptions } from 'ioredis';

/**
 * Connection roles differ on purpose (BullMQ "going to production"):
 * - `producer`: used on request paths; fails fast (no offline queue) so the gateway answers 503
 *   instead of hanging when Redis is down.
 * - `worker`: blocking commands; retries forever (`maxRetriesPerRequest: null`), as BullMQ requires.
 */
export type RedisRole = 'producer' | 'worker';

const ROLE_OPTIONS: Record<RedisRole, RedisOptions> = {
  producer: { enableOfflineQueue: false, maxRetriesPerRequest: 1 },
  worker: { enableOfflineQueue: true, maxRetriesPerRequest: null },
};

/** Creates an ioredis connection for a role. The caller owns it and must `quit()` it on shutdown. */
export function createRedis(url: string, role: RedisRole, name?: string): Redis {
  const client = new Redis(url, {
    ...ROLE_OPTIONS[role],
    connectionName: name,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(200 * 2 ** times, 5_000),
  });
  // Without a listener ioredis would print unhandled 'error' events; readiness checks report state.
  client.on('error', () => undefined);
  return client;
}

/** Resolves when the connection is ready, or rejects after `timeoutMs`. */
export async function waitForRedis(client: Redis, timeoutMs = 10_000): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not ready after ${timeoutMs} ms (status ${client.status})`));
    }, timeoutMs);
    const onReady = (): void => {
      cleanup();
      resolve();
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      client.off('ready', onReady);
    };
    client.on('ready', onReady);
  });
}

/** Readiness probe: a PING within a short time. */
export async function pingRedis(client: Redis): Promise<void> {
  const answer: string = await client.ping();
  if (answer !== 'PONG') throw new Error(`unexpected PING answer ${answer}`);
}
