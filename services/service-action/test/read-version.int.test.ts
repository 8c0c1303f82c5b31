import { createLogger, readVersionKey } from '@hvar/platform';
import { testEnv } from '@hvar/platform/testing';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { customerReadBumper } from '../src/customers/read-version.js';

const redis = new Redis(testEnv().redisUrl);
afterAll(async () => {
  await redis.quit();
});

describe('customers read version', () => {
  it('each bump increments <prefix>:readver:customers', async () => {
    const prefix = `t${randomUUID().slice(0, 8)}`;
    const bump = customerReadBumper(redis, prefix, createLogger({ service: 'service-action', level: 'silent' }));
    await bump();
    await bump();
    expect(await redis.get(readVersionKey(prefix, 'customers'))).toBe('2');
    await redis.del(readVersionKey(prefix, 'customers'));
  });

  it('Redis unreachable: the bump is logged, not thrown (the committed work stands)', async () => {
    const down = new Redis({ port: 1, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    down.on('error', () => undefined);
    const warnings: unknown[] = [];
    const log = createLogger({ service: 'service-action', level: 'silent' });
    log.warn = ((...args: unknown[]) => void warnings.push(args)) as typeof log.warn;
    await expect(customerReadBumper(down, 'tdown', log)()).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
    down.disconnect();
  });
});
