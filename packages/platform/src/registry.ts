import type { Redis } from 'ioredis';
import { z } from 'zod';

/** What a running service announces about itself (read by the gateway's status and readiness). */
export const ServiceAnnouncement = z.object({
  name: z.string(),
  instance: z.string(),
  version: z.string(),
  /** Base URL of its internal HTTP server (health, metrics, read API). */
  internal_url: z.url(),
  queues: z.array(z.string()),
  started_at: z.iso.datetime(),
  seen_at: z.iso.datetime(),
});
export type ServiceAnnouncement = z.infer<typeof ServiceAnnouncement>;

const key = (prefix: string): string => `${prefix}:services`;
const field = (a: Pick<ServiceAnnouncement, 'name' | 'instance'>): string => `${a.name}/${a.instance}`;

/** How often a service refreshes its announcement, and when the gateway considers it gone. */
export const HEARTBEAT_MS = 5_000;
export const STALE_AFTER_MS = 3 * HEARTBEAT_MS;

/**
 * Announces a service in Redis every few seconds until stopped; `stop()` removes the entry, so a
 * service stopped on purpose no longer counts for the system's readiness while a crashed one does.
 */
export function announceService(redis: Redis, prefix: string, info: Omit<ServiceAnnouncement, 'seen_at'>): { stop(): Promise<void> } {
  const write = async (): Promise<void> => {
    const value: ServiceAnnouncement = { ...info, seen_at: new Date().toISOString() };
    await redis.hset(key(prefix), field(info), JSON.stringify(value));
  };
  const timer = setInterval(() => void write().catch(() => undefined), HEARTBEAT_MS);
  timer.unref();
  void write().catch(() => undefined);
  return {
    async stop() {
      clearInterval(timer);
      await redis.hdel(key(prefix), field(info));
    },
  };
}

/** Every announced service instance, with whether its heartbeat is fresh. */
export async function listServices(redis: Redis, prefix: string, now = Date.now()): Promise<(ServiceAnnouncement & { stale: boolean })[]> {
  const raw = await redis.hgetall(key(prefix));
  return Object.values(raw).flatMap((text) => {
    const parsed = ServiceAnnouncement.safeParse(safeJson(text));
    if (!parsed.success) return [];
    return [{ ...parsed.data, stale: now - Date.parse(parsed.data.seen_at) > STALE_AFTER_MS }];
  });
}

/** Removes instances whose heartbeat stopped long ago (crashed and never came back). */
export async function pruneServices(redis: Redis, prefix: string, olderThanMs: number, now = Date.now()): Promise<number> {
  const services = await listServices(redis, prefix, now);
  const dead = services.filter((s) => now - Date.parse(s.seen_at) > olderThanMs);
  if (dead.length > 0) await redis.hdel(key(prefix), ...dead.map(field));
  return dead.length;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
