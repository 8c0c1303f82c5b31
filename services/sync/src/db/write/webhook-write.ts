import type { DeliveryEvent } from '@hvar/bosta';
import { syncQueue } from '@hvar/contracts';
import { parsePayload } from '@hvar/platform';
import type pg from 'pg';
import { webhookDecision, webhookPatch, type WebhookOutcome } from '../../domain/webhook-rule.js';
import { ORDER_FACTS_SQL } from './order-upsert.sql.js';
import { markPendingChange } from './pending-changes.js';
import { inTransaction } from './transaction.js';

/** What applying one webhook did. */
export interface WebhookResult {
  outcome: WebhookOutcome;
  order_id: string | null;
}

/**
 * Applies one webhook in one transaction: recorded once in the webhook inbox (a duplicate changes
 * nothing), applied forward-only under the order's row lock (the same statement moves the row's
 * `version`; a state change puts the read model's hierarchy status in `pending_review`:
 * `ORDER_FACTS_SQL`), with a webhook timeline step and a pending change (announced in a batched
 * `order-changed` message by `flushPendingChanges`); an unknown delivery queues a detail fetch
 * through the outbox.
 */
export async function applyWebhook(pool: pg.Pool, event: DeliveryEvent, body: unknown, receivedAt: string): Promise<WebhookResult> {
  return inTransaction(pool, async (client) => {
    const inbox = await client.query<{ id: string }>(
      `insert into sync.webhook_inbox (tracking_number, state_code, event_at, body, received_at, outcome)
       values ($1, $2, $3, $4, $5, 'pending') on conflict do nothing returning id`,
      [event.tracking_number, event.state_code, event.event_at, JSON.stringify(body), receivedAt],
    );
    const inboxId = inbox.rows[0]?.id;
    if (!inboxId) return { outcome: 'duplicate', order_id: null };
    const stored = await client.query<{ id: string; state_code: number; state_at: Date }>(
      'select id, state_code, state_at from sync.orders where tracking_number = $1 for update',
      [event.tracking_number],
    );
    const current = stored.rows[0] ?? null;
    const outcome = webhookDecision(current, event);
    if (outcome === 'applied' && current) await applyState(client, current, event);
    if (outcome === 'unknown_delivery') await queueDetailFetch(client, event.tracking_number);
    await client.query('update sync.webhook_inbox set outcome = $2 where id = $1', [inboxId, outcome]);
    return { outcome, order_id: current?.id ?? null };
  });
}

async function applyState(client: pg.PoolClient, current: { id: string; state_code: number }, event: DeliveryEvent): Promise<void> {
  const patch = webhookPatch(event);
  const changed = current.state_code !== event.state_code;
  await client.query(
    `update sync.orders set
       state_code = $2, state_at = $3,
       last_state_change_at = case when $4 then $3::timestamptz else last_state_change_at end,
       state_value = case when $4 then null else state_value end,
       masked_state = case when $4 then null else masked_state end,
       cod_piastres = coalesce($5, cod_piastres),
       is_confirmed_delivery = coalesce($6, is_confirmed_delivery),
       exception_reason = case when $2 = 47 then $7 else exception_reason end,
       exception_code = case when $2 = 47 then $8 else exception_code end,
       attempts_count = coalesce($9, attempts_count),
       delivery_promise_date = coalesce($10, delivery_promise_date),
       updated_at = greatest(updated_at, $3::timestamptz),
       content_hash = null, last_synced_at = now(), version = version + 1
     where id = $1`,
    [current.id, event.state_code, event.event_at, changed, patch.cod_piastres, patch.is_confirmed_delivery, patch.exception_reason,
      patch.exception_code, patch.attempts_count, patch.delivery_promise_date],
  );
  if (changed) await client.query(ORDER_FACTS_SQL, [[current.id], [true]]);
  await client.query(
    `insert into sync.timeline_events (order_id, seq, code, value, at, done, source)
     select $1, coalesce(max(seq) + 1, 0), $2, $3, $4, true, 'webhook'
       from sync.timeline_events where order_id = $1 and source = 'webhook'`,
    [current.id, event.state_code, `state ${event.state_code}`, event.event_at],
  );
  await markPendingChange(client, current.id, changed ? 'state_changed' : 'updated', current.state_code);
}

/** The detail fetch leaves through the outbox, so it is queued exactly when this transaction commits. */
async function queueDetailFetch(client: pg.PoolClient, trackingNumber: string): Promise<void> {
  const payload = parsePayload(syncQueue, 'refresh-details', { tracking_numbers: [trackingNumber], reason: 'webhook for an unknown delivery' });
  await client.query(`insert into sync.outbox (queue, job_name, payload) values ($1, 'refresh-details', $2)`, [syncQueue.name, JSON.stringify(payload)]);
}
