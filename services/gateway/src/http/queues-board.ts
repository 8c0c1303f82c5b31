import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import type { RequestHandler, Router } from 'express';
import type { Redis } from 'ioredis';

const REFRESH_MS = 5_000;

/**
 * bull-board at `/admin/queues`. The queue list is refreshed from `listQueueNames` (contracts and
 * running services) at most every few seconds, so queues of services started later appear.
 */
export function queuesBoard(opts: { basePath: string; redis: Redis; prefix: string; listQueueNames: () => Promise<string[]> }): {
  router: Router;
  refresh: RequestHandler;
  close(): Promise<void>;
} {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(opts.basePath);
  const board = createBullBoard({ queues: [], serverAdapter: adapter, options: { uiConfig: { boardTitle: 'HVAR queues' } } });
  const queues = new Map<string, Queue>();
  let refreshedAt = 0;

  const refresh: RequestHandler = (_req, _res, next) => {
    if (Date.now() - refreshedAt < REFRESH_MS) return next();
    refreshedAt = Date.now();
    opts
      .listQueueNames()
      .then((names) => {
        for (const name of names.filter((n) => !queues.has(n))) {
          const queue = new Queue(name, { connection: opts.redis, prefix: opts.prefix });
          queues.set(name, queue);
          board.addQueue(new BullMQAdapter(queue));
        }
        next();
      })
      .catch(next);
  };
  return {
    router: adapter.getRouter() as Router,
    refresh,
    close: async () => {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
