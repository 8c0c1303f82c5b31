import { allQueues } from '@hvar/contracts';
import { listServices, pingDatabase, pingRedis, runChecks, type ServiceAnnouncement } from '@hvar/platform';
import { Queue } from 'bullmq';
import type { GatewayDeps } from '../../deps.js';

const FETCH_TIMEOUT_MS = 1_500;

/** Health of one announced service instance, from its own `/readyz`. */
export interface ServiceHealth {
  name: string;
  instance: string;
  version: string;
  ready: boolean;
  stale: boolean;
  queues: string[];
  started_at: string;
  seen_at: string;
  checks?: unknown;
  error?: string;
}

async function probe(service: ServiceAnnouncement & { stale: boolean }): Promise<ServiceHealth> {
  const base = { name: service.name, instance: service.instance, version: service.version, stale: service.stale, queues: service.queues, started_at: service.started_at, seen_at: service.seen_at };
  if (service.stale) return { ...base, ready: false, error: 'no heartbeat' };
  try {
    const res = await fetch(`${service.internal_url}/readyz`, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    const body = (await res.json()) as { checks?: unknown };
    return { ...base, ready: res.ok, checks: body.checks };
  } catch (err) {
    return { ...base, ready: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Every announced service instance with its readiness. A stale instance of a service that has a
 * fresh one (it crashed and the supervisor restarted it) is left out; a service with only stale
 * instances is reported, not ready.
 */
export async function servicesHealth(deps: Pick<GatewayDeps, 'redis' | 'prefix'>): Promise<ServiceHealth[]> {
  const services = await listServices(deps.redis, deps.prefix);
  const fresh = new Set(services.filter((s) => !s.stale).map((s) => s.name));
  return Promise.all(services.filter((s) => !s.stale || !fresh.has(s.name)).map(probe));
}

/** Names of every queue the system knows: from the contracts and from running services. */
export function knownQueues(services: ServiceHealth[]): string[] {
  return [...new Set([...allQueues.map((q) => q.name), ...services.flatMap((s) => s.queues)])].sort();
}

/** Job counts per queue (failed = the dead-letter set). */
export async function queueStats(deps: Pick<GatewayDeps, 'redis' | 'prefix'>, names: string[]) {
  return Promise.all(
    names.map(async (name) => {
      const queue = new Queue(name, { connection: deps.redis, prefix: deps.prefix });
      try {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'paused', 'prioritized');
        return { name, ...counts };
      } finally {
        await queue.close();
      }
    }),
  );
}

/** The gateway's own readiness plus every registered service's. */
export async function systemReadiness(deps: Pick<GatewayDeps, 'redis' | 'prefix' | 'database'>) {
  const own = await runChecks({ postgres: () => pingDatabase(deps.database), redis: () => pingRedis(deps.redis) });
  const services = own.checks.redis?.ok ? await servicesHealth(deps) : [];
  return { ready: own.ready && services.every((s) => s.ready), checks: own.checks, services };
}
