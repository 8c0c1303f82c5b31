import { createHash, timingSafeEqual } from 'node:crypto';
import { normalizeWebhook } from '@hvar/bosta';
import { syncQueue } from '@hvar/contracts';
import { AppError, createProducer, type Producer } from '@hvar/platform';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { GatewayDeps } from '../../deps.js';
import { ProblemSchema } from '../../http/problem.js';
import { route, type AnyRoute } from '../../http/route.js';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Constant-time check of the shared secret: both sides are hashed to 32 bytes first, so
 * `timingSafeEqual` compares equal-length buffers and the length of the secret does not leak.
 */
export function secretMatches(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  return timingSafeEqual(digest(given), digest(secret));
}

/** Job id of a webhook call: one per (tracking number, state, event time), so repeats collapse. */
export function webhookJobId(event: { tracking_number: string; state_code: number; event_at: string }): string {
  return `wh-${createHash('sha256').update(`${event.tracking_number}|${event.state_code}|${event.event_at}`).digest('hex').slice(0, 40)}`;
}

/** 503 while no secret is configured, 401 without the right secret; runs before the body is read. */
function requireSecret(config: GatewayDeps['config']): RequestHandler {
  return (req, _res, next) => {
    const secret = config.BOSTA_WEBHOOK_SECRET;
    if (!secret) return next(new AppError('dependency_unavailable', 'The Bosta webhook endpoint is not configured.'));
    if (!secretMatches(req.headers[config.BOSTA_WEBHOOK_HEADER.toLowerCase()], secret)) {
      return next(new AppError('unauthorized', `Missing or wrong ${config.BOSTA_WEBHOOK_HEADER} header.`));
    }
    next();
  };
}

const WebhookBody = z.record(z.string(), z.unknown()).meta({
  description: "Bosta's webhook body: top-level `_id`, `trackingNumber`, `state` (code), `type`, `timeStamp` (epoch ms), `cod`, `isConfirmedDelivery`, `exceptionReason`, ...",
});

/** The webhook intake: its route (for mounting and the OpenAPI description) and its producer. */
export interface WebhookIntake {
  routes: AnyRoute<GatewayDeps>[];
  close(): Promise<void>;
}

/**
 * `POST /webhooks/bosta`: checks the shared secret, parses the body with `normalizeWebhook` (400
 * with the reason), enqueues `webhook-received` on the sync queue and answers 200 at once; the sync
 * service applies it asynchronously (forward-only by event time, once per event).
 */
export function createWebhookIntake(deps: Pick<GatewayDeps, 'config' | 'redis' | 'prefix'>): WebhookIntake {
  let producer: Producer<typeof syncQueue> | undefined;
  const queue = () => (producer ??= createProducer(syncQueue, { connection: deps.redis, prefix: deps.prefix, telemetryName: 'gateway' }));
  const header = deps.config.BOSTA_WEBHOOK_HEADER.toLowerCase();
  const webhook = route<GatewayDeps, undefined, undefined, Record<string, unknown>>({
    method: 'post', path: '/webhooks/bosta', summary: 'Bosta webhook (state changes)', tag: 'Webhooks', access: 'public',
    headers: z.object({ [header]: z.string().meta({ description: 'The shared secret configured at Bosta (header name: BOSTA_WEBHOOK_HEADER)' }) }),
    body: WebhookBody,
    before: [requireSecret(deps.config)],
    responses: {
      200: { description: 'Received; processed asynchronously', schema: z.object({ received: z.literal(true) }) },
      401: { description: 'Missing or wrong secret', schema: ProblemSchema },
      503: { description: 'Endpoint not configured, or the queue is unreachable', schema: ProblemSchema },
    },
    handler: async ({ body }) => {
      const parsed = normalizeWebhook(body);
      if (!parsed.ok) throw new AppError('invalid_data', `Invalid webhook body: ${parsed.reason}`, { errors: [{ path: 'body', message: parsed.reason }] });
      try {
        await queue().add('webhook-received', { received_at: new Date().toISOString(), body }, { jobId: webhookJobId(parsed.value) });
      } catch (err) {
        throw new AppError('dependency_unavailable', 'Could not queue the webhook; retry.', { cause: err });
      }
      return { status: 200, body: { received: true } };
    },
  });
  return { routes: [webhook], close: async () => producer?.close() };
}
