import type { Database } from '@hvar/platform';

/**
 * Writes `orders` generated orders straight into the projection (one SQL statement): about
 * orders / customers per phone, a third mains, 30 % subs of every kind, created over two years.
 * Deterministic for a given seed. For the benchmark and for tests that need volume, not stories.
 */
export async function generateOrders(database: Database, opts: { orders: number; customers: number; seed?: number }): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query('select setseed($1)', [opts.seed ?? 0.42]);
    await client.query(
      `insert into hierarchy.orders (order_id, tracking_number, phone, service_type, business_category, type_code, state_code,
         state_at, created_at, delivered_at, cod_piastres, product_name, classification_revision)
       select id, tn, ph, st,
              case st when 'main' then 'Real Sales Order' when 'maintenance' then 'Maintenance Order' when 'service' then 'Service Order'
                      when 'return' then 'Refund Order' when 'return_pickup' then 'Return Pickup' when 'exchange' then 'Exchange Order'
                      else 'Operational Order' end,
              case st when 'return_pickup' then 25 when 'exchange' then 30 else 10 end,
              45, created + interval '2 days', created, created + interval '2 days',
              case st when 'main' then 150000 when 'maintenance' then 30000 when 'return' then -20000 else 0 end,
              (array['Water filter', 'Cartridge', 'Heater', 'Mixer', 'Purifier'])[1 + floor(r3 * 5)::int], 1
         from (select i, lpad(to_hex(i), 24, '0') as id, (10000000000 + i)::text as tn,
                      '+2010' || lpad(floor(r1 * $2)::int::text, 8, '0') as ph,
                      case when r2 < 0.35 then 'main' when r2 < 0.45 then 'maintenance' when r2 < 0.53 then 'service'
                           when r2 < 0.59 then 'return' when r2 < 0.62 then 'return_pickup' when r2 < 0.65 then 'exchange'
                           else 'operational' end as st,
                      timestamptz '2024-01-01' + floor(r4 * 730 * 86400) * interval '1 second' as created, r3
                 from (select i, random() r1, random() r2, random() r3, random() r4 from generate_series(1, $1) as i) g) o`,
      [opts.orders, opts.customers],
    );
  } finally {
    client.release();
  }
  await database.pool.query('vacuum analyze hierarchy.orders');
}
