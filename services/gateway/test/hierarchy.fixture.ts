import { hierarchyQueue, type OrderClassification } from '@hvar/contracts';
import { createLogger, type Database } from '@hvar/platform';
import type { Redis } from 'ioredis';
import type { HierarchyDeps } from '../../hierarchy/src/deps.js';
import { mountReadApi } from '../../hierarchy/src/http.js';
import { createHierarchyHandlers } from '../../hierarchy/src/worker.js';
import { batchOf, openHierarchyDb } from '../../hierarchy/test/harness.js';
import { startInProcessService } from './in-process-service.js';

/** The hierarchy running in-process: its read API announced in the registry, its worker on the gateway's queues. */
export interface HierarchyService {
  database: Database;
  /** Feeds classified orders through the hierarchy's own queue and waits until they were evaluated. */
  send(orders: OrderClassification[]): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the real hierarchy read API and worker (migrated, emptied schema) under `prefix`. */
export async function startHierarchy(redis: Redis, redisUrl: string, prefix: string): Promise<HierarchyService> {
  const database = await openHierarchyDb();
  const log = createLogger({ service: 'hierarchy', level: 'silent' });
  const deps: HierarchyDeps = { database, log, kickOutbox: () => undefined, settings: { windowDays: 365, detectionChunk: 2_000 } };
  const service = await startInProcessService({
    redis, redisUrl, prefix, name: 'hierarchy', contract: hierarchyQueue, database, log,
    mount: (app, producer) => mountReadApi(app, { database, log, queue: producer.queue }),
    handlers: () => createHierarchyHandlers(deps),
  });
  return {
    database,
    async send(orders) {
      const job = await service.producer.add('order-classified', batchOf(orders));
      await job.waitUntilFinished(service.events, 20_000);
    },
    async stop() {
      await service.stop();
      await database.close();
    },
  };
}
