import type { SqlTx } from '@hvar/platform';
import type { SegmentSettings } from '../deps.js';
import { lockCustomers } from './lock.js';
import { refreshCustomers } from './refresh.js';

/** Profile details an agent gave while opening a case. */
export interface EnsureProfile {
  full_name?: string;
  email?: string;
}

/**
 * Makes sure the customer of `phone` exists (an agent opened a case for it). A new customer is
 * created by `by` with the given details, then refreshed from any orders of the phone (segment
 * `new`, "no orders yet", when there are none; the creation is recorded in segment_history). An
 * existing customer only gets the details for fields that are empty, not agent-managed, and not
 * erased. The details are not marked managed: orders may still bring a better receiver name.
 */
export async function ensureCustomer(tx: SqlTx, phone: string, profile: EnsureProfile, by: string, segments: SegmentSettings, now: Date): Promise<{ created: boolean }> {
  await lockCustomers(tx, [phone]);
  const at = now.toISOString();
  const inserted = await tx.query<{ phone: string }>(
    `insert into service_action.customers (phone, full_name, email, created_by, segment, segment_reason, segment_changed_at, created_at, updated_at)
     values ($1, $2, $3, $4, 'new', 'no orders yet', $5::timestamptz, $5::timestamptz, $5::timestamptz)
     on conflict (phone) do nothing returning phone`,
    [phone, profile.full_name ?? null, profile.email ?? null, by, at],
  );
  if (inserted.length > 0) {
    await tx.query(
      `insert into service_action.segment_history (phone, from_segment, to_segment, reason, at) values ($1, null, 'new', 'no orders yet', $2::timestamptz)`,
      [phone, at],
    );
    await refreshCustomers(tx, [phone], segments, now);
    return { created: true };
  }
  await tx.query(
    `update service_action.customers c set
       full_name = case when c.full_name is null and not ('full_name' = any(c.managed_fields)) then $2 else c.full_name end,
       email = case when c.email is null and not ('email' = any(c.managed_fields)) then $3 else c.email end,
       updated_at = $4::timestamptz
     where c.phone = $1 and not c.erased
       and ((c.full_name is null and $2::text is not null and not ('full_name' = any(c.managed_fields)))
         or (c.email is null and $3::text is not null and not ('email' = any(c.managed_fields))))`,
    [phone, profile.full_name ?? null, profile.email ?? null, at],
  );
  return { created: false };
}
