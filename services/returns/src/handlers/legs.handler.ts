import type { JobPayload, returnsQueue } from '@hvar/contracts';
import type { JobContext } from '@hvar/platform';
import type { ReturnsDeps } from '../deps.js';
import { cancelReturn } from '../legs/cancel.js';
import { createLeg } from '../legs/create.js';
import { applyOrderChanges } from '../legs/order-changes.js';

type Job<N extends 'create-leg' | 'cancel-return' | 'order-changed'> = JobPayload<typeof returnsQueue, N>;

/** The jobs that talk to Bosta (`create-leg`, `cancel-return`) and follow its states (`order-changed`). */
export function legHandlers(deps: ReturnsDeps) {
  return {
    'create-leg': async (job: Job<'create-leg'>, ctx: JobContext): Promise<null> => {
      const outcome = await createLeg(deps, job.return_id, { attempt: ctx.attempt, maxAttempts: ctx.job.opts.attempts ?? 1, log: ctx.log });
      ctx.log.info({ returnId: job.return_id, outcome }, 'create-leg done');
      return null;
    },
    'cancel-return': async (job: Job<'cancel-return'>, ctx: JobContext): Promise<null> => {
      const outcome = await cancelReturn(deps, job);
      ctx.log.info({ actionId: job.action_id, ...outcome }, 'pickups of a cancelled case handled');
      return null;
    },
    'order-changed': async (batch: Job<'order-changed'>, ctx: JobContext): Promise<null> => {
      const outcome = await applyOrderChanges(deps, batch);
      if (outcome.matched > 0) ctx.log.info({ batchId: batch.batch_id, ...outcome }, 'order changes of our deliveries applied');
      return null;
    },
  };
}
