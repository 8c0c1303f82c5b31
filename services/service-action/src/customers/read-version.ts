import { bumpReadVersion, type Logger } from '@hvar/platform';
import type { Redis } from 'ioredis';

/** The read model whose version the gateway's customer response cache follows. */
export const CUSTOMER_READS = 'customers';

/**
 * Bumps the customers read version (`<prefix>:readver:customers`). Redis down does not undo or fail
 * the committed work: it is logged, and the gateway's cache TTL bounds how long a read stays stale.
 */
export function customerReadBumper(redis: Redis, prefix: string, log: Logger): () => Promise<void> {
  return async () => {
    try {
      await bumpReadVersion(redis, prefix, CUSTOMER_READS);
    } catch (err) {
      log.warn({ err }, 'customers read version not bumped; cached customer reads may be stale until their TTL');
    }
  };
}
