import { z } from 'zod';

/**
 * Job options a contract may set. A structural subset of BullMQ's `JobsOptions`, declared here so
 * contracts stay free of I/O libraries. `removeOnFail: true` is not expressible on purpose: the
 * failed set is our dead-letter queue.
 */
export interface ContractJobOptions {
  attempts: number;
  backoff: { type: 'exponential' | 'fixed'; delay: number; jitter?: number };
  removeOnComplete: { age: number; count?: number };
  removeOnFail: { age: number; count?: number };
  priority?: number;
}

/** One job of a queue: its payload schema and, for commands, the schema of its result. */
export interface JobSpec<Payload extends z.ZodType = z.ZodType, Result extends z.ZodType = z.ZodType> {
  payload: Payload;
  result: Result;
  /** One line for humans and the generated docs. */
  description: string;
}

/** A queue contract: one consuming service, a fixed set of job names, each with its schemas. */
export interface QueueContract<Jobs extends Record<string, JobSpec> = Record<string, JobSpec>> {
  /** Queue name: kebab-case, no ':'. Renaming it is a migration. */
  name: string;
  /** The service that consumes this queue (one queue per consuming service). */
  consumer: string;
  jobs: Jobs;
  defaultJobOptions: ContractJobOptions;
}

/** Job names of a contract. */
export type JobName<Q extends QueueContract> = Extract<keyof Q['jobs'], string>;
/** Payload type of one job (what producers pass and consumers receive after parsing). */
export type JobPayload<Q extends QueueContract, N extends JobName<Q>> = z.infer<Q['jobs'][N]['payload']>;
/** Payload as producers may write it before parsing (defaults not yet applied). */
export type JobPayloadInput<Q extends QueueContract, N extends JobName<Q>> = z.input<Q['jobs'][N]['payload']>;
/** Result type of one job. */
export type JobResult<Q extends QueueContract, N extends JobName<Q>> = z.infer<Q['jobs'][N]['result']>;

const QUEUE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const JOB_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*(\.v[0-9]+)?$/;

/** Retries with exponential backoff and jitter; completed jobs kept an hour, failed two weeks. */
export const standardJobOptions: ContractJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 },
  removeOnComplete: { age: 3_600, count: 10_000 },
  removeOnFail: { age: 14 * 24 * 3_600 },
};

/**
 * Declares a queue contract and checks its names at load time (kebab-case, no ':', job names
 * optionally suffixed `.vN`), so a bad name fails the first test rather than production.
 */
export function defineQueue<const Jobs extends Record<string, JobSpec>>(
  contract: QueueContract<Jobs>,
): QueueContract<Jobs> {
  if (!QUEUE_NAME.test(contract.name)) throw new Error(`queue name "${contract.name}" must be kebab-case`);
  for (const job of Object.keys(contract.jobs)) {
    if (!JOB_NAME.test(job)) throw new Error(`job name "${job}" of queue ${contract.name} must be kebab-case`);
  }
  if (contract.defaultJobOptions.attempts < 1) throw new Error(`queue ${contract.name}: attempts must be >= 1`);
  return contract;
}

/**
 * Declares one job; `result` defaults to "no meaningful result" (`null`). Overloads rather than a
 * defaulted type parameter: inside `defineQueue({ jobs: { ... } })` TypeScript would infer the
 * result type from the expected `JobSpec` and widen it to `unknown` instead of using the default.
 */
export function job<P extends z.ZodType>(spec: { payload: P; description: string }): JobSpec<P, z.ZodNull>;
export function job<P extends z.ZodType, R extends z.ZodType>(spec: { payload: P; result: R; description: string }): JobSpec<P, R>;
export function job(spec: { payload: z.ZodType; result?: z.ZodType; description: string }): JobSpec {
  return { payload: spec.payload, result: spec.result ?? z.null(), description: spec.description };
}
