import { z } from 'zod';
import type { GatewayDeps } from '../../deps.js';
import { route } from '../../http/route.js';
import { knownQueues, queueStats, systemReadiness } from './status.js';

const QueueStats = z.object({
  name: z.string(), waiting: z.number(), active: z.number(), delayed: z.number(), failed: z.number(),
  completed: z.number(), paused: z.number(), prioritized: z.number(),
});

const StatusSchema = z
  .object({
    ready: z.boolean(),
    gateway: z.object({ version: z.string(), uptime_s: z.number(), checks: z.record(z.string(), z.unknown()) }),
    services: z.array(z.object({
      name: z.string(), instance: z.string(), version: z.string(), ready: z.boolean(), stale: z.boolean(),
      queues: z.array(z.string()), started_at: z.string(), seen_at: z.string(), error: z.string().optional(), checks: z.unknown().optional(),
    })),
    queues: z.array(QueueStats),
  })
  .meta({ id: 'SystemStatus' });

/** Operator view of the whole system. */
export const systemRoutes = [
  route<GatewayDeps>({
    method: 'get', path: '/api/v1/system/status', summary: 'Health, versions, queue depths and failed-job counts of every service',
    tag: 'System', access: ['admin', 'viewer'],
    responses: { 200: { description: 'System status', schema: StatusSchema } },
    handler: async (_req, deps) => {
      const readiness = await systemReadiness(deps);
      const queues = readiness.checks.redis?.ok ? await queueStats(deps, knownQueues(readiness.services)) : [];
      return {
        status: 200,
        body: {
          ready: readiness.ready,
          gateway: { version: deps.version, uptime_s: Math.round(process.uptime()), checks: readiness.checks },
          services: readiness.services,
          queues,
        },
      };
    },
  }),
];
