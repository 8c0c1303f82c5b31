import { ORDER_CHANGED_MAX_BATCH, type OrderChange } from '@hvar/contracts';
import type pg from 'pg';
import { orderCustomer } from '../../domain/order-change.js';
import { writeOrderChanged } from './page-write.js';
import { inTransaction } from './transaction.js';

/** Marks an order changed by a webhook (inside the webhook's transaction); flushed later in a batch. */
export async function markPendingChange(client: pg.PoolClient, orderId: string, change: 'state_changed' | 'updated', previousStateCode: number): Promise<void> {
  await client.query(
    `insert into sync.pending_changes as p (order_id, change, previous_state_code) values ($1, $2, $3)
     on conflict (order_id) do update set
       change = case when p.change = 'state_changed' or excluded.change = 'state_changed' then 'state_changed' else 'updated' end`,
    [orderId, change, previousStateCode],
  );
}

interface PendingRow {
  order_id: string;
  tracking_number: string;
  change: 'state_changed' | 'updated';
  previous_state_code: number | null;
  state_code: number;
  state_at: Date;
  type_code: number;
  cod_piastres: string | number;
  receiver_phone: string;
  created_at: Date;
  delivered_at: Date | null;
  returned_at: Date | null;
  product_name: string | null;
  business_reference: string | null;
  unique_business_reference: string | null;
  version: string;
  receiver_name: string | null;
  receiver_first_name: string | null;
  receiver_last_name: string | null;
  dropoff_city: string | null;
  dropoff_zone: string | null;
  dropoff_district: string | null;
  dropoff_first_line: string | null;
}

/**
 * Takes up to one batch of pending webhook changes and writes them as ONE `order-changed` message
 * per consumer (the order values and row version current at flush time, read in one statement, so
 * a page write committed meanwhile carries a larger version than the values it replaced), removing
 * them in the same transaction. Replicas share the
 * work (SKIP LOCKED). Returns how many orders were announced.
 */
export async function flushPendingChanges(pool: pg.Pool, limit = ORDER_CHANGED_MAX_BATCH): Promise<number> {
  return inTransaction(pool, async (client) => {
    const res = await client.query<PendingRow>(
      `with taken as (
         delete from sync.pending_changes where order_id in (
           select order_id from sync.pending_changes order by queued_at limit $1 for update skip locked)
         returning order_id, change, previous_state_code)
       select t.order_id, t.change, t.previous_state_code, o.tracking_number, o.state_code, o.state_at, o.type_code, o.cod_piastres,
              o.receiver_phone, o.created_at, o.delivered_at, o.returned_at, o.product_name, o.business_reference, o.unique_business_reference,
              o.version, o.receiver_name, o.receiver_first_name, o.receiver_last_name, o.dropoff_city, o.dropoff_zone, o.dropoff_district, o.dropoff_first_line
         from taken t join sync.orders o on o.id = t.order_id`,
      [limit],
    );
    await writeOrderChanged(client, 'webhook', res.rows.map(toChange));
    return res.rows.length;
  });
}

function toChange(row: PendingRow): OrderChange {
  const changed = row.change === 'state_changed' && row.previous_state_code !== row.state_code;
  return {
    order_id: row.order_id,
    tracking_number: row.tracking_number,
    change: changed ? 'state_changed' : 'updated',
    state_code: row.state_code,
    previous_state_code: row.previous_state_code,
    state_at: row.state_at.toISOString(),
    type_code: row.type_code,
    cod_piastres: Number(row.cod_piastres),
    receiver_phone: row.receiver_phone,
    created_at: row.created_at.toISOString(),
    delivered_at: row.delivered_at?.toISOString() ?? null,
    returned_at: row.returned_at?.toISOString() ?? null,
    product_name: row.product_name,
    business_reference: row.business_reference,
    unique_business_reference: row.unique_business_reference,
    sync_version: Number(row.version),
    customer: orderCustomer(row),
  };
}
