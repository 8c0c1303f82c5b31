/**
 * The failed sets of every queue (our dead-letter queues) after the run. A command the chaos client
 * sent twice may be refused the second time (a 409: that is the owner keeping it exactly-once); any
 * other job that failed for good is a message the system dropped, even when every case still closed.
 */
import { createRedis, waitForRedis } from '@hvar/platform';

/** Jobs failed for good, by kind. */
export interface DeadLetters {
  /** Commands of the gateway (job ids `idem-…` / `op-…`) refused by their owner. */
  refusedCommands: number;
  /** Messages between services (events, internal jobs) failed for good: lost work. */
  messages: number;
  /** `queue/job: reason` of the first few messages. */
  examples: string[];
}

const isCommand = (jobId: string): boolean => jobId.startsWith('idem-') || jobId.startsWith('op-');

/** Reads `<prefix>:<queue>:failed` of every queue under `prefix`. */
export async function readDeadLetters(redisUrl: string, prefix: string): Promise<DeadLetters> {
  const redis = createRedis(redisUrl, 'producer', 'chaos-dead-letters');
  const out: DeadLetters = { refusedCommands: 0, messages: 0, examples: [] };
  try {
    await waitForRedis(redis);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*:failed`, 'COUNT', 100);
      cursor = next;
      for (const key of keys) {
        const queue = key.slice(prefix.length + 1, -':failed'.length);
        for (const jobId of await redis.zrange(key, 0, -1)) {
          if (isCommand(jobId)) {
            out.refusedCommands++;
            continue;
          }
          out.messages++;
          const [name, reason] = await redis.hmget(`${prefix}:${queue}:${jobId}`, 'name', 'failedReason');
          if (out.examples.length < 5) out.examples.push(`${queue}/${name ?? '?'} ${jobId}: ${(reason ?? '').slice(0, 200)}`);
        }
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return out;
}
