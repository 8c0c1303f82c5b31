import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { classifierQueue, type OrderChange } from '@hvar/contracts';
import { announceService, closeServer, createLogger, createRedis, createWorker, listen, type Database } from '@hvar/platform';
import type { Worker } from 'bullmq';
import express from 'express';
import type { Redis } from 'ioredis';
import { classifyBatch } from '../../classifier/src/handlers/order-changed.handler.js';
import { mountReadApi } from '../../classifier/src/http.js';
import { createClassifierHandlers } from '../../classifier/src/worker.js';
import { openClassifierDb, testDeps } from '../../classifier/test/harness.js';

/** The classifier running in-process: its read API announced in the registry, its worker on the gateway's queues. */
export interface ClassifierService {
  database: Database;
  /** Classifies orders through the classifier's own `order-changed` path. */
  classify(orders: OrderChange[]): Promise<void>;
  stop(): Promise<void>;
}

let batches = 0;

/** Starts the real classifier read API and worker (migrated, emptied schema, rule set v1 active) under `prefix`. */
export async function startClassifier(redis: Redis, redisUrl: string, prefix: string): Promise<ClassifierService> {
  const database = await openClassifierDb();
  const log = createLogger({ service: 'classifier', level: 'silent' });
  const deps = testDeps(database);
  const app = express();
  mountReadApi(app, { database, log });
  const server: Server = await listen(app, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const announcement = announceService(redis, prefix, { name: 'classifier', instance: 'test', version: 'test', internal_url: url, queues: ['classifier'], started_at: new Date().toISOString() });
  const workerRedis = createRedis(redisUrl, 'worker');
  const worker: Worker = createWorker(classifierQueue, createClassifierHandlers(deps), { connection: workerRedis, prefix, log });
  return {
    database,
    async classify(orders) {
      batches += 1;
      await classifyBatch(deps, { batch_id: `gw-test-${Date.now()}-${batches}`, source: 'backfill', orders });
    },
    async stop() {
      await worker.close();
      await workerRedis.quit();
      await announcement.stop();
      await closeServer(server);
      await database.close();
    },
  };
}
