/**
 * `npm run sync -- --full | --incremental [--no-wait]`: asks the sync service for a run (through the
 * `sync` queue, like the API does) and follows it: a progress bar on a terminal, a line every few
 * seconds otherwise. Reads DATABASE_URL, REDIS_URL and QUEUE_PREFIX (the local stack's by default).
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { syncQueue, type SyncRun } from '@hvar/contracts';
import { baseConfigShape, createDatabase, createProducer, createQueueEvents, createRedis, loadConfigOrExit } from '@hvar/platform';
import { z } from 'zod';
import { getRun } from '../db/repo.js';
import { progressLine, toSyncRun } from '../domain/run-progress.js';
import { localStackEnv } from './local-stack.js';
import { renderBar } from './progress-bar.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const START_WAIT_MS = 30_000;

function parseCli(argv: string[]): { mode: 'full' | 'incremental'; follow: boolean } {
  const { values } = parseArgs({ args: argv, options: { full: { type: 'boolean' }, incremental: { type: 'boolean' }, wait: { type: 'boolean' }, 'no-wait': { type: 'boolean' } } });
  if (values.full === values.incremental) {
    process.stderr.write('usage: npm run sync -- --full | --incremental [--no-wait]\n');
    process.exit(2);
  }
  return { mode: values.full ? 'full' : 'incremental', follow: !values['no-wait'] };
}

async function main(): Promise<number> {
  const args = parseCli(process.argv.slice(2));
  const config = loadConfigOrExit(
    z.object({ DATABASE_URL: baseConfigShape.DATABASE_URL, REDIS_URL: baseConfigShape.REDIS_URL, QUEUE_PREFIX: baseConfigShape.QUEUE_PREFIX }),
    { ...localStackEnv(ROOT, process.env), ...process.env },
  );
  const redis = createRedis(config.REDIS_URL, 'producer', 'sync-cli');
  // QueueEvents blocks on Redis: it needs a connection that waits (the worker role).
  const blocking = createRedis(config.REDIS_URL, 'worker', 'sync-cli-events');
  const events = createQueueEvents(syncQueue, { connection: blocking, prefix: config.QUEUE_PREFIX });
  const producer = createProducer(syncQueue, { connection: redis, prefix: config.QUEUE_PREFIX });
  const database = createDatabase({ url: config.DATABASE_URL, applicationName: 'sync-cli', max: 1 });
  try {
    await events.waitUntilReady();
    const job = await producer.add('start-run', { mode: args.mode, requested_by: 'cli' });
    const run = (await job.waitUntilFinished(events, START_WAIT_MS).catch((err: unknown) => {
      throw new Error(`the sync service did not answer within ${START_WAIT_MS / 1000} s (is it running?): ${err instanceof Error ? err.message : String(err)}`);
    })) as SyncRun;
    process.stdout.write(`${args.mode} sync run ${run.id} (${run.status}, requested by ${run.requested_by})\n`);
    if (!args.follow) return 0;
    const final = await follow(database.pool, run.id);
    return final.status === 'completed' ? 0 : 1;
  } finally {
    await Promise.all([producer.close(), events.close()]);
    redis.disconnect();
    blocking.disconnect();
    await database.close();
  }
}

/** Polls the run until it finishes, drawing the bar (TTY) or printing a line every few seconds. */
async function follow(pool: Parameters<typeof getRun>[0], runId: string): Promise<SyncRun> {
  const tty = process.stdout.isTTY;
  let lastLine = 0;
  for (;;) {
    const row = await getRun(pool, runId);
    if (!row) throw new Error(`run ${runId} not found`);
    const run = toSyncRun(row);
    const finished = run.status === 'completed' || run.status === 'failed';
    if (tty) process.stdout.write(`\r${renderBar(run)}\x1b[K`);
    else if (finished || Date.now() - lastLine >= 3_000) {
      lastLine = Date.now();
      process.stdout.write(`${progressLine(run)}\n`);
    }
    if (finished) {
      if (tty) process.stdout.write(`\n${progressLine(run)}\n`);
      if (run.last_error) process.stdout.write(`last error: ${run.last_error}\n`);
      return run;
    }
    await sleep(tty ? 250 : 1_000);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`sync: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
