import type { JobName, JobPayloadInput, QueueContract } from '@hvar/contracts';
import type { QueueEvents, Worker } from 'bullmq';
import type { Database } from '../db.js';
import type { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { startOutboxRelay, type OutboxRelay, type OutboxTable } from '../outbox.js';
import { createProducer, createQueueEvents, createWorker, type Handlers, type Producer } from '../queues.js';
import { createTestInfra, deletePrefix, type TestInfra } from './index.js';
import { jobOutcome, type Outcome } from './jobs.js';

/** A service's queue consumer running in the test process, over real Redis under a fresh prefix. */
export interface QueueStack<Q extends QueueContract> {
  infra: TestInfra;
  queue: Producer<Q>;
  /** Adds a job and waits until it finished; a failure answers the AppError it carried. */
  run<N extends JobName<Q>>(name: N, payload: JobPayloadInput<Q, N>, jobId?: string): Promise<Outcome<unknown>>;
  /** Like `run`, but throws the AppError of a failure and answers the result. */
  ok<N extends JobName<Q>>(name: N, payload: JobPayloadInput<Q, N>, jobId?: string): Promise<Record<string, unknown>>;
  /** Adds a job with any data, past the producer's check (what a faulty producer could send). */
  runRaw(name: string, data: unknown): Promise<Outcome<unknown>>;
  /** Stops the worker, relay and producers and deletes the prefix (the database is the caller's). */
  close(): Promise<void>;
}

/**
 * Starts `contract`'s worker with the handlers `handlers(kick)` builds (`kick` relays the outbox now
 * when the relay runs), producers for the queues the service writes to (`produces`), and, when
 * `relay` is set, the outbox relay (otherwise messages stay readable in the outbox table).
 */
export async function startQueueStack<Q extends QueueContract>(opts: {
  label: string;
  contract: Q;
  handlers: (kick: () => void) => Handlers<Q>;
  database: Database;
  outbox: OutboxTable;
  produces: readonly QueueContract[];
  relay?: boolean;
  log: Logger;
  concurrency?: number;
}): Promise<QueueStack<Q>> {
  const infra = await createTestInfra(opts.label);
  const conn = { connection: infra.producerRedis, prefix: infra.prefix };
  const queue = createProducer(opts.contract, conn);
  const producers = new Map<string, Producer<QueueContract>>([[opts.contract.name, queue as unknown as Producer<QueueContract>]]);
  for (const c of opts.produces) if (!producers.has(c.name)) producers.set(c.name, createProducer(c, conn) as unknown as Producer<QueueContract>);
  let relay: OutboxRelay | undefined;
  const handlers = opts.handlers(() => relay?.kick());
  if (opts.relay) relay = startOutboxRelay({ database: opts.database, table: opts.outbox, producers, log: opts.log, pollMs: 100 });
  const worker: Worker = createWorker(opts.contract, handlers, { connection: infra.workerRedis, prefix: infra.prefix, log: opts.log, concurrency: opts.concurrency ?? 4 });
  const events: QueueEvents = createQueueEvents(opts.contract, { connection: infra.workerRedis, prefix: infra.prefix });
  await events.waitUntilReady();
  const run: QueueStack<Q>['run'] = async (name, payload, jobId) => jobOutcome(await queue.add(name, payload, jobId ? { jobId } : undefined), events);
  return {
    infra, queue, run,
    async ok(name, payload, jobId) {
      const outcome = await run(name, payload, jobId);
      if (!outcome.ok) throw outcome.error;
      return outcome.result as Record<string, unknown>;
    },
    runRaw: async (name, data) => jobOutcome(await queue.queue.add(name, data), events),
    async close() {
      await worker.close();
      await relay?.stop();
      await events.close();
      for (const p of producers.values()) await p.close();
      await deletePrefix(infra.producerRedis, infra.prefix);
      await infra.close();
    },
  };
}

/** Asserts an outcome failed with an AppError of the given type; answers the error. */
export function refusal(outcome: Outcome<unknown>, type: AppError['type']): AppError {
  if (outcome.ok) throw new Error(`expected a ${type} refusal, got a result: ${JSON.stringify(outcome.result)}`);
  if (outcome.error.type !== type) throw new Error(`expected ${type}, got ${outcome.error.type}: ${outcome.error.message}`);
  return outcome.error;
}
