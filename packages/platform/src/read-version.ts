import type { Redis } from 'ioredis';

/**
 * Version counters of read models (e.g. `customers`): the owning service increments one after every
 * committed change, and readers (the gateway's response cache) use a remembered answer only while
 * the counter is unchanged.
 */
export function readVersionKey(prefix: string, model: string): string {
  return `${prefix}:readver:${model}`;
}

/** Increments a read model's version (after the change committed). */
export async function bumpReadVersion(redis: Redis, prefix: string, model: string): Promise<void> {
  await redis.incr(readVersionKey(prefix, model));
}

/** A read model's current version ('0' before its first change). */
export async function currentReadVersion(redis: Redis, prefix: string, model: string): Promise<string> {
  return (await redis.get(readVersionKey(prefix, model))) ?? '0';
}
