import type { SqlTx } from '@hvar/platform';
import type { CustomerAggregates } from '../domain/segment.js';

/** Receiver names from the latest order that has any. */
export interface LatestNames {
  full_name: string | null;
  first_name: string | null;
  last_name: string | null;
}

/** Drop-off address from the latest order that has one. */
export interface LatestAddress {
  primary_city: string | null;
  primary_zone: string | null;
  primary_district: string | null;
  primary_address: string | null;
}

/** One phone's aggregates, its latest profile data from orders, and its stored segment. */
export interface PhoneAggregates {
  phone: string;
  aggregates: CustomerAggregates;
  names: LatestNames | null;
  address: LatestAddress | null;
  /** The stored segment (null when the customer does not exist yet). */
  storedSegment: string | null;
}

interface Row {
  phone: string;
  total_orders: number;
  total_value: string;
  valued_orders: number;
  first_order_at: string | null;
  last_order_at: string | null;
  delivered_main_orders: number;
  returned_orders: number;
  maintenance_orders: number;
  has_names: boolean;
  full_name: string | null;
  first_name: string | null;
  last_name: string | null;
  has_address: boolean;
  city: string | null;
  zone: string | null;
  district: string | null;
  address: string | null;
  stored_segment: string | null;
}

/**
 * Aggregates of exactly the given phones over service_action.orders (definitions on
 * `CustomerAggregates`), in one statement using the (phone, created_at) index. A phone without
 * orders answers zeros.
 */
export async function loadAggregates(tx: SqlTx, phones: readonly string[]): Promise<PhoneAggregates[]> {
  const rows = await tx.query<Row>(
    `with p as (select distinct unnest($1::text[]) as phone),
     agg as (
       select o.phone, count(*)::int as total_orders,
         coalesce(sum(o.cod_piastres) filter (where o.state_code = 45 and o.cod_piastres > 0), 0)::text as total_value,
         (count(*) filter (where o.state_code = 45 and o.cod_piastres > 0))::int as valued_orders,
         min(o.created_at) as first_order_at, max(o.created_at) as last_order_at,
         (count(*) filter (where o.service_type = 'main' and o.state_code = 45))::int as delivered_main_orders,
         (count(*) filter (where o.state_code = 46 or o.service_type in ('return', 'return_pickup')))::int as returned_orders,
         (count(*) filter (where o.service_type = 'maintenance'))::int as maintenance_orders
       from service_action.orders o join p using (phone) group by o.phone),
     names as (
       select distinct on (o.phone) o.phone, o.receiver_name, o.receiver_first_name, o.receiver_last_name
       from service_action.orders o join p using (phone)
       where coalesce(o.receiver_name, o.receiver_first_name, o.receiver_last_name) is not null
       order by o.phone, o.created_at desc, o.order_id desc),
     addr as (
       select distinct on (o.phone) o.phone, o.city, o.zone, o.district, o.address
       from service_action.orders o join p using (phone)
       where coalesce(o.city, o.zone, o.district, o.address) is not null
       order by o.phone, o.created_at desc, o.order_id desc)
     select p.phone, coalesce(agg.total_orders, 0) as total_orders, coalesce(agg.total_value, '0') as total_value,
       coalesce(agg.valued_orders, 0) as valued_orders, to_json(agg.first_order_at)#>>'{}' as first_order_at,
       to_json(agg.last_order_at)#>>'{}' as last_order_at,
       coalesce(agg.delivered_main_orders, 0) as delivered_main_orders, coalesce(agg.returned_orders, 0) as returned_orders,
       coalesce(agg.maintenance_orders, 0) as maintenance_orders,
       names.phone is not null as has_names, names.receiver_name as full_name, names.receiver_first_name as first_name,
       names.receiver_last_name as last_name,
       addr.phone is not null as has_address, addr.city, addr.zone, addr.district, addr.address,
       c.segment as stored_segment
     from p left join agg using (phone) left join names using (phone) left join addr using (phone)
       left join service_action.customers c on c.phone = p.phone
     order by p.phone`,
    [phones],
  );
  return rows.map(toPhoneAggregates);
}

const date = (v: string | null) => (v === null ? null : new Date(v));

function toPhoneAggregates(r: Row): PhoneAggregates {
  return {
    phone: r.phone,
    aggregates: {
      totalOrders: r.total_orders, totalValuePiastres: Number(r.total_value), valuedOrders: r.valued_orders,
      firstOrderAt: date(r.first_order_at), lastOrderAt: date(r.last_order_at), deliveredMainOrders: r.delivered_main_orders,
      returnedOrders: r.returned_orders, maintenanceOrders: r.maintenance_orders,
    },
    names: r.has_names ? { full_name: r.full_name, first_name: r.first_name, last_name: r.last_name } : null,
    address: r.has_address ? { primary_city: r.city, primary_zone: r.zone, primary_district: r.district, primary_address: r.address } : null,
    storedSegment: r.stored_segment,
  };
}
