import { createHash, randomUUID } from 'node:crypto';
import type { JobName, JobPayloadInput, QueueContract } from '@hvar/contracts';
import { AppError, createProducer, createQueueEvents, decodeAppError, type Producer } from '@hvar/platform';
import { Job, type Queue, type QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { GatewayRepo, OperationRow } from '../db/repo.js';

/** The outcome of a command as the HTTP layer needs it. */
export type CommandOutcome =
  | { status: 'completed'; operationId: string; result: unknown }
  | { status: 'failed'; operationId: string; error: AppError }
  | { status: 'pending'; operationId: string };

/** A command to run: which job of which queue, for whom, and how to recognise a repeat. */
export interface CommandInput<Q extends QueueContract, N extends JobName<Q>> {
  contract: Q;
  job: N;
  payload: JobPayloadInput<Q, N>;
  principal: string;
  idempotencyKey: string | undefined;
  /** method + path + body, hashed: the same key with another request is refused. */
  requestFingerprint: string;
}

/**
 * The command half of the gateway: enqueue to the owning service's queue (job id derived from the
 * Idempotency-Key, so a repeat finds the first job), wait a short time for its result, and
 * otherwise hand back an operation to poll. The command is durable once enqueued.
 */
export function createCommandBus(deps: { repo: GatewayRepo; connection: Redis; blockingConnection: Redis; prefix: string; waitMs: number }) {
  const producers = new Map<string, { producer: Producer<QueueContract>; events: QueueEvents }>();

  const channel = (contract: QueueContract) => {
    let entry = producers.get(contract.name);
    if (!entry) {
      const conn = { connection: deps.connection, prefix: deps.prefix, telemetryName: 'gateway' };
      entry = {
        producer: createProducer(contract, conn),
        events: createQueueEvents(contract, { ...conn, connection: deps.blockingConnection }),
      };
      producers.set(contract.name, entry);
    }
    return entry;
  };

  /** Reads a job's outcome and stores it on the operation once final. */
  const settle = async (op: OperationRow, queue: Queue | undefined): Promise<CommandOutcome> => {
    if (op.status === 'completed') return { status: 'completed', operationId: op.id, result: op.result };
    if (op.status === 'failed') return { status: 'failed', operationId: op.id, error: storedError(op.error) };
    if (!queue) return { status: 'pending', operationId: op.id };
    // State first, then the job: read the other way round, a job finishing in between would look
    // completed with the (not yet written) result of an active one.
    const state = await queue.getJobState(op.job_id);
    const job = state === 'completed' || state === 'failed' ? await Job.fromId(queue, op.job_id) : undefined;
    if (!job) return { status: 'pending', operationId: op.id };
    if (state === 'completed') {
      await deps.repo.finishOperation(op.id, { status: 'completed', http_status: 200, result: job.returnvalue as unknown });
      return { status: 'completed', operationId: op.id, result: job.returnvalue as unknown };
    }
    if (state === 'failed') {
      const error = decodeAppError(job.failedReason) ?? new AppError('dependency_unavailable', 'The command failed in the owning service.');
      await deps.repo.finishOperation(op.id, { status: 'failed', http_status: error.status, error: error.toJSON() });
      return { status: 'failed', operationId: op.id, error };
    }
    return { status: 'pending', operationId: op.id };
  };

  return {
    async execute<Q extends QueueContract, N extends JobName<Q>>(input: CommandInput<Q, N>): Promise<CommandOutcome> {
      const { producer, events } = channel(input.contract);
      const jobId = input.idempotencyKey ? `idem-${sha(`${input.principal}\n${input.idempotencyKey}`).slice(0, 40)}` : `op-${randomUUID()}`;
      const requestHash = sha(input.requestFingerprint);
      const claim = await deps.repo.claimOperation({
        queue: input.contract.name,
        job_name: input.job,
        job_id: jobId,
        principal: input.principal,
        idempotency_key: input.idempotencyKey ?? null,
        request_hash: requestHash,
      });
      if (!claim.created && claim.row.request_hash !== requestHash) {
        throw new AppError('unprocessable', 'This Idempotency-Key was already used with a different request.', { code: 'idempotency_key_reused' });
      }
      let job: Job;
      try {
        // add() with an existing job id returns that job: a retry after a lost answer runs nothing twice.
        job = await producer.add(input.job as never, input.payload as never, { jobId });
      } catch (err) {
        if (claim.created) await deps.repo.deleteOperation(claim.row.id).catch(() => undefined);
        if (err instanceof AppError) throw err;
        throw new AppError('dependency_unavailable', 'The command queue is unavailable; try again shortly.', { cause: err });
      }
      await job.waitUntilFinished(events, deps.waitMs).catch(() => undefined);
      return settle(claim.row, producer.queue);
    },

    /** The current outcome of an operation (for `GET /operations/{id}`). */
    async poll(op: OperationRow): Promise<CommandOutcome> {
      return settle(op, producers.get(op.queue)?.producer.queue);
    },

    /** Registers a contract up front so polling works for operations created before a restart. */
    register(contract: QueueContract): void {
      channel(contract);
    },

    async close(): Promise<void> {
      await Promise.all([...producers.values()].flatMap((p) => [p.events.close(), p.producer.close()]));
    },
  };
}

export type CommandBus = ReturnType<typeof createCommandBus>;

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function storedError(raw: unknown): AppError {
  return decodeAppError(`AppError ${JSON.stringify(raw)}`) ?? new AppError('dependency_unavailable', 'The command failed.');
}
