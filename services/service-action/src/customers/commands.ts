import type { Customer, JobPayload, serviceActionQueue } from '@hvar/contracts';
import { AppError, type SqlTx } from '@hvar/platform';
import { findCustomer } from './customer.view.js';
import { customerNotFound, lockExisting } from './existing.js';
import { recomputeSatisfaction } from './satisfaction.js';
import { lockCustomers } from './lock.js';

type Cmd<N extends 'create-customer' | 'update-customer' | 'erase-customer'> = JobPayload<typeof serviceActionQueue, N>;

/** Profile fields an agent can set; once set they are `managed` and orders never overwrite them. */
export const PROFILE_FIELDS = [
  'first_name', 'last_name', 'full_name', 'email', 'primary_city', 'primary_zone', 'primary_district', 'primary_address',
] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];

/** Personal data an erasure clears (city and zone stay: not personal on their own, and analytics group by them). */
const ERASED_FIELDS = ['first_name', 'last_name', 'full_name', 'email', 'primary_district', 'primary_address'] as const;

/** The customer as it is now (after the caller's writes). */
async function current(tx: SqlTx, phone: string): Promise<Customer> {
  const customer = await findCustomer(tx, phone);
  if (!customer) throw customerNotFound(phone);
  return customer;
}

/**
 * `create-customer`: a customer who may have no orders yet (segment `new`, "no orders yet", recorded
 * in segment_history). The profile fields given are agent-managed. 409 `customer_exists` when the
 * phone already has a customer (created by an agent or by orders).
 */
export async function createCustomer(tx: SqlTx, cmd: Cmd<'create-customer'>, now: Date): Promise<Customer> {
  await lockCustomers(tx, [cmd.phone]);
  const given = PROFILE_FIELDS.filter((f) => cmd[f] !== undefined);
  const at = now.toISOString();
  const inserted = await tx.query<{ phone: string }>(
    `insert into service_action.customers (phone, ${PROFILE_FIELDS.join(', ')}, managed_fields, created_by, segment, segment_reason,
       segment_changed_at, created_at, updated_at)
     values ($1, ${PROFILE_FIELDS.map((_, i) => `$${i + 2}`).join(', ')}, $10::text[], $11, 'new', 'no orders yet', $12::timestamptz, $12::timestamptz, $12::timestamptz)
     on conflict (phone) do nothing returning phone`,
    [cmd.phone, ...PROFILE_FIELDS.map((f) => cmd[f] ?? null), given, cmd.requested_by, at],
  );
  if (inserted.length === 0) throw new AppError('conflict', `A customer with phone ${cmd.phone} already exists.`, { code: 'customer_exists' });
  await tx.query(`insert into service_action.segment_history (phone, from_segment, to_segment, reason, at) values ($1, null, 'new', 'no orders yet', $2::timestamptz)`, [cmd.phone, at]);
  return current(tx, cmd.phone);
}

/**
 * `update-customer`: sets the given profile fields and marks them managed (orders never overwrite
 * them again). `satisfaction_score` set by an agent overrides the interactions' average; set to null
 * it goes back to that average. 404 unknown phone, 409 `customer_erased` for an erased customer.
 */
export async function updateCustomer(tx: SqlTx, cmd: Cmd<'update-customer'>, now: Date): Promise<Customer> {
  const { erased } = await lockExisting(tx, cmd.phone);
  if (erased) throw new AppError('conflict', `Customer ${cmd.phone} was erased; their profile can no longer change.`, { code: 'customer_erased' });
  const fields = PROFILE_FIELDS.filter((f): f is ProfileField => Object.hasOwn(cmd.changes, f));
  const satisfaction = cmd.changes.satisfaction_score;
  const setsSatisfaction = satisfaction !== undefined && satisfaction !== null;
  await tx.query(
    `update service_action.customers set ${fields.map((f, i) => `${f} = $${i + 7}, `).join('')}
       satisfaction_score = case when $5::bool then $6::numeric else satisfaction_score end,
       managed_fields = array(select distinct f from unnest(managed_fields || $2::text[]) f where f <> all($4::text[]) order by 1),
       updated_at = $3::timestamptz
     where phone = $1`,
    [
      cmd.phone, setsSatisfaction ? [...fields, 'satisfaction_score'] : fields, now.toISOString(), satisfaction === null ? ['satisfaction_score'] : [],
      setsSatisfaction, satisfaction ?? null, ...fields.map((f) => cmd.changes[f] ?? null),
    ],
  );
  if (satisfaction === null) await recomputeSatisfaction(tx, cmd.phone, now);
  return current(tx, cmd.phone);
}

/**
 * `erase-customer`: anonymizes the customer's personal data (names, email, district and address line;
 * the same in the projected orders of the phone, and the free text of their interactions), keeps the
 * aggregates and records who erased, when and why. Later orders never write personal data back.
 * 404 unknown phone, 409 `customer_already_erased`.
 */
export async function eraseCustomer(tx: SqlTx, cmd: Cmd<'erase-customer'>, now: Date): Promise<Customer> {
  const { erased } = await lockExisting(tx, cmd.phone);
  if (erased) throw new AppError('conflict', `Customer ${cmd.phone} is already erased.`, { code: 'customer_already_erased' });
  const at = now.toISOString();
  await tx.query(
    `update service_action.customers set ${ERASED_FIELDS.map((f) => `${f} = null`).join(', ')}, managed_fields = '{}',
       erased = true, erased_at = $2::timestamptz, erased_by = $3, erased_reason = $4, updated_at = $2::timestamptz
     where phone = $1`,
    [cmd.phone, at, cmd.requested_by, cmd.reason],
  );
  await tx.query(
    `update service_action.orders set receiver_name = null, receiver_first_name = null, receiver_last_name = null, district = null, address = null
     where phone = $1`,
    [cmd.phone],
  );
  await tx.query(
    `update service_action.interactions set subject = '[erased]', description = null, follow_up_notes = null, updated_at = $2::timestamptz
     where phone = $1`,
    [cmd.phone, at],
  );
  // The cases keep their history and costs; their free text and the pickup address go.
  await tx.query(
    `update service_action.actions set service_notes = null, product_description = null, pickup_address = null, updated_at = $2::timestamptz where phone = $1`,
    [cmd.phone, at],
  );
  return current(tx, cmd.phone);
}
