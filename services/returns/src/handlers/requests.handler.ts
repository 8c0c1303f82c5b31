import type { JobPayload, returnsQueue } from '@hvar/contracts';
import type { JobContext } from '@hvar/platform';
import type { ReturnsDeps } from '../deps.js';
import { requestOutbound, requestPickup } from '../legs/request.js';
import { once } from './once.js';

type Req<N extends 'return-requested' | 'outbound-requested'> = JobPayload<typeof returnsQueue, N>;

/**
 * Requests from service-action, each applied once per job id (the outbox id of the message): the leg
 * is stored `pending` with its `create-leg` job. A duplicate under another id finds the leg's unique
 * key taken and stores nothing.
 */
export function requestHandlers(deps: ReturnsDeps) {
  return {
    'return-requested': async (req: Req<'return-requested'>, ctx: JobContext): Promise<null> => {
      const out = await once(deps, 'return-requested', ctx.jobId, (tx) => requestPickup(tx, req, deps.settings.pickupCodPiastres, deps.now()));
      ctx.log.info({ actionId: req.action_id, attempt: req.attempt, returnId: out.return_id }, out.return_id ? 'pickup requested' : 'pickup already requested');
      return null;
    },
    'outbound-requested': async (req: Req<'outbound-requested'>, ctx: JobContext): Promise<null> => {
      const out = await once(deps, 'outbound-requested', ctx.jobId, (tx) => requestOutbound(tx, req, deps.now()));
      ctx.log.info({ actionId: req.action_id, returnId: out.return_id }, out.return_id ? 'outbound delivery requested' : 'outbound delivery already requested');
      return null;
    },
  };
}
