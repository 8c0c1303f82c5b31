import { hubQueue, serviceActionQueue, type JobName, type JobPayloadInput } from '@hvar/contracts';
import type { Database } from '@hvar/platform';
import type { Redis } from 'ioredis';
import { outbox } from '../../hub/src/db/schema.js';
import { mountReadApi } from '../../hub/src/http.js';
import { createHubHandlers } from '../../hub/src/worker.js';
import { openHubDb, testDeps } from '../../hub/test/harness.js';
import { startInProcessService } from './in-process-service.js';

/** The hub service running in-process: its read API announced in the registry, its worker on the gateway's queues, its outbox relayed to service-action. */
export interface HubService {
  database: Database;
  /** Adds a job to the hub's queue (an event of returns or service-action) and waits until it was applied. */
  event<N extends JobName<typeof hubQueue>>(name: N, payload: JobPayloadInput<typeof hubQueue, N>): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the real hub read API, worker and outbox relay (migrated, emptied schema) under `prefix`. */
export async function startHub(redis: Redis, redisUrl: string, prefix: string): Promise<HubService> {
  const database = await openHubDb();
  const log = testDeps(database).log;
  const service = await startInProcessService({
    redis, redisUrl, prefix, name: 'hub', contract: hubQueue, database, log,
    mount: (app) => mountReadApi(app, { database, log }),
    handlers: (kick) => createHubHandlers(testDeps(database, { kickOutbox: kick })),
    relay: { outbox, produces: [serviceActionQueue] },
  });
  return {
    database,
    async event(name, payload) {
      const job = await service.producer.add(name, payload);
      await job.waitUntilFinished(service.events, 20_000);
    },
    async stop() {
      await service.stop();
      await database.close();
    },
  };
}
