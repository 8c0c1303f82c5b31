import { returnsQueue, type OutboundRequested, type ReturnRequested } from '@hvar/contracts';
import { lockKeys, type SqlTx } from '@hvar/platform';
import { legReference } from '../domain/reference.js';
import { message, writeMessages } from './events.js';
import { addHistory } from './store.js';

/** What a request did: the leg it stored, or null when the leg already existed (a repeated request). */
export interface RequestOutcome {
  return_id: string | null;
}

interface NewLeg {
  action_id: string;
  case_number: string;
  leg: 'pickup' | 'outbound';
  attempt: number;
  type_code: 10 | 25 | 30;
  kind: 'return' | 'repaired' | 'replacement';
  requested_at: string;
  customer_phone: string;
  customer_name: string | null;
  address: unknown;
  product_name: string | null;
  product_sku: string | null;
  action_type: string | null;
  reason: string | null;
  notes: string | null;
  cod_piastres: number;
}

/**
 * Stores a `pending` leg and, in the same transaction, its `create-leg` job: Bosta is called by that
 * job, never inside this transaction. The leg is unique per action, leg and attempt and per request
 * instant, so a duplicated request (any job id) inserts nothing and queues nothing.
 */
async function insertLeg(tx: SqlTx, leg: NewLeg, now: Date): Promise<RequestOutcome> {
  const ubr = legReference(leg.case_number, leg.leg, leg.attempt);
  const [row] = await tx.query<{ return_id: string }>(
    `insert into returns.legs (action_id, case_number, leg, attempt, type_code, kind, unique_business_reference, requested_at, status,
       customer_phone, customer_name, address, product_name, product_sku, action_type, reason, notes, cod_piastres)
     values ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10, $11::jsonb, $12, $13, $14, $15, $16, $17)
     on conflict do nothing
     returning return_id`,
    [leg.action_id, leg.case_number, leg.leg, leg.attempt, leg.type_code, leg.kind, ubr, leg.requested_at, leg.customer_phone, leg.customer_name,
      leg.address === null ? null : JSON.stringify(leg.address), leg.product_name, leg.product_sku, leg.action_type, leg.reason, leg.notes, leg.cod_piastres],
  );
  if (!row) return { return_id: null };
  await addHistory(tx, [{ return_id: row.return_id, status: 'pending', bosta_state_code: null, at: now, note: `requested (${ubr})` }]);
  await writeMessages(tx, [message(returnsQueue, 'create-leg', { return_id: row.return_id })]);
  return { return_id: row.return_id };
}

/** `return-requested`: the pickup of attempt `attempt` (reference `<case>-P<attempt>`), type 25, COD as configured. */
export function requestPickup(tx: SqlTx, req: ReturnRequested, codPiastres: number, now: Date): Promise<RequestOutcome> {
  return insertLeg(tx, {
    action_id: req.action_id, case_number: req.case_number, leg: 'pickup', attempt: req.attempt, type_code: 25, kind: 'return',
    requested_at: req.requested_at, customer_phone: req.customer_phone, customer_name: req.customer_name, address: req.pickup_address,
    product_name: req.product_name, product_sku: null, action_type: req.action_type, reason: req.reason, notes: null, cod_piastres: codPiastres,
  }, now);
}

/**
 * `outbound-requested`: the action's next outbound delivery (reference `<case>-O<n>`, n = 1, 2, ...
 * counted under a lock of the action), type 10 or 30, COD 0 (the request carries no amount to collect).
 */
export async function requestOutbound(tx: SqlTx, req: OutboundRequested, now: Date): Promise<RequestOutcome> {
  // The lock makes the count safe; a duplicated request (same instant) then conflicts and inserts nothing.
  await lockKeys(tx, 'returns-outbound', [req.action_id]);
  const [seen] = await tx.query<{ next: number }>(
    `select coalesce(max(attempt), 0) + 1 as next from returns.legs where action_id = $1 and leg = 'outbound'`,
    [req.action_id],
  );
  return insertLeg(tx, {
    action_id: req.action_id, case_number: req.case_number, leg: 'outbound', attempt: seen?.next ?? 1, type_code: req.type_code, kind: req.kind,
    requested_at: req.requested_at, customer_phone: req.customer_phone, customer_name: req.customer_name, address: req.address,
    product_name: req.product_name, product_sku: req.product_sku, action_type: null, reason: null, notes: req.notes, cod_piastres: 0,
  }, now);
}
