import {
  hubQueue, returnStatusConsumers, serviceActionQueue, type ActionType, type JobName, type JobPayloadInput, type QueueContract,
} from '@hvar/contracts';
import { parsePayload, type SqlTx } from '@hvar/platform';
import { outbox } from '../db/schema.js';
import type { LegError } from '../domain/failure.js';
import type { LegRow } from './store.js';

/** One message for the outbox, validated when written. */
export interface OutboxMessage {
  contract: QueueContract;
  name: string;
  payload: unknown;
}

/** A typed outbox message (the payload must fit the job's schema). */
export function message<Q extends QueueContract, N extends JobName<Q>>(contract: Q, name: N, payload: JobPayloadInput<Q, N>): OutboxMessage {
  return { contract, name, payload };
}

/** Writes messages to the outbox in one statement, each validated against its contract first. */
export async function writeMessages(tx: SqlTx, messages: readonly OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const rows = messages.map((m) => ({ queue: m.contract.name, job_name: m.name, payload: parsePayload(m.contract, m.name, m.payload) }));
  await tx.db.insert(outbox).values(rows);
}

/** A leg reached a status (the row as it is after the change). */
export interface StatusChange {
  leg: LegRow;
  status: string;
  at: Date;
  error: LegError | null;
  /** The leg learned its tracking number in this change (the hub then expects the parcel). */
  trackingGained: boolean;
}

const egpOrNull = (piastres: number | null): number | null => (piastres === null ? null : Math.round(piastres) / 100);

/**
 * The events of one change. A pickup's status goes to every `returnStatusConsumers` queue (the case
 * follows it, the hub's list shows it), and the hub gets `return-created` when the tracking number is
 * first known; an outbound delivery's status goes to service-action. Event ids are the leg's uuid and
 * the status: a leg reaches each status once (forward only), so a redelivered job emits the same id.
 */
export function eventsOf(change: StatusChange): OutboxMessage[] {
  const { leg, status, at, error } = change;
  const common = {
    event_id: `${leg.return_id}:${status}`,
    action_id: leg.action_id,
    tracking_number: leg.tracking_number,
    bosta_state_code: leg.bosta_state_code,
    courier_fee: egpOrNull(leg.courier_fee_piastres),
    error,
    at: at.toISOString(),
  };
  if (leg.leg === 'outbound') {
    const type_code = leg.type_code === 30 ? 30 : 10;
    return [message(serviceActionQueue, 'outbound-status-changed', { ...common, outbound_id: leg.return_id, type_code, status: status as 'created' })];
  }
  const payload = { ...common, return_id: leg.return_id, status: status as 'created' };
  const out: OutboxMessage[] = returnStatusConsumers.map((queue) => message(queue as QueueContract, 'return-status-changed', payload));
  if (change.trackingGained && leg.tracking_number !== null) {
    // Every pickup is stored from a return request, which always names the action type.
    if (leg.action_type === null) throw new Error(`pickup ${leg.return_id} has no action type`);
    out.push(message(hubQueue, 'return-created', {
      event_id: `${leg.return_id}:return-created`,
      return_id: leg.return_id,
      action_id: leg.action_id,
      case_number: leg.case_number,
      action_type: leg.action_type as ActionType,
      tracking_number: leg.tracking_number,
      customer_phone: leg.customer_phone,
      customer_name: leg.customer_name,
      product_name: leg.product_name,
      reason: leg.reason ?? '',
      at: at.toISOString(),
    }));
  }
  return out;
}
