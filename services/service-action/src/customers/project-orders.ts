import type { OrderClassification } from '@hvar/contracts';
import type { SqlTx } from '@hvar/platform';

/** The entry with the highest revision of each order (the later one on a tie), sorted by order id. */
export function latestPerOrder(orders: readonly OrderClassification[]): OrderClassification[] {
  const latest = new Map<string, OrderClassification>();
  for (const o of orders) {
    const seen = latest.get(o.order_id);
    if (!seen || o.revision >= seen.revision) latest.set(o.order_id, o);
  }
  // One lock order for every writer: two batches sharing orders cannot deadlock on them.
  return [...latest.values()].sort((a, b) => (a.order_id < b.order_id ? -1 : a.order_id > b.order_id ? 1 : 0));
}

/** What a projection did: the entries applied, and phones an applied order moved away from. */
export interface Projection {
  applied: OrderClassification[];
  /** Phones that lost an order because its receiver phone changed (their customers need a refresh too). */
  movedFrom: string[];
}

/**
 * Projects classified orders into service_action.orders (see `projectOrdersDetailed`); returns the
 * entries actually applied.
 */
export async function projectOrders(tx: SqlTx, orders: OrderClassification[]): Promise<OrderClassification[]> {
  return (await projectOrdersDetailed(tx, orders)).applied;
}

/**
 * Projects classified orders into service_action.orders in one statement: an entry is written only
 * when its revision is greater than the stored classification revision, so a duplicated or reordered
 * batch changes nothing. An entry without `customer` (a re-classification) keeps the stored receiver
 * and address. The orders of an erased customer are stored without receiver names, district or
 * address line (city and zone are kept: not personal on their own, and the analytics need them).
 */
export async function projectOrdersDetailed(tx: SqlTx, orders: OrderClassification[]): Promise<Projection> {
  const entries = latestPerOrder(orders);
  if (entries.length === 0) return { applied: [], movedFrom: [] };
  const col = <T>(pick: (o: OrderClassification) => T): T[] => entries.map(pick);
  const person = <T>(pick: (c: NonNullable<OrderClassification['customer']>) => T): (T | null)[] => entries.map((o) => (o.customer ? pick(o.customer) : null));
  const rows = await tx.query<{ order_id: string; old_phone: string | null }>(
    `with prev as (select order_id, phone from service_action.orders where order_id = any($1::text[])),
     up as (
     insert into service_action.orders as o (order_id, tracking_number, phone, type_code, state_code, state_at, created_at, delivered_at,
       cod_piastres, service_type, business_category, product_name, receiver_name, receiver_first_name, receiver_last_name,
       city, zone, district, address, classification_revision)
     select u.order_id, u.tracking_number, u.phone, u.type_code, u.state_code, u.state_at, u.created_at, u.delivered_at,
       u.cod_piastres, u.service_type, u.business_category, u.product_name,
       case when erased.phone is not null then null when u.has_customer then u.receiver_name else cur.receiver_name end,
       case when erased.phone is not null then null when u.has_customer then u.receiver_first_name else cur.receiver_first_name end,
       case when erased.phone is not null then null when u.has_customer then u.receiver_last_name else cur.receiver_last_name end,
       case when u.has_customer then u.city else cur.city end,
       case when u.has_customer then u.zone else cur.zone end,
       case when erased.phone is not null then null when u.has_customer then u.district else cur.district end,
       case when erased.phone is not null then null when u.has_customer then u.address else cur.address end,
       u.revision
     from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[],
                 $9::bigint[], $10::text[], $11::text[], $12::text[], $13::bool[], $14::text[], $15::text[], $16::text[],
                 $17::text[], $18::text[], $19::text[], $20::text[], $21::bigint[])
       with ordinality as u(order_id, tracking_number, phone, type_code, state_code, state_at, created_at, delivered_at,
                cod_piastres, service_type, business_category, product_name, has_customer, receiver_name, receiver_first_name,
                receiver_last_name, city, zone, district, address, revision, n)
     left join service_action.orders cur on cur.order_id = u.order_id
     -- An erased customer's later orders never bring their personal data back.
     left join service_action.customers erased on erased.phone = u.phone and erased.erased
     order by u.n
     on conflict (order_id) do update set
       tracking_number = excluded.tracking_number, phone = excluded.phone, type_code = excluded.type_code,
       state_code = excluded.state_code, state_at = excluded.state_at, created_at = excluded.created_at,
       delivered_at = excluded.delivered_at, cod_piastres = excluded.cod_piastres, service_type = excluded.service_type,
       business_category = excluded.business_category, product_name = excluded.product_name,
       receiver_name = excluded.receiver_name, receiver_first_name = excluded.receiver_first_name,
       receiver_last_name = excluded.receiver_last_name, city = excluded.city, zone = excluded.zone,
       district = excluded.district, address = excluded.address,
       classification_revision = excluded.classification_revision, updated_at = now()
     where o.classification_revision < excluded.classification_revision
     returning o.order_id, o.phone)
     select up.order_id, case when prev.phone <> up.phone then prev.phone end as old_phone
     from up left join prev using (order_id)`,
    [
      col((o) => o.order_id), col((o) => o.tracking_number), col((o) => o.receiver_phone), col((o) => o.type_code),
      col((o) => o.state_code), col((o) => o.state_at), col((o) => o.created_at), col((o) => o.delivered_at),
      col((o) => o.cod_piastres), col((o) => o.service_type), col((o) => o.business_category), col((o) => o.product_name),
      col((o) => o.customer !== null), person((c) => c.name), person((c) => c.first_name), person((c) => c.last_name),
      person((c) => c.city), person((c) => c.zone), person((c) => c.district), person((c) => c.address), col((o) => o.revision),
    ],
  );
  const applied = new Set(rows.map((r) => r.order_id));
  const movedFrom = [...new Set(rows.flatMap((r) => (r.old_phone ? [r.old_phone] : [])))];
  return { applied: entries.filter((o) => applied.has(o.order_id)), movedFrom };
}
