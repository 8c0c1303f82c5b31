import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import os from 'node:os';
import type { QueueContract } from '@hvar/contracts';
import type { Worker } from 'bullmq';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import { createDatabase, pingDatabase, type Database } from './db.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, type ServiceMetrics } from './metrics.js';
import { closeServer, createOpsApp, listen, type ReadinessCheck } from './http.js';
import { createProducer, createWorker, queueDepths, type Handlers, type Producer } from './queues.js';
import { createRedis, pingRedis } from './redis.js';
import { announceService } from './registry.js';
import { createShutdown, type Shutdown } from './shutdown.js';
import { startTelemetry } from './telemetry.js';

/** The settings every service runtime needs (a subset of `baseConfigShape`). */
export interface RuntimeConfig {
  LOG_LEVEL: string;
  DATABASE_URL: string;
  REDIS_URL: string;
  QUEUE_PREFIX: string;
  SHUTDOWN_TIMEOUT_MS: number;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  INTERNAL_HOST: string;
  INTERNAL_PORT: number;
  INTERNAL_ADVERTISE_URL?: string | undefined;
}

/** Everything a service's wiring needs, created once in `main.ts`. */
export interface Runtime {
  name: string;
  version: string;
  instance: string;
  log: Logger;
  metrics: ServiceMetrics;
  database: Database;
  /** Fails fast; for producers on request paths. */
  producerRedis: Redis;
  /** Retries forever; for workers (BullMQ duplicates it for blocking calls). */
  workerRedis: Redis;
  prefix: string;
  shutdown: Shutdown;
  checks: Record<string, ReadinessCheck>;
  producers: Map<string, Producer<QueueContract>>;
  workers: Worker[];
}

/**
 * Creates the shared runtime of a service and registers every resource with the ordered shutdown,
 * so `main.ts` stays wiring only: config → runtime → workers → HTTP → announce.
 */
export function createRuntime(opts: { name: string; version: string; config: RuntimeConfig; exit?: (code: number) => void }): Runtime {
  const { config } = opts;
  const telemetry = startTelemetry({ service: opts.name, version: opts.version, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  const log = createLogger({ service: opts.name, level: config.LOG_LEVEL });
  const shutdown = createShutdown({ deadlineMs: config.SHUTDOWN_TIMEOUT_MS, log, exit: opts.exit });
  const database = createDatabase({ url: config.DATABASE_URL, applicationName: opts.name });
  const producerRedis = createRedis(config.REDIS_URL, 'producer', `${opts.name}-producer`);
  const workerRedis = createRedis(config.REDIS_URL, 'worker', `${opts.name}-worker`);
  const runtime: Runtime = {
    name: opts.name,
    version: opts.version,
    instance: randomUUID().slice(0, 8),
    log,
    metrics: createMetrics(opts.name),
    database,
    producerRedis,
    workerRedis,
    prefix: config.QUEUE_PREFIX,
    shutdown,
    checks: { postgres: () => pingDatabase(database), redis: () => pingRedis(producerRedis) },
    producers: new Map(),
    workers: [],
  };
  shutdown.add('redis', 'redis', () => Promise.all([producerRedis.quit(), workerRedis.quit()]));
  shutdown.add('postgres', 'postgres', () => database.close());
  shutdown.add('telemetry', 'telemetry', () => telemetry.shutdown());
  return runtime;
}

/** Creates (once per queue) the producer of a contract, closed in the producers phase. */
export function useProducer<Q extends QueueContract>(runtime: Runtime, contract: Q): Producer<Q> {
  const existing = runtime.producers.get(contract.name);
  if (existing) return existing as unknown as Producer<Q>;
  const producer = createProducer(contract, { connection: runtime.producerRedis, prefix: runtime.prefix, telemetryName: runtime.name });
  runtime.producers.set(contract.name, producer as unknown as Producer<QueueContract>);
  runtime.shutdown.add('producers', `producer ${contract.name}`, () => producer.close());
  return producer;
}

/** How a worker consumes: jobs at once, and for long jobs the lock that is renewed while the process lives. */
export interface WorkerSettings {
  concurrency?: number;
  /** A job whose process died is picked up by another worker after this (default BullMQ's 30 s). */
  lockMs?: number;
}

/** Starts the consumer of a contract; closing it (intake phase) waits for in-flight jobs. */
export function startWorker<Q extends QueueContract>(runtime: Runtime, contract: Q, handlers: Handlers<Q>, settings: WorkerSettings = {}): Worker {
  const { lockMs } = settings;
  const worker = createWorker(contract, handlers, {
    connection: runtime.workerRedis,
    prefix: runtime.prefix,
    log: runtime.log,
    concurrency: settings.concurrency ?? 1,
    ...(lockMs === undefined ? {} : { lockDuration: lockMs, stalledInterval: Math.max(1_000, Math.round(lockMs / 2)) }),
    telemetryName: runtime.name,
    onOutcome: (o) => {
      runtime.metrics.jobOutcomes.inc({ queue: o.queue, job: o.name, status: o.status });
      if (o.status === 'completed') runtime.metrics.jobDuration.observe({ queue: o.queue, job: o.name }, o.ms / 1000);
    },
  });
  runtime.workers.push(worker);
  runtime.shutdown.add('intake', `worker ${contract.name}`, () => worker.close());
  return worker;
}

/**
 * Starts the service's internal HTTP server (health, readiness, metrics, plus `mount` for the read
 * API), announces the service in Redis, and registers both with the shutdown.
 */
export async function startInternalHttp(
  runtime: Runtime,
  config: Pick<RuntimeConfig, 'INTERNAL_HOST' | 'INTERNAL_PORT' | 'INTERNAL_ADVERTISE_URL'>,
  mount?: (app: Express) => void,
): Promise<Server> {
  const app = createOpsApp({
    service: runtime.name,
    version: runtime.version,
    checks: runtime.checks,
    metrics: runtime.metrics,
    beforeScrape: () => refreshDepths(runtime),
  });
  mount?.(app);
  const server = await listen(app, config.INTERNAL_PORT, config.INTERNAL_HOST);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.INTERNAL_PORT;
  const announcement = announceService(runtime.producerRedis, runtime.prefix, {
    name: runtime.name,
    instance: runtime.instance,
    version: runtime.version,
    internal_url: advertisedUrl(config, port),
    queues: runtime.workers.map((w) => w.name),
    started_at: new Date().toISOString(),
  });
  runtime.shutdown.add('intake', 'internal http', async () => {
    await announcement.stop().catch(() => undefined);
    await closeServer(server);
  });
  return server;
}

/** Where other processes reach this server: the override, else the bound host (see config). */
export function advertisedUrl(
  config: Pick<RuntimeConfig, 'INTERNAL_HOST' | 'INTERNAL_ADVERTISE_URL'>,
  port: number,
  hostname: string = os.hostname(),
): string {
  if (config.INTERNAL_ADVERTISE_URL) return config.INTERNAL_ADVERTISE_URL.replace(/\/+$/, '');
  const wildcard = config.INTERNAL_HOST === '0.0.0.0' || config.INTERNAL_HOST === '::';
  const host = wildcard ? hostname : config.INTERNAL_HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

async function refreshDepths(runtime: Runtime): Promise<void> {
  for (const producer of runtime.producers.values()) {
    const depths = await queueDepths(producer.queue);
    for (const [state, n] of Object.entries(depths)) runtime.metrics.queueDepth.set({ queue: producer.queue.name, state }, n);
  }
}
