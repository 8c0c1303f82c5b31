import type { Logger } from '@hvar/platform';
import type pg from 'pg';
import { flushPendingChanges } from '../db/write/pending-changes.js';

/** A running flusher of webhook changes; `kick()` flushes shortly (webhooks arriving meanwhile join the batch). */
export interface ChangeFlusher {
  kick(): void;
  stop(): Promise<void>;
}

/**
 * Writes pending webhook changes as batched `order-changed` messages: shortly after a kick
 * (`batchDelayMs`, so a burst of webhooks makes one batch) and on a poll (covers crashes and other
 * replicas). `onFlushed` runs after each commit that wrote messages (kick the outbox relay).
 */
export function startChangeFlusher(opts: { pool: pg.Pool; log: Logger; onFlushed: () => void; pollMs?: number; batchDelayMs?: number }): ChangeFlusher {
  let running: Promise<void> | undefined;
  let scheduled: NodeJS.Timeout | undefined;
  let stopped = false;
  const pass = (): void => {
    scheduled = undefined;
    if (stopped || running) return;
    running = drain()
      .catch((err: unknown) => opts.log.error({ err }, 'webhook change flush failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const drain = async (): Promise<void> => {
    for (;;) {
      const n = await flushPendingChanges(opts.pool);
      if (n === 0) return;
      opts.onFlushed();
    }
  };
  const poll = setInterval(pass, opts.pollMs ?? 2_000);
  return {
    kick() {
      if (!stopped && !scheduled) scheduled = setTimeout(pass, opts.batchDelayMs ?? 200);
    },
    async stop() {
      stopped = true;
      clearInterval(poll);
      if (scheduled) clearTimeout(scheduled);
      await running;
    },
  };
}
