import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serviceActionQueue, type OrderClassification } from '@hvar/contracts';
import { announceService, closeServer, createProducer, createQueueEvents, createRedis, createWorker, listen, type Database } from '@hvar/platform';
import type { QueueEvents, Worker } from 'bullmq';
import express from 'express';
import type { Redis } from 'ioredis';
import { mountReadApi } from '../../service-action/src/http.js';
import { createServiceActionHandlers } from '../../service-action/src/worker.js';
import { batchOf, openServiceActionDb, testDeps } from '../../service-action/test/harness.js';

/** The service-action service running in-process: its read API announced in the registry, its worker on the gateway's queues. */
export interface ServiceActionService {
  database: Database;
  /** Feeds classified orders through the service's own queue and waits until they were applied. */
  send(orders: OrderClassification[]): Promise<void>;
  /** Sends an event of the returns or hub services and waits until it was applied. */
  event(name: 'return-status-changed' | 'outbound-status-changed' | 'return-received' | 'inspection-completed' | 'review-decided', payload: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the real service-action read API and worker (migrated, emptied schema) under `prefix`. */
export async function startServiceAction(redis: Redis, redisUrl: string, prefix: string): Promise<ServiceActionService> {
  const database = await openServiceActionDb();
  const deps = testDeps(database);
  const producer = createProducer(serviceActionQueue, { connection: redis, prefix });
  const app = express();
  mountReadApi(app, { database, log: deps.log, segments: deps.segments, now: deps.now });
  const server: Server = await listen(app, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const announcement = announceService(redis, prefix, {
    name: 'service-action', instance: 'test', version: 'test', internal_url: url, queues: ['service-action'], started_at: new Date().toISOString(),
  });
  const workerRedis = createRedis(redisUrl, 'worker');
  const worker: Worker = createWorker(serviceActionQueue, createServiceActionHandlers(deps), { connection: workerRedis, prefix, log: deps.log, concurrency: 2 });
  const events: QueueEvents = createQueueEvents(serviceActionQueue, { connection: workerRedis, prefix });
  await events.waitUntilReady();
  return {
    database,
    async send(orders) {
      const job = await producer.add('order-classified', batchOf(orders));
      await job.waitUntilFinished(events, 20_000);
    },
    async event(name, payload) {
      const job = await producer.queue.add(name, { event_id: `${name}-${Date.now()}-${Math.random()}`, at: new Date().toISOString(), ...payload });
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
