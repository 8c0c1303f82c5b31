import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hierarchyQueue, type OrderClassification } from '@hvar/contracts';
import { announceService, closeServer, createLogger, createProducer, createQueueEvents, createRedis, createWorker, listen, type Database } from '@hvar/platform';
import type { QueueEvents, Worker } from 'bullmq';
import express from 'express';
import type { Redis } from 'ioredis';
import type { HierarchyDeps } from '../../hierarchy/src/deps.js';
import { mountReadApi } from '../../hierarchy/src/http.js';
import { createHierarchyHandlers } from '../../hierarchy/src/worker.js';
import { batchOf, openHierarchyDb } from '../../hierarchy/test/harness.js';

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
  const producer = createProducer(hierarchyQueue, { connection: redis, prefix });
  const app = express();
  mountReadApi(app, { database, log, queue: producer.queue });
  const server: Server = await listen(app, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const announcement = announceService(redis, prefix, { name: 'hierarchy', instance: 'test', version: 'test', internal_url: url, queues: ['hierarchy'], started_at: new Date().toISOString() });
  const workerRedis = createRedis(redisUrl, 'worker');
  const worker: Worker = createWorker(hierarchyQueue, createHierarchyHandlers(deps), { connection: workerRedis, prefix, log, concurrency: 2 });
  const events: QueueEvents = createQueueEvents(hierarchyQueue, { connection: workerRedis, prefix });
  await events.waitUntilReady();
  return {
    database,
    async send(orders) {
      const job = await producer.add('order-classified', batchOf(orders));
      await job.waitUntilFinished(events, 20_000);
    },
    async stop() {
      await events.close();
      await worker.close();
      await producer.close();
      await workerRedis.quit();
      await announcement.stop();
      await closeServer(server);
      await database.close();
    },
  };
}
