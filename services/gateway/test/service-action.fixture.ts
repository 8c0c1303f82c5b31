import { serviceActionQueue, type OrderClassification } from '@hvar/contracts';
import type { Database } from '@hvar/platform';
import type { Redis } from 'ioredis';
import { customerReadBumper } from '../../service-action/src/customers/read-version.js';
import { mountReadApi } from '../../service-action/src/http.js';
import { createServiceActionHandlers } from '../../service-action/src/worker.js';
import { batchOf, openServiceActionDb, testDeps } from '../../service-action/test/harness.js';
import { startInProcessService } from './in-process-service.js';

/** The service-action service running in-process: its read API announced in the registry, its worker on the gateway's queues. */
export interface ServiceActionService {
  database: Database;
  /** How many requests its read API received (a cached gateway read sends none). */
  readonly reads: number;
  /** Feeds classified orders through the service's own queue and waits until they were applied. */
  send(orders: OrderClassification[]): Promise<void>;
  /** Sends an event of the returns or hub services and waits until it was applied. */
  event(name: 'return-status-changed' | 'outbound-status-changed' | 'return-received' | 'inspection-completed' | 'review-decided', payload: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the real service-action read API and worker (migrated, emptied schema) under `prefix`. */
export async function startServiceAction(redis: Redis, redisUrl: string, prefix: string): Promise<ServiceActionService> {
  const database = await openServiceActionDb();
  const deps = testDeps(database, { bumpCustomerReads: customerReadBumper(redis, prefix, testDeps(database).log) });
  let reads = 0;
  const service = await startInProcessService({
    redis, redisUrl, prefix, name: 'service-action', contract: serviceActionQueue, database, log: deps.log,
    mount: (app) => {
      app.use((_req, _res, next) => {
        reads += 1;
        next();
      });
      mountReadApi(app, { database, log: deps.log, segments: deps.segments, now: deps.now });
    },
    handlers: () => createServiceActionHandlers(deps),
  });
  return {
    database,
    get reads() {
      return reads;
    },
    async send(orders) {
      const job = await service.producer.add('order-classified', batchOf(orders));
      await job.waitUntilFinished(service.events, 20_000);
    },
    async event(name, payload) {
      const job = await service.producer.queue.add(name, { event_id: `${name}-${Date.now()}-${Math.random()}`, at: new Date().toISOString(), ...payload });
      await job.waitUntilFinished(service.events, 20_000);
    },
    async stop() {
      await service.stop();
      await database.close();
    },
  };
}
