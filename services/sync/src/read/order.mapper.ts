import type { Order } from '@hvar/contracts';
import type { orderFacts, orders } from '../db/schema.js';

/**
 * A row of `sync.orders` as the read API selects it, every column but the raw Bosta object, with
 * its read model from `sync.order_facts` and the segment of its phone from `sync.customer_facts`.
 */
export type OrderRow = Omit<typeof orders.$inferSelect, 'raw'> & Omit<typeof orderFacts.$inferSelect, 'order_id'> & { customer_segment: string | null };

/** Integer piastres → EGP with 2 decimals. */
export function egp(piastres: number): number {
  return Math.round(piastres) / 100;
}

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;
const money = (p: number | null): number | null => (p === null ? null : egp(p));

/** A stored order as the API shows it (seed field names, money in EGP, dates ISO 8601 UTC). */
export function toOrder(r: OrderRow): Order {
  return {
    id: r.id, tracking_number: r.tracking_number, business_reference: r.business_reference, unique_business_reference: r.unique_business_reference,
    state_code: r.state_code, state_value: r.state_value, masked_state: r.masked_state, state_at: r.state_at.toISOString(),
    last_state_change: iso(r.last_state_change_at), is_confirmed_delivery: r.is_confirmed_delivery, allow_open_package: r.allow_open_package,
    order_type_code: r.type_code, order_type_value: r.type_value, order_type_enum: r.type_enum,
    cod: egp(r.cod_piastres), bosta_fees: money(r.bosta_fees_piastres), deposited_amount: money(r.deposited_piastres),
    shipment_fees: money(r.shipment_fees_piastres), payment_method: r.payment_method,
    receiver_phone: r.receiver_phone, receiver_name: r.receiver_name, receiver_first_name: r.receiver_first_name,
    receiver_last_name: r.receiver_last_name, receiver_second_phone: r.receiver_second_phone,
    notes: r.notes, specs_items_count: r.items_count, specs_description: r.description, product_name: r.product_name,
    product_count: r.product_count, return_items_count: r.return_items_count, return_description: r.return_description,
    dropoff_city_name: r.dropoff_city, dropoff_city_name_ar: r.dropoff_city_ar, dropoff_zone_name: r.dropoff_zone,
    dropoff_zone_name_ar: r.dropoff_zone_ar, dropoff_district_name: r.dropoff_district, dropoff_district_name_ar: r.dropoff_district_ar,
    dropoff_first_line: r.dropoff_first_line, dropoff_second_line: r.dropoff_second_line, dropoff_building: r.dropoff_building,
    dropoff_floor: r.dropoff_floor, dropoff_apartment: r.dropoff_apartment, dropoff_lat: r.dropoff_lat, dropoff_lng: r.dropoff_lng,
    pickup_city: r.pickup_city, pickup_zone: r.pickup_zone, pickup_district: r.pickup_district, pickup_address: r.pickup_address,
    delivery_lat: r.delivery_lat, delivery_lng: r.delivery_lng, warehouse_name: r.warehouse_name,
    star_name: r.star_name, star_phone: r.star_phone,
    created_at: r.created_at.toISOString(), updated_at: r.updated_at.toISOString(), scheduled_at: iso(r.scheduled_at),
    picked_up_at: iso(r.picked_up_at), received_at_warehouse: iso(r.received_at_warehouse_at), delivered_at: iso(r.delivered_at),
    returned_at: iso(r.returned_at), latest_awb_print_date: iso(r.latest_awb_print_at), last_call_time: iso(r.last_call_at),
    delivery_promise_date: r.delivery_promise_date, delivery_time_hours: r.delivery_time_hours,
    attempts_count: r.attempts_count, calls_count: r.calls_count, exception_reason: r.exception_reason, exception_code: r.exception_code,
    order_sla_timestamp: iso(r.order_sla_at), order_sla_exceeded: r.order_sla_exceeded,
    e2e_sla_timestamp: iso(r.e2e_sla_at), e2e_sla_exceeded: r.e2e_sla_exceeded,
    first_seen_at: r.first_seen_at.toISOString(), last_synced: r.last_synced_at.toISOString(),
    business_category: r.business_category, service_type: r.service_type, order_level: r.order_level,
    classification_rule_id: r.classification_rule_id, classification_version: r.classification_version,
    hierarchy_status: r.hierarchy_status as Order['hierarchy_status'], main_order_id: r.main_order_id,
    main_tracking_number: r.main_tracking_number, relationship_type: r.relationship_type as Order['relationship_type'],
    relationship_level: r.relationship_level, hierarchy_confidence: r.hierarchy_confidence,
    hierarchy_linked_by: r.hierarchy_linked_by as Order['hierarchy_linked_by'], has_service_actions: r.has_service_actions,
    service_actions_count: r.service_actions_count, service_status: r.service_status as Order['service_status'],
    customer_segment: r.customer_segment as Order['customer_segment'],
  };
}
