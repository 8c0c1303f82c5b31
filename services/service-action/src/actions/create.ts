import { randomUUID } from 'node:crypto';
import { returnsQueue, type Address, type JobPayload, type ServiceAction, type serviceActionQueue } from '@hvar/contracts';
import { writeOutbox, type SqlTx } from '@hvar/platform';
import { ensureCustomer } from '../customers/ensure.js';
import { outbox } from '../db/schema.js';
import type { ServiceActionDeps } from '../deps.js';
import { emitServiceFacts } from '../facts/emit-facts.js';
import { resolveOrderLink, type OrderLink } from './orders.js';
import { addLedger, nextCaseNumbers, recordCreation, refreshActionCounts, viewAfter, type ActionRow } from './store.js';

type CreateCommand = JobPayload<typeof serviceActionQueue, 'create-action'>;

/**
 * An agent opens a case (domain.md §6): the customer is created when the phone is unknown; a named
 * main order must exist (404) and be the customer's (422); the sub comes from the hierarchy; the
 * product comes from the command or the main order; the estimated cost from configuration. Unless
 * the work happens on site, the return pickup is requested (`return-requested`, attempt 1) in the
 * same transaction. Refusals leave nothing written.
 */
export async function createAction(tx: SqlTx, cmd: CreateCommand, deps: ServiceActionDeps): Promise<ServiceAction> {
  const link: OrderLink | null = cmd.main_order_id
    ? await resolveOrderLink(tx, cmd.main_order_id, cmd.customer_phone, cmd.action_type, cmd.link_to_hierarchy)
    : null;
  const now = deps.now();
  const customer = await ensureCustomer(tx, cmd.customer_phone, { full_name: cmd.customer_name, email: cmd.customer_email }, cmd.requested_by, deps.segments, now);
  const [caseNumber] = await nextCaseNumbers(tx, 1, now);
  const id = randomUUID();
  const pickup = cmd.on_site ? null : (cmd.pickup_address ?? (await customerAddress(tx, cmd.customer_phone)));
  const estimated = deps.actions.estimatedCostPiastres[cmd.action_type];
  await tx.query(
    `insert into service_action.actions (action_id, case_number, phone, action_type, action_subtype, status, service_reason, service_notes,
        main_order_id, main_tracking_number, sub_order_id, sub_tracking_number, on_site, product_name, product_sku, product_description,
        pickup_address, return_attempt, estimated_cost_piastres, created_by, created_at, updated_at)
     values ($1, $2, $3, $4, $5, 'requested', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb, $17, $18, $19, $20, $20)`,
    [
      id, caseNumber, cmd.customer_phone, cmd.action_type, cmd.action_subtype ?? null, cmd.service_reason, cmd.service_notes ?? null,
      link?.main.order_id ?? null, link?.main.tracking_number ?? null, link?.sub?.order_id ?? null, link?.sub?.tracking_number ?? null,
      cmd.on_site, cmd.product_name ?? link?.main.product_name ?? null, cmd.product_sku ?? null, cmd.product_description ?? null,
      pickup ? JSON.stringify(pickup) : null, cmd.on_site ? 0 : 1, estimated, cmd.requested_by, now,
    ],
  );
  await recordCreation(tx, [id], cmd.requested_by, [cmd.service_reason]);
  await addLedger(tx, id, [{ entry: 'estimated', amount_piastres: estimated, note: `default estimate for ${cmd.action_type}` }], cmd.requested_by);
  const view = await viewAfter(tx, id);
  if (!cmd.on_site) await requestReturn(tx, view, 1, now);
  await refreshActionCounts(tx, [cmd.customer_phone]);
  await emitServiceFacts(tx, {
    phones: customer.created ? [cmd.customer_phone] : [],
    orderIds: [link?.main.order_id, link?.sub?.order_id].filter((o): o is string => Boolean(o)),
  });
  return viewAfter(tx, id);
}

/** The customer's primary address as a pickup address (null when the customer has none with a city). */
export async function customerAddress(tx: SqlTx, phone: string): Promise<Address | null> {
  const [c] = await tx.query<{ primary_city: string | null; primary_zone: string | null; primary_district: string | null; primary_address: string | null }>(
    'select primary_city, primary_zone, primary_district, primary_address from service_action.customers where phone = $1',
    [phone],
  );
  if (!c?.primary_city || !c.primary_address) return null;
  return { city: c.primary_city, zone: c.primary_zone, district: c.primary_district, first_line: c.primary_address };
}

/** Writes `return-requested` for an action (attempt `attempt`; the returns service derives its Bosta reference from action and attempt). */
export async function requestReturn(tx: SqlTx, action: Pick<ServiceAction, 'action_id' | 'case_number' | 'customer_phone' | 'customer_name' | 'pickup_address' | 'product_name' | 'action_type' | 'service_reason'>, attempt: number, now: Date): Promise<void> {
  await writeOutbox(tx.db, outbox, {
    contract: returnsQueue,
    name: 'return-requested',
    payload: {
      action_id: action.action_id, case_number: action.case_number, attempt, customer_phone: action.customer_phone, customer_name: action.customer_name,
      pickup_address: action.pickup_address, product_name: action.product_name, action_type: action.action_type, reason: action.service_reason,
      requested_at: now.toISOString(),
    },
  });
}

/** The row fields `requestReturn` needs from a stored action. */
export function returnRequestOf(row: ActionRow, customerName: string | null) {
  return {
    action_id: row.action_id, case_number: row.case_number, customer_phone: row.phone, customer_name: customerName, pickup_address: row.pickup_address,
    product_name: row.product_name, action_type: row.action_type, service_reason: row.service_reason,
  };
}
