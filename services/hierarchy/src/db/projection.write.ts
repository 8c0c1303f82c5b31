import type { OrderClassification } from '@hvar/contracts';
import type { SqlTx } from './sql.js';

/** An order's current phone and classification revision in the projection. */
export interface StoredOrderRef {
  order_id: string;
  phone: string;
}

/** Current phones of the given orders (those already projected). */
export async function currentPhones(tx: SqlTx, orderIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await tx.query<StoredOrderRef>('select order_id, phone from hierarchy.orders where order_id = any($1::text[])', [orderIds]);
  return new Map(rows.map((r) => [r.order_id, r.phone]));
}

/** What the upsert did to one order. */
export interface UpsertedOrder {
  order_id: string;
  inserted: boolean;
}

/**
 * Upserts the projection rows of classified orders in one statement, each only when its revision
 * is newer than the stored one (an older or repeated classification changes nothing). Returns the
 * rows written.
 */
export async function upsertProjection(tx: SqlTx, orders: readonly OrderClassification[]): Promise<UpsertedOrder[]> {
  const col = <T>(pick: (o: OrderClassification) => T): T[] => orders.map(pick);
  return tx.query<UpsertedOrder>(
    `insert into hierarchy.orders as o (order_id, tracking_number, phone, service_type, business_category, type_code, state_code,
       state_at, created_at, delivered_at, cod_piastres, product_name, classification_revision)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[],
                          $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::bigint[], $12::text[], $13::bigint[])
     on conflict (order_id) do update set
       tracking_number = excluded.tracking_number, phone = excluded.phone, service_type = excluded.service_type,
       business_category = excluded.business_category, type_code = excluded.type_code, state_code = excluded.state_code,
       state_at = excluded.state_at, created_at = excluded.created_at, delivered_at = excluded.delivered_at,
       cod_piastres = excluded.cod_piastres, product_name = excluded.product_name,
       classification_revision = excluded.classification_revision, updated_at = now()
     where o.classification_revision < excluded.classification_revision
     returning o.order_id, (o.xmax = 0) as inserted`,
    [
      col((o) => o.order_id),
      col((o) => o.tracking_number),
      col((o) => o.receiver_phone),
      col((o) => o.service_type),
      col((o) => o.business_category),
      col((o) => o.type_code),
      col((o) => o.state_code),
      col((o) => o.state_at),
      col((o) => o.created_at),
      col((o) => o.delivered_at),
      col((o) => o.cod_piastres),
      col((o) => o.product_name),
      col((o) => o.revision),
    ],
  );
}
