/**
 * `pnpm redrive <queue> [--job <id>] [--limit N] [--dry-run]`: moves failed jobs (our dead-letter
 * queue) back to waiting, after the cause was fixed. Reads REDIS_URL and QUEUE_PREFIX.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { allQueues, type QueueContract } from '@hvar/contracts';
import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { baseConfigShape, loadConfig } from '../config.js';
import { createRedis, waitForRedis } from '../redis.js';

/** What to redrive. */
export interface RedriveOptions {
  connection: Redis;
  prefix: string;
  queue: string;
  /** Only this job (it must be in the failed set). */
  jobId?: string;
  /** At most this many jobs, oldest failure first. */
  limit?: number;
  /** List what would be retried, change nothing. */
  dryRun?: boolean;
  /** Known queues; `allQueues` from @hvar/contracts by default. */
  known?: readonly QueueContract[];
}

/** What a redrive did. */
export interface RedriveResult {
  queue: string;
  /** Failed jobs selected. */
  found: number;
  /** Moved back to waiting (0 in a dry run). */
  retried: number;
  /** Ids of the selected jobs. */
  jobIds: string[];
  /** Jobs that could not be retried (left the failed set meanwhile, or locked), with the reason. */
  skipped: { jobId: string; reason: string }[];
  warnings: string[];
}

/**
 * Retries the failed jobs of one queue. The queue must exist in Redis; a name that no contract
 * declares is accepted with a warning (a queue removed from the contracts may still hold jobs).
 * Attempts are reset, so a redriven job gets its contract's full retry policy again.
 */
export async function redriveFailed(opts: RedriveOptions): Promise<RedriveResult> {
  const warnings = await checkQueue(opts);
  const queue = new Queue(opts.queue, { connection: opts.connection, prefix: opts.prefix });
  try {
    const jobs = await selectFailed(queue, opts, warnings);
    const result: RedriveResult = { queue: opts.queue, found: jobs.length, retried: 0, jobIds: jobs.map(idOf), skipped: [], warnings };
    if (opts.dryRun) return result;
    for (const job of jobs) {
      try {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        result.retried += 1;
      } catch (err) {
        result.skipped.push({ jobId: idOf(job), reason: err instanceof Error ? err.message : String(err) });
      }
    }
    return result;
  } finally {
    await queue.close();
  }
}

async function checkQueue(opts: RedriveOptions): Promise<string[]> {
  const known = opts.known ?? allQueues;
  const declared = known.some((q) => q.name === opts.queue);
  if (declared) return [];
  // BullMQ writes `<prefix>:<queue>:meta` with the first job added to a queue.
  const exists = (await opts.connection.exists(`${opts.prefix}:${opts.queue}:meta`)) === 1;
  if (!exists) {
    const names = known.map((q) => q.name).join(', ') || 'none declared';
    throw new Error(`no queue "${opts.queue}" under prefix "${opts.prefix}" (known queues: ${names})`);
  }
  return known.length > 0 ? [`queue "${opts.queue}" is not declared in @hvar/contracts; redriving it anyway`] : [];
}

async function selectFailed(queue: Queue, opts: RedriveOptions, warnings: string[]): Promise<Job[]> {
  if (opts.jobId !== undefined) {
    const job = await queue.getJob(opts.jobId);
    const state = job ? await job.getState() : 'missing';
    if (!job || state !== 'failed') {
      warnings.push(`job ${opts.jobId} is ${state}, not failed: nothing to redrive`);
      return [];
    }
    return [job];
  }
  // Oldest failure first (asc), so a limited redrive works through the backlog in order.
  const total = await queue.getFailedCount();
  const count = Math.min(total, opts.limit ?? total);
  if (count === 0) return [];
  const jobs = await queue.getJobs(['failed'], 0, count - 1, true);
  return jobs.filter((j): j is Job => Boolean(j));
}

function idOf(job: Job): string {
  return job.id ?? '?';
}

const CliArgs = z.object({
  queue: z.string().min(1),
  job: z.string().min(1).optional(),
  limit: z.coerce.number().int().positive().optional(),
  dryRun: z.boolean(),
});

const USAGE = 'usage: redrive <queue> [--job <id>] [--limit N] [--dry-run]';

/** Parses the command line; throws with the usage line on bad input. */
export function parseRedriveArgs(argv: string[]): z.infer<typeof CliArgs> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { job: { type: 'string' }, limit: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new Error(USAGE);
  const parsed = CliArgs.safeParse({ queue: positionals[0], job: values.job, limit: values.limit, dryRun: values['dry-run'] });
  if (!parsed.success) throw new Error(`${USAGE}\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return parsed.data;
}

/** Formats a result as the lines the CLI prints. */
export function formatRedrive(result: RedriveResult, dryRun: boolean): string {
  const lines = result.warnings.map((w) => `warning: ${w}`);
  if (dryRun) lines.push(`${result.queue}: ${result.found} failed job(s) would be retried: ${result.jobIds.join(', ') || '-'}`);
  else lines.push(`${result.queue}: ${result.found} failed, ${result.retried} retried, ${result.skipped.length} skipped`);
  for (const s of result.skipped) lines.push(`  skipped ${s.jobId}: ${s.reason}`);
  return `${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  let args: z.infer<typeof CliArgs>;
  let config: { REDIS_URL: string; QUEUE_PREFIX: string };
  try {
    args = parseRedriveArgs(argv);
    config = loadConfig(z.object({ REDIS_URL: baseConfigShape.REDIS_URL, QUEUE_PREFIX: baseConfigShape.QUEUE_PREFIX }));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const redis = createRedis(config.REDIS_URL, 'worker', 'redrive');
  try {
    await waitForRedis(redis);
    const result = await redriveFailed({ connection: redis, prefix: config.QUEUE_PREFIX, queue: args.queue, jobId: args.job, limit: args.limit, dryRun: args.dryRun });
    process.stdout.write(formatRedrive(result, args.dryRun));
    return result.skipped.length > 0 ? 1 : 0;
  } catch (err) {
    process.stderr.write(`redrive: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    // quit() would wait forever for a connection that never came up (offline queue).
    if (redis.status === 'ready') await redis.quit();
    else redis.disconnect();
  }
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) process.exitCode = await main(process.argv.slice(2));
