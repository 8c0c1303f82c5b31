import type { Delivery } from '@hvar/bosta';
import type { OrderChange } from '@hvar/contracts';

/** What the upsert reported for one written row. */
export interface WrittenRow {
  id: string;
  inserted: boolean;
  previous_state_code: number | null;
}

/**
 * Classifies a written row (domain.md §2): new → `created`; a different state code → `state_changed`
 * (the upsert only lets a state through when it is not older); otherwise `updated`.
 */
export function changeKind(row: WrittenRow, stateCode: number): OrderChange['change'] {
  if (row.inserted || row.previous_state_code === null) return 'created';
  return row.previous_state_code === stateCode ? 'updated' : 'state_changed';
}

/** The `order-changed` entry of a written delivery. */
export function toOrderChange(delivery: Delivery, row: WrittenRow): OrderChange {
  const change = changeKind(row, delivery.state_code);
  return {
    order_id: delivery.id,
    tracking_number: delivery.tracking_number,
    change,
    state_code: delivery.state_code,
    previous_state_code: change === 'created' ? null : row.previous_state_code,
    state_at: delivery.state_at,
    type_code: delivery.type_code,
    cod_piastres: delivery.cod_piastres,
    receiver_phone: delivery.receiver_phone,
    created_at: delivery.created_at,
    delivered_at: delivery.delivered_at,
    returned_at: delivery.returned_at,
    product_name: delivery.product_name,
    business_reference: delivery.business_reference,
    unique_business_reference: delivery.unique_business_reference,
  };
}

/** Splits a list into chunks of at most `size` (order-changed batches have a maximum size). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
