import { normalizeWebhook } from '@hvar/bosta';
import type { JobPayload, syncQueue } from '@hvar/contracts';
import { AppError, type JobContext } from '@hvar/platform';
import { applyWebhook } from '../db/write/webhook-write.js';
import type { SyncDeps } from '../deps.js';

/**
 * `webhook-received`: normalizes the body (unusable → invalid_data, failed for good, nothing written)
 * and applies it forward-only by event time.
 */
export function webhookReceivedHandler(deps: SyncDeps) {
  return async (payload: JobPayload<typeof syncQueue, 'webhook-received'>, ctx: JobContext): Promise<null> => {
    const event = normalizeWebhook(payload.body);
    if (!event.ok) throw new AppError('invalid_data', `unusable webhook body: ${event.reason}`);
    const result = await applyWebhook(deps.pool, event.value, payload.body, payload.received_at);
    ctx.log.debug({ outcome: result.outcome, orderId: result.order_id, state: event.value.state_code }, 'webhook handled');
    if (result.outcome === 'applied') deps.kickChanges();
    if (result.outcome === 'unknown_delivery') deps.kickOutbox();
    return null;
  };
}
