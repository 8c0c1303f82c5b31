import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { QueueContract } from '@hvar/contracts';
import {
  announceService, closeServer, createProducer, createQueueEvents, createRedis, createWorker, listen, startOutboxRelay,
  type Database, type Handlers, type Logger, type OutboxRelay, type OutboxTable, type Producer,
} from '@hvar/platform';
import type { QueueEvents } from 'bullmq';
import express, { type Express } from 'express';
import type { Redis } from 'ioredis';

/** A service running in the test process as the gateway sees it: read API announced in the registry, worker on the gateway's queues. */
export interface InProcessService<Q extends QueueContract> {
  /** The producer of the service's own queue (the gateway's prefix). */
  producer: Producer<Q>;
  /** Events of the service's queue, to wait for a job. */
  events: QueueEvents;
  stop(): Promise<void>;
}

/**
 * Starts a service's read API (announced under `prefix`), its worker with the handlers
 * `handlers(kick)` builds and, when `relay` is given, its outbox relay to the queues it writes to.
 * The database is the caller's (opened and closed by it).
 */
export async function startInProcessService<Q extends QueueContract>(opts: {
  redis: Redis;
  redisUrl: string;
  prefix: string;
  name: string;
  contract: Q;
  database: Database;
  log: Logger;
  /** Mounts the read API; `producer` is the service's own queue (for a status page). */
  mount: (app: Express, producer: Producer<Q>) => void;
  handlers: (kick: () => void) => Handlers<Q>;
  relay?: { outbox: OutboxTable; produces: readonly QueueContract[] };
}): Promise<InProcessService<Q>> {
  const conn = { connection: opts.redis, prefix: opts.prefix };
  const producer = createProducer(opts.contract, conn);
  const targets = (opts.relay?.produces ?? []).map((c) => createProducer(c, conn) as unknown as Producer<QueueContract>);
  let relay: OutboxRelay | undefined;
  if (opts.relay) {
    relay = startOutboxRelay({ database: opts.database, table: opts.relay.outbox, producers: new Map(targets.map((p) => [p.queue.name, p])), log: opts.log, pollMs: 100 });
  }
  const handlers = opts.handlers(() => relay?.kick());
  const app = express();
  opts.mount(app, producer);
  const server: Server = await listen(app, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const announcement = announceService(opts.redis, opts.prefix, {
    name: opts.name, instance: 'test', version: 'test', internal_url: url, queues: [opts.contract.name], started_at: new Date().toISOString(),
  });
  const workerRedis = createRedis(opts.redisUrl, 'worker');
  const worker = createWorker(opts.contract, handlers, { connection: workerRedis, prefix: opts.prefix, log: opts.log, concurrency: 2 });
  const events = createQueueEvents(opts.contract, { connection: workerRedis, prefix: opts.prefix });
  await events.waitUntilReady();
  return {
    producer, events,
    async stop() {
      await events.close();
      await worker.close();
      await relay?.stop();
      await producer.close();
      for (const t of targets) await t.close();
      await workerRedis.quit();
      await announcement.stop();
      await closeServer(server);
    },
  };
}
