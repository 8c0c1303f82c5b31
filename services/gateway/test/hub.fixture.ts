import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hubQueue, serviceActionQueue, type JobName, type JobPayloadInput, type QueueContract } from '@hvar/contracts';
import { announceService, closeServer, createProducer, createQueueEvents, createRedis, createWorker, listen, startOutboxRelay, type Database, type Producer } from '@hvar/platform';
import type { QueueEvents, Worker } from 'bullmq';
import express from 'express';
import type { Redis } from 'ioredis';
import { outbox } from '../../hub/src/db/schema.js';
import { mountReadApi } from '../../hub/src/http.js';
import { createHubHandlers } from '../../hub/src/worker.js';
import { openHubDb, testDeps } from '../../hub/test/harness.js';

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
  const producer = createProducer(hubQueue, { connection: redis, prefix });
  const toServiceAction = createProducer(serviceActionQueue, { connection: redis, prefix });
  const relay = startOutboxRelay({
    database, table: outbox, producers: new Map([[serviceActionQueue.name, toServiceAction as unknown as Producer<QueueContract>]]), log: testDeps(database).log, pollMs: 100,
  });
  const deps = testDeps(database, { kickOutbox: () => relay.kick() });
  const app = express();
  mountReadApi(app, { database, log: deps.log });
  const server: Server = await listen(app, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const announcement = announceService(redis, prefix, { name: 'hub', instance: 'test', version: 'test', internal_url: url, queues: ['hub'], started_at: new Date().toISOString() });
  const workerRedis = createRedis(redisUrl, 'worker');
  const worker: Worker = createWorker(hubQueue, createHubHandlers(deps), { connection: workerRedis, prefix, log: deps.log, concurrency: 2 });
  const events: QueueEvents = createQueueEvents(hubQueue, { connection: workerRedis, prefix });
  await events.waitUntilReady();
  return {
    database,
    async event(name, payload) {
      const job = await producer.add(name, payload);
      await job.waitUntilFinished(events, 20_000);
    },
    async stop() {
      await events.close();
      await worker.close();
      await relay.stop();
      await producer.close();
      await toServiceAction.close();
      await workerRedis.quit();
      await announcement.stop();
      await closeServer(server);
      await database.close();
    },
  };
}
