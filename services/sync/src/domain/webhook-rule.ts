import type { DeliveryEvent } from '@hvar/bosta';

/** The stored state of an order, as far as a webhook is concerned. */
export interface StoredState {
  state_code: number;
  state_at: Date;
}

/** What a webhook does to the order book. */
export type WebhookOutcome = 'applied' | 'stale' | 'unknown_delivery' | 'duplicate';

/**
 * Forward-only by event time (bosta-api.md §6): a webhook applies when its event is newer than the
 * stored state, or at the same instant with another code; an older event never overwrites a newer
 * state. An unknown delivery is fetched in full instead.
 */
export function webhookDecision(stored: StoredState | null, event: Pick<DeliveryEvent, 'state_code' | 'event_at'>): Exclude<WebhookOutcome, 'duplicate'> {
  if (!stored) return 'unknown_delivery';
  const at = Date.parse(event.event_at);
  const current = stored.state_at.getTime();
  if (at > current || (at === current && event.state_code !== stored.state_code)) return 'applied';
  return 'stale';
}

/** Column values a webhook sets besides the state (only what the webhook body actually carries). */
export interface WebhookPatch {
  cod_piastres: number | null;
  is_confirmed_delivery: boolean | null;
  exception_reason: string | null;
  exception_code: number | null;
  attempts_count: number | null;
  delivery_promise_date: string | null;
}

/** Delivered (45) carries the collected COD; Exception (47) the exception reason and code (§6). */
export function webhookPatch(event: DeliveryEvent): WebhookPatch {
  return {
    cod_piastres: event.state_code === 45 ? event.cod_piastres : null,
    is_confirmed_delivery: event.is_confirmed_delivery,
    exception_reason: event.state_code === 47 ? event.exception_reason : null,
    exception_code: event.state_code === 47 ? event.exception_code : null,
    attempts_count: event.attempts_count,
    delivery_promise_date: event.delivery_promise_date,
  };
}
