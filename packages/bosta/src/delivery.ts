import { z } from 'zod';

/**
 * The one typed delivery every HVAR service works with, whatever shape Bosta sent (REST detail,
 * search item). Produced only by `normalizeDelivery`; field names are the order book's columns.
 * Money is integer piastres (1 EGP = 100), dates are UTC ISO-8601 strings, phones E.164 `+201…`.
 */
const isoDate = z.iso.datetime({ offset: true });
const piastres = z.number().int();

/** One timeline step as Bosta lists it (`timeline[]`). */
export const TimelineEventSchema = z.object({
  code: z.number().int().nullable(),
  value: z.string(),
  at: isoDate.nullable(),
  done: z.boolean(),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

/** Bosta delivery type codes we know; other codes are kept as numbers. */
export const DELIVERY_TYPES = {
  10: 'SEND',
  15: 'CASH_COLLECTION',
  20: 'RTO',
  25: 'CUSTOMER_RETURN_PICKUP',
  30: 'EXCHANGE',
  35: 'SIGN_AND_RETURN',
} as const;
export type DeliveryTypeCode = keyof typeof DELIVERY_TYPES;
export type DeliveryTypeEnum = (typeof DELIVERY_TYPES)[DeliveryTypeCode] | 'FXF_SEND';

export const DeliverySchema = z.object({
  /** Bosta `_id`. */
  id: z.string().min(1),
  tracking_number: z.string().regex(/^\d+$/),
  business_reference: z.string().nullable(),
  unique_business_reference: z.string().nullable(),

  state_code: z.number().int(),
  state_value: z.string().nullable(),
  masked_state: z.string().nullable(),
  /** When the current state was reached (state timestamps, else last done timeline step, else updatedAt). */
  state_at: isoDate,
  is_confirmed_delivery: z.boolean(),
  allow_open_package: z.boolean(),

  type_code: z.number().int(),
  type_value: z.string().nullable(),
  type_enum: z.string().nullable(),

  cod_piastres: piastres,
  bosta_fees_piastres: piastres.nullable(),
  deposited_piastres: piastres.nullable(),
  shipment_fees_piastres: piastres.nullable(),
  payment_method: z.string().nullable(),

  receiver_phone: z.string().regex(/^\+201[0125]\d{8}$/),
  receiver_name: z.string().nullable(),
  receiver_first_name: z.string().nullable(),
  receiver_last_name: z.string().nullable(),
  /** Null when absent or not a normalizable Egyptian mobile (never stored malformed). */
  receiver_second_phone: z.string().nullable(),

  notes: z.string().nullable(),
  items_count: z.number().int().nullable(),
  description: z.string().nullable(),
  /** Parsed from `"N * product"` descriptions (specs, or returnSpecs for types 25/30). */
  product_name: z.string().nullable(),
  product_count: z.number().int().nullable(),
  return_items_count: z.number().int().nullable(),
  return_description: z.string().nullable(),

  dropoff_city: z.string().nullable(),
  dropoff_city_ar: z.string().nullable(),
  dropoff_zone: z.string().nullable(),
  dropoff_zone_ar: z.string().nullable(),
  dropoff_district: z.string().nullable(),
  dropoff_district_ar: z.string().nullable(),
  dropoff_first_line: z.string().nullable(),
  dropoff_second_line: z.string().nullable(),
  dropoff_building: z.string().nullable(),
  dropoff_floor: z.string().nullable(),
  dropoff_apartment: z.string().nullable(),
  dropoff_lat: z.number().nullable(),
  dropoff_lng: z.number().nullable(),
  pickup_city: z.string().nullable(),
  pickup_zone: z.string().nullable(),
  pickup_district: z.string().nullable(),
  pickup_address: z.string().nullable(),
  delivery_lat: z.number().nullable(),
  delivery_lng: z.number().nullable(),
  warehouse_name: z.string().nullable(),

  star_name: z.string().nullable(),
  star_phone: z.string().nullable(),

  timeline: z.array(TimelineEventSchema),

  created_at: isoDate,
  updated_at: isoDate,
  scheduled_at: isoDate.nullable(),
  picked_up_at: isoDate.nullable(),
  received_at_warehouse_at: isoDate.nullable(),
  delivered_at: isoDate.nullable(),
  returned_at: isoDate.nullable(),
  latest_awb_print_at: isoDate.nullable(),
  last_call_at: isoDate.nullable(),
  /** `deliveryPromiseDate` (DD-MM-YYYY) as `YYYY-MM-DD`. */
  delivery_promise_date: z.iso.date().nullable(),
  /** delivered_at − created_at, hours, 2 decimals. */
  delivery_time_hours: z.number().nullable(),

  attempts_count: z.number().int().nullable(),
  calls_count: z.number().int().nullable(),
  exception_reason: z.string().nullable(),
  exception_code: z.number().int().nullable(),

  order_sla_at: isoDate.nullable(),
  order_sla_exceeded: z.boolean().nullable(),
  e2e_sla_at: isoDate.nullable(),
  e2e_sla_exceeded: z.boolean().nullable(),
});
/** A normalized Bosta delivery. */
export type Delivery = z.infer<typeof DeliverySchema>;

/**
 * A normalized webhook call (bosta-api.md §6): a state change only, so most delivery fields are
 * absent. `event_at` is the webhook's `timeStamp`.
 */
export const DeliveryEventSchema = z.object({
  id: z.string().nullable(),
  tracking_number: z.string().regex(/^\d+$/),
  state_code: z.number().int(),
  type_code: z.number().int().nullable(),
  type_enum: z.string().nullable(),
  event_at: isoDate,
  cod_piastres: piastres.nullable(),
  is_confirmed_delivery: z.boolean().nullable(),
  exception_reason: z.string().nullable(),
  exception_code: z.number().int().nullable(),
  business_reference: z.string().nullable(),
  attempts_count: z.number().int().nullable(),
  delivery_promise_date: z.iso.date().nullable(),
});
/** A normalized webhook state change. */
export type DeliveryEvent = z.infer<typeof DeliveryEventSchema>;
