import type { JobName, JobPayload, JobPayloadInput, JobResult, QueueContract } from '@hvar/contracts';
import { Queue, QueueEvents, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import { BullMQOtel } from 'bullmq-otel';
import type { Redis } from 'ioredis';
import { AppError, encodeAppError, isAppError } from './errors.js';
import type { Logger } from './logger.js';
import { describeIssues } from './config.js';

/** Where a queue lives: the Redis connection and the key prefix (unique per test run). */
export interface QueueConnection {
  connection: Redis;
  prefix: string;
  /** Service name for traces; trace context then flows producer → consumer through job data. */
  telemetryName?: string;
}

function telemetry(name: string | undefined): BullMQOtel | undefined {
  return name ? new BullMQOtel(name) : undefined;
}

/** A typed producer: `add` only accepts the contract's job names with their payloads. */
export interface Producer<Q extends QueueContract> {
  readonly contract: Q;
  readonly queue: Queue;
  /** Parses the payload with the job's schema, then enqueues it (never an unvalidated payload). */
  add<N extends JobName<Q>>(name: N, payload: JobPayloadInput<Q, N>, opts?: JobsOptions): Promise<Job>;
  /** Same as `add` for many jobs in one Redis round trip. */
  addBulk<N extends JobName<Q>>(jobs: { name: N; payload: JobPayloadInput<Q, N>; opts?: JobsOptions }[]): Promise<Job[]>;
  close(): Promise<void>;
}

/** Issues named in an invalid-payload error; the rest are counted. */
const MAX_ISSUES_SHOWN = 10;

/** Parses a payload for `name`, throwing an `invalid_data` AppError that lists every issue. */
export function parsePayload<Q extends QueueContract, N extends JobName<Q>>(contract: Q, name: N, payload: unknown): JobPayload<Q, N> {
  // hasOwn: a job named "toString" or "constructor" is not a job of the contract.
  const spec = Object.hasOwn(contract.jobs, name) ? contract.jobs[name] : undefined;
  if (!spec) throw new AppError('invalid_data', `queue ${contract.name} has no job "${name}"`);
  const parsed = spec.payload.safeParse(payload);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    // A batch of 1,000 entries missing one field would otherwise make a message of 1,000 issues.
    const shown = issues.slice(0, MAX_ISSUES_SHOWN).join('; ');
    const more = issues.length > MAX_ISSUES_SHOWN ? `; and ${issues.length - MAX_ISSUES_SHOWN} more` : '';
    throw new AppError('invalid_data', `invalid ${contract.name}/${name} payload: ${shown}${more}`);
  }
  return parsed.data as JobPayload<Q, N>;
}

/** Creates the producer side of a queue with the contract's default job options. */
export function createProducer<Q extends QueueContract>(contract: Q, conn: QueueConnection): Producer<Q> {
  const queue = new Queue(contract.name, {
    connection: conn.connection,
    prefix: conn.prefix,
    defaultJobOptions: contract.defaultJobOptions,
    telemetry: telemetry(conn.telemetryName),
  });
  queue.on('error', () => undefined); // connection errors surface through add() and readiness
  return {
    contract,
    queue,
    // async: an invalid payload rejects the returned promise instead of throwing synchronously.
    add: async (name, payload, opts) => queue.add(name, parsePayload(contract, name, payload), opts),
    addBulk: async (jobs) =>
      queue.addBulk(jobs.map((j) => ({ name: j.name, data: parsePayload(contract, j.name, j.payload), opts: j.opts }))),
    close: () => queue.close(),
  };
}

/**
 * Makes sure the job `jobId` exists and will run: adds it when missing, retries it when it failed
 * for good. For long runs whose state lives in the database (a run row with a cursor): calling this
 * at start for every unfinished run recovers a run whose job was lost or exhausted its attempts.
 * Answers what it did.
 */
export async function ensureJob<Q extends QueueContract, N extends JobName<Q>>(
  producer: Producer<Q>,
  name: N,
  payload: JobPayloadInput<Q, N>,
  jobId: string,
): Promise<'added' | 'retried' | 'present'> {
  const existing = await producer.queue.getJob(jobId);
  if (!existing) {
    await producer.add(name, payload, { jobId });
    return 'added';
  }
  if (await existing.isFailed()) {
    await existing.retry('failed');
    return 'retried';
  }
  return 'present';
}

/** What a handler gets besides its payload. */
export interface JobContext {
  jobId: string;
  attempt: number;
  log: Logger;
  job: Job;
}

/** One handler per job name: leaving one out, or returning the wrong result, is a compile error. */
export type Handlers<Q extends QueueContract> = {
  [N in JobName<Q>]: (payload: JobPayload<Q, N>, ctx: JobContext) => Promise<JobResult<Q, N>>;
};

/** Options of `createWorker`. */
export interface WorkerOptions extends QueueConnection {
  log: Logger;
  concurrency?: number;
  /** Called for every job outcome (metrics). */
  onOutcome?: (outcome: { queue: string; name: string; status: 'completed' | 'failed' | 'dead'; ms: number }) => void;
  autorun?: boolean;
  /** How long a job's lock lasts without renewal; a worker that died loses its jobs after this. */
  lockDuration?: number;
  /** How often this worker looks for stalled jobs (locks that expired) and puts them back. */
  stalledInterval?: number;
  /** How many times a job whose worker died may be put back before it fails for good (default MAX_STALLED_COUNT). */
  maxStalledCount?: number;
}

/**
 * A job whose worker died (SIGKILL, OOM, a deploy) is put back this many times before BullMQ fails it
 * as "stalled more than allowable limit". BullMQ's default, 1, dead-letters a message as soon as two
 * processes die holding it, which restarts in a row (a crash-looping node, a chaos run) easily do; a
 * job that kills every worker that takes it still ends in the failed set after this many tries.
 */
export const MAX_STALLED_COUNT = 10;

/**
 * Creates the consumer of a queue. Every job is parsed first; an invalid payload, and an AppError
 * that must not be retried, fail the job for good (`UnrecoverableError`), so it stays visible in the
 * failed set (our dead-letter queue). Other errors are retried with the contract's backoff.
 */
export function createWorker<Q extends QueueContract>(contract: Q, handlers: Handlers<Q>, opts: WorkerOptions): Worker {
  const processor = async (job: Job): Promise<unknown> => {
    const log = opts.log.child({ queue: contract.name, jobName: job.name, jobId: job.id, attempt: job.attemptsMade + 1 });
    const started = Date.now();
    try {
      const table = handlers as Record<string, ((p: unknown, c: JobContext) => Promise<unknown>) | undefined>;
      const handler = Object.hasOwn(table, job.name) ? table[job.name] : undefined;
      if (!handler) throw new AppError('invalid_data', `no handler for job "${job.name}" on queue ${contract.name}`);
      const payload = parsePayload(contract, job.name as JobName<Q>, job.data);
      const result = await handler(payload, { jobId: job.id ?? '', attempt: job.attemptsMade + 1, log, job });
      opts.onOutcome?.({ queue: contract.name, name: job.name, status: 'completed', ms: Date.now() - started });
      return result ?? null;
    } catch (err) {
      throw toJobError(err, log);
    }
  };
  const worker = new Worker(contract.name, processor, {
    connection: opts.connection,
    prefix: opts.prefix,
    concurrency: opts.concurrency ?? 1,
    autorun: opts.autorun ?? true,
    ...(opts.lockDuration === undefined ? {} : { lockDuration: opts.lockDuration }),
    ...(opts.stalledInterval === undefined ? {} : { stalledInterval: opts.stalledInterval }),
    maxStalledCount: opts.maxStalledCount ?? MAX_STALLED_COUNT,
    telemetry: telemetry(opts.telemetryName),
  });
  worker.on('error', (err) => opts.log.error({ err, queue: contract.name }, 'worker error'));
  worker.on('failed', (job, err) => {
    if (!job) return;
    const dead = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    opts.onOutcome?.({ queue: contract.name, name: job.name, status: dead ? 'dead' : 'failed', ms: 0 });
    if (dead) opts.log.error({ queue: contract.name, jobName: job.name, jobId: job.id, reason: err.message }, 'job dead-lettered');
  });
  return worker;
}

/** Maps a handler error to what BullMQ should do with the job (retry or fail for good). */
function toJobError(err: unknown, log: Logger): Error {
  if (isAppError(err)) {
    const encoded = encodeAppError(err);
    log.warn({ type: err.type, retry: err.retryable }, 'job failed with AppError');
    return err.retryable ? new Error(encoded) : new UnrecoverableError(encoded);
  }
  log.error({ err }, 'job failed');
  return err instanceof Error ? err : new Error(String(err));
}

/** QueueEvents for waiting on results (the gateway's command pattern). */
export function createQueueEvents(contract: QueueContract, conn: QueueConnection): QueueEvents {
  const events = new QueueEvents(contract.name, { connection: conn.connection, prefix: conn.prefix, autorun: true });
  events.on('error', () => undefined);
  return events;
}

/** Counts of a queue's jobs by state (for status pages and metrics). */
export async function queueDepths(queue: Queue): Promise<Record<string, number>> {
  return queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'paused', 'prioritized');
}
