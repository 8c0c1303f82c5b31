import type { Delivery } from '@hvar/bosta';
import type { OrderChange, OrderCustomer } from '@hvar/contracts';

/** What the upsert reported for one written row. */
export interface WrittenRow {
  id: string;
  inserted: boolean;
  previous_state_code: number | null;
  /** The state time stored by the write (a same-state copy never moves it back). */
  state_at: Date;
  /** The row's version after the write. */
  version: number;
}

/**
 * Classifies a written row (domain.md §2): new → `created`; a different state code → `state_changed`
 * (the upsert only lets a state through when it is not older); otherwise `updated`.
 */
export function changeKind(row: Pick<WrittenRow, 'inserted' | 'previous_state_code'>, stateCode: number): OrderChange['change'] {
  if (row.inserted || row.previous_state_code === null) return 'created';
  return row.previous_state_code === stateCode ? 'updated' : 'state_changed';
}

/**
 * The `order-changed` entry of a written delivery: the delivery's facts with the state time and
 * version the write stored, so the entry orders like the row did (a REST copy of a state a webhook
 * set a little later keeps the webhook's time and must still win over the webhook's entry).
 */
export function toOrderChange(delivery: Delivery, row: WrittenRow): OrderChange {
  const change = changeKind(row, delivery.state_code);
  return {
    order_id: delivery.id,
    tracking_number: delivery.tracking_number,
    change,
    state_code: delivery.state_code,
    previous_state_code: change === 'created' ? null : row.previous_state_code,
    state_at: row.state_at.toISOString(),
    type_code: delivery.type_code,
    cod_piastres: delivery.cod_piastres,
    receiver_phone: delivery.receiver_phone,
    created_at: delivery.created_at,
    delivered_at: delivery.delivered_at,
    returned_at: delivery.returned_at,
    product_name: delivery.product_name,
    business_reference: delivery.business_reference,
    unique_business_reference: delivery.unique_business_reference,
    sync_version: row.version,
    customer: orderCustomer(delivery),
  };
}

/** The receiver and drop-off address the customer service keeps per phone (from a delivery or its stored row). */
export function orderCustomer(d: Pick<Delivery, 'receiver_name' | 'receiver_first_name' | 'receiver_last_name' | 'dropoff_city' | 'dropoff_zone' | 'dropoff_district' | 'dropoff_first_line'>): OrderCustomer {
  return {
    name: d.receiver_name, first_name: d.receiver_first_name, last_name: d.receiver_last_name,
    city: d.dropoff_city, zone: d.dropoff_zone, district: d.dropoff_district, address: d.dropoff_first_line,
  };
}

/** Splits a list into chunks of at most `size` (order-changed batches have a maximum size). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
