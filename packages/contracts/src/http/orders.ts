import { z } from 'zod';
import { HierarchyStatusSchema, LinkedBySchema, RelationshipTypeSchema } from '../messages/hierarchy-changed.js';
import { ActionStatusSchema, CustomerSegmentSchema, type ActionStatus, type CustomerSegment } from '../messages/service-action.js';
import { PageOf, PageParams, QueryBool, QueryDate, QueryIntList, QueryMoney, intList, isYes } from './query.js';

const classified = (what: string) => `${what} (from the classifier); null until the order is classified.`;
const linked = (what: string) => `${what} (from the hierarchy); null unless the order is linked to a main order.`;

/**
 * An order's place in the hierarchy as the order book shows it: the hierarchy's status, or
 * `pending_review` from a state change until the hierarchy has re-evaluated the order (domain.md §3).
 */
export const OrderHierarchyStatusSchema = z.enum([...HierarchyStatusSchema.options, 'pending_review']);
/** An order's hierarchy status in the order book. */
export type OrderHierarchyStatus = z.infer<typeof OrderHierarchyStatusSchema>;
const ts = z.string().nullable();

/** One order (a Bosta delivery) as the API shows it; field names follow the seed's order table. */
export const OrderSchema = z
  .object({
    id: z.string().meta({ description: 'Bosta `_id`' }),
    tracking_number: z.string(),
    business_reference: z.string().nullable(),
    unique_business_reference: z.string().nullable(),
    state_code: z.number().int(),
    state_value: z.string().nullable(),
    masked_state: z.string().nullable(),
    state_at: z.string().meta({ description: 'When the current state was reached' }),
    last_state_change: ts,
    is_confirmed_delivery: z.boolean(),
    allow_open_package: z.boolean(),
    order_type_code: z.number().int(),
    order_type_value: z.string().nullable(),
    order_type_enum: z.string().nullable(),
    cod: z.number().meta({ description: 'Cash on delivery, EGP (2 decimals); negative = refund' }),
    bosta_fees: z.number().nullable(),
    deposited_amount: z.number().nullable(),
    shipment_fees: z.number().nullable(),
    payment_method: z.string().nullable(),
    receiver_phone: z.string().meta({ description: 'E.164, e.g. +201001234567' }),
    receiver_name: z.string().nullable(),
    receiver_first_name: z.string().nullable(),
    receiver_last_name: z.string().nullable(),
    receiver_second_phone: z.string().nullable(),
    notes: z.string().nullable(),
    specs_items_count: z.number().int().nullable(),
    specs_description: z.string().nullable(),
    product_name: z.string().nullable(),
    product_count: z.number().int().nullable(),
    return_items_count: z.number().int().nullable(),
    return_description: z.string().nullable(),
    dropoff_city_name: z.string().nullable(),
    dropoff_city_name_ar: z.string().nullable(),
    dropoff_zone_name: z.string().nullable(),
    dropoff_zone_name_ar: z.string().nullable(),
    dropoff_district_name: z.string().nullable(),
    dropoff_district_name_ar: z.string().nullable(),
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
    created_at: z.string(),
    updated_at: z.string(),
    scheduled_at: ts,
    picked_up_at: ts,
    received_at_warehouse: ts,
    delivered_at: ts,
    returned_at: ts,
    latest_awb_print_date: ts,
    last_call_time: ts,
    delivery_promise_date: ts,
    delivery_time_hours: z.number().nullable(),
    attempts_count: z.number().int().nullable(),
    calls_count: z.number().int().nullable(),
    exception_reason: z.string().nullable(),
    exception_code: z.number().int().nullable(),
    order_sla_timestamp: ts,
    order_sla_exceeded: z.boolean().nullable(),
    e2e_sla_timestamp: ts,
    e2e_sla_exceeded: z.boolean().nullable(),
    first_seen_at: z.string(),
    last_synced: z.string(),
    business_category: z.string().nullable().meta({ description: classified('Business category, e.g. Real Sales Order') }),
    service_type: z.string().nullable().meta({ description: classified('Service type: main, maintenance, service, return, return_pickup, exchange, operational') }),
    order_level: z.number().int().nullable().meta({ description: classified('0 = main or operational, 1 = sub order') }),
    classification_rule_id: z.string().nullable().meta({ description: classified('The rule that matched') }),
    classification_version: z.number().int().nullable().meta({ description: classified('The rule-set version that classified it') }),
    hierarchy_status: OrderHierarchyStatusSchema.meta({
      description: '`unlinked` when new; `main`, `linked` or `unlinked` from the hierarchy; `pending_review` after a state change until the hierarchy re-evaluated the order',
    }),
    main_order_id: z.string().nullable().meta({ description: linked('Bosta `_id` of the main order') }),
    main_tracking_number: z.string().nullable().meta({ description: linked('Tracking number of the main order') }),
    relationship_type: RelationshipTypeSchema.nullable().meta({ description: linked('What this order is to its main') }),
    relationship_level: z.number().int().nullable().meta({ description: linked('1 = direct sub, 2 = sub of a sub, ...') }),
    hierarchy_confidence: z.number().nullable().meta({ description: linked('Confidence of the link, 0.00-1.00') }),
    hierarchy_linked_by: LinkedBySchema.nullable().meta({ description: linked('Who made the link: auto_sync, manual, api') }),
    has_service_actions: z.boolean().meta({ description: 'Whether a service action names this order as its main, sub or source order (from the service-action service)' }),
    service_actions_count: z.number().int().meta({ description: 'How many service actions name this order as main, sub or source order (from the service-action service)' }),
    service_status: ActionStatusSchema.nullable().meta({ description: 'Status of the most recent service action naming this order (from the service-action service); null without one' }),
    customer_segment: CustomerSegmentSchema.nullable().meta({
      description: "Segment of the receiver's customer (new, regular, vip, problematic; from the service-action service); null until the service has a customer for the phone",
    }),
  })
  .meta({ id: 'Order' });
/** An order in the API. */
export type Order = z.infer<typeof OrderSchema>;

/** Fields `sort` accepts; `-field` sorts descending. */
export const ORDER_SORT_FIELDS = [
  'created_at', 'updated_at', 'cod', 'state', 'tracking_number', 'business_category', 'service_type', 'order_level', 'hierarchy_status',
] as const;
/** A sortable order field. */
export type OrderSortField = (typeof ORDER_SORT_FIELDS)[number];
const SORTS = ORDER_SORT_FIELDS.flatMap((f) => [f, `-${f}`]) as [string, ...string[]];

const text = (max = 200) => z.string().trim().min(1).max(max);

const ACTION_STATUS = `(${ActionStatusSchema.options.join('|')})`;
/** One service-action status or a comma-separated list of them (kept a string: a parsed query is written back as is). */
const QueryActionStatusList = z
  .string()
  .regex(new RegExp(`^${ACTION_STATUS}(,${ACTION_STATUS}){0,${ActionStatusSchema.options.length - 1}}$`), `expected one or a comma-separated list of: ${ActionStatusSchema.options.join(', ')}`);

/** Filters shared by the order list, stats and state analysis (query parameters). */
export const OrderFilterParams = {
  q: text().optional().meta({ description: 'Free text: tracking number, business reference, receiver name, description, product, city, zone' }),
  state: QueryIntList.optional().meta({ description: 'State code(s), e.g. `45` or `45,46`' }),
  order_type: QueryIntList.optional().meta({ description: 'Order type code(s): 10 SEND, 15 CASH_COLLECTION, 20 RTO, 25 CUSTOMER_RETURN_PICKUP, 30 EXCHANGE, 35 SIGN_AND_RETURN' }),
  cod_min: QueryMoney.optional().meta({ description: 'COD at least (EGP)' }),
  cod_max: QueryMoney.optional().meta({ description: 'COD at most (EGP)' }),
  city: text().optional().meta({ description: 'Drop-off city, English (case-insensitive) or Arabic' }),
  zone: text().optional().meta({ description: 'Drop-off zone, English (case-insensitive) or Arabic' }),
  district: text().optional().meta({ description: 'Drop-off district, English (case-insensitive) or Arabic' }),
  phone: text(40).optional().meta({ description: "Receiver phone, any spelling of an Egyptian mobile (normalized to E.164)" }),
  has_product_desc: QueryBool.optional().meta({ description: 'Has a product description (description or product name)' }),
  has_returns: QueryBool.optional().meta({ description: 'Has a return leg: returned (state 46), a return date, return items, or type 20/25/30' }),
  sla_exceeded: QueryBool.optional().meta({ description: 'Order or end-to-end SLA exceeded' }),
  created_from: QueryDate.optional(),
  created_to: QueryDate.optional().meta({ description: 'Inclusive (a date covers the whole day)' }),
  delivered_from: QueryDate.optional(),
  delivered_to: QueryDate.optional().meta({ description: 'Inclusive (a date covers the whole day)' }),
  business_category: text().optional().meta({ description: 'Business category from the classifier (case-insensitive), e.g. Real Sales Order' }),
  service_type: text().optional().meta({ description: 'Service type from the classifier (case-insensitive), e.g. main, maintenance' }),
  delivery_category: text().optional().meta({ description: 'Alias of service_type (seed spelling)' }),
  order_level: z.coerce.number().int().min(0).max(10).optional().meta({ description: 'Order level from the classifier (0 = main or operational, 1 = sub)' }),
  hierarchy_status: OrderHierarchyStatusSchema.optional().meta({ description: 'main, linked, unlinked or pending_review' }),
  has_service_actions: QueryBool.optional().meta({ description: 'Orders named (or not) by a service action as main, sub or source order' }),
  service_status: QueryActionStatusList.optional().meta({
    description: `Status of the order's most recent service action, one or a comma-separated list: ${ActionStatusSchema.options.join(', ')}`,
  }),
  customer_segment: CustomerSegmentSchema.optional().meta({ description: "Segment of the receiver's customer: new, regular, vip or problematic" }),
};

/** `GET /orders/stats` and `/orders/states`: the filters only. Unknown parameters are rejected. */
export const OrderFiltersQuery = z.strictObject(OrderFilterParams);
/** Parsed filters. */
export type OrderFiltersQuery = z.infer<typeof OrderFiltersQuery>;

/** `GET /orders`: filters, sort (`sort=-cod` or the seed's `sort_by=cod&sort_dir=DESC`) and cursor. */
export const OrdersQuery = z.strictObject({
  ...OrderFilterParams,
  sort: z.enum(SORTS).optional().meta({
    description: `One of ${ORDER_SORT_FIELDS.join(', ')}; prefix - for descending. Default -created_at. Unclassified orders sort before every category, service type and level`,
  }),
  sort_by: z.enum(ORDER_SORT_FIELDS).optional().meta({ description: 'Seed spelling of sort (with sort_dir)' }),
  sort_dir: z.enum(['ASC', 'DESC', 'asc', 'desc']).optional(),
  ...PageParams,
});
/** Parsed `GET /orders` query. */
export type OrdersQuery = z.infer<typeof OrdersQuery>;

/** Filters with their meaning resolved (lists split, booleans read, aliases applied). */
export interface OrderFilters {
  q?: string;
  states?: number[];
  types?: number[];
  codMin?: number;
  codMax?: number;
  city?: string;
  zone?: string;
  district?: string;
  phone?: string;
  hasProductDesc?: boolean;
  hasReturns?: boolean;
  slaExceeded?: boolean;
  createdFrom?: string;
  createdTo?: string;
  deliveredFrom?: string;
  deliveredTo?: string;
  businessCategory?: string;
  serviceType?: string;
  orderLevel?: number;
  hierarchyStatus?: string;
  hasServiceActions?: boolean;
  serviceStatuses?: ActionStatus[];
  customerSegment?: CustomerSegment;
}

/** Resolves parsed filter parameters into `OrderFilters`. */
export function orderFilters(q: OrderFiltersQuery): OrderFilters {
  return {
    q: q.q, states: intList(q.state), types: intList(q.order_type), codMin: q.cod_min, codMax: q.cod_max,
    city: q.city, zone: q.zone, district: q.district, phone: q.phone,
    hasProductDesc: isYes(q.has_product_desc), hasReturns: isYes(q.has_returns), slaExceeded: isYes(q.sla_exceeded),
    createdFrom: q.created_from, createdTo: q.created_to, deliveredFrom: q.delivered_from, deliveredTo: q.delivered_to,
    businessCategory: q.business_category, serviceType: q.service_type ?? q.delivery_category, orderLevel: q.order_level,
    hierarchyStatus: q.hierarchy_status, hasServiceActions: isYes(q.has_service_actions),
    serviceStatuses: q.service_status === undefined ? undefined : [...new Set(q.service_status.split(',') as ActionStatus[])],
    customerSegment: q.customer_segment,
  };
}

/** The sort a parsed query asks for: `sort` wins, else `sort_by`/`sort_dir`, else newest first. */
export function orderSort(q: Pick<OrdersQuery, 'sort' | 'sort_by' | 'sort_dir'>): { field: OrderSortField; desc: boolean } {
  if (q.sort) {
    const desc = q.sort.startsWith('-');
    return { field: (desc ? q.sort.slice(1) : q.sort) as OrderSortField, desc };
  }
  if (q.sort_by) return { field: q.sort_by, desc: (q.sort_dir ?? 'ASC').toUpperCase() === 'DESC' };
  return { field: 'created_at', desc: true };
}

/** `GET /orders` answer. */
export const OrderPageSchema = PageOf(OrderSchema).meta({ id: 'OrderPage' });

/** `:id` of an order (Bosta `_id`). */
export const OrderIdParams = z.strictObject({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not an order id') });
/** `:trackingNumber`. */
export const TrackingParams = z.strictObject({ trackingNumber: z.string().regex(/^[A-Za-z0-9-]{1,40}$/, 'not a tracking number') });
/** `:phone`, any spelling; the service normalizes it. */
export const PhoneParams = z.strictObject({ phone: z.string().min(1).max(40) });
/** `GET /orders/phone/:phone` query. */
export const PhoneOrdersQuery = z.strictObject({ ...PageParams });

/** The orders of one customer. */
export const PhoneOrdersSchema = PageOf(OrderSchema).extend({ phone: z.string().meta({ description: 'The normalized phone (E.164)' }) }).meta({ id: 'CustomerOrders' });

const Bucket = z.object({ count: z.number().int(), cod_total: z.number() });

/** `GET /orders/stats`: totals over the filtered orders. */
export const OrderStatsSchema = z
  .object({
    total_orders: z.number().int(),
    cod_total: z.number(),
    cod_average: z.number().nullable(),
    delivered: z.number().int(),
    returned: z.number().int(),
    in_progress: z.number().int(),
    exceptions: z.number().int(),
    sla_exceeded: z.number().int(),
    with_product_description: z.number().int(),
    customers: z.number().int().meta({ description: 'Distinct receiver phones' }),
    average_delivery_time_hours: z.number().nullable(),
    first_created_at: z.string().nullable(),
    last_created_at: z.string().nullable(),
    last_synced: z.string().nullable(),
    by_state: z.array(Bucket.extend({ state_code: z.number().int(), state_value: z.string().nullable() })),
    by_type: z.array(Bucket.extend({ order_type_code: z.number().int(), order_type_value: z.string().nullable() })),
    bosta_fees_total: z.number().meta({ description: "Bosta's fees over the filtered orders (EGP)" }),
    by_service_type: z.array(Bucket.extend({ service_type: z.string().meta({ description: "The classifier's service type; 'unclassified' before its facts arrive" }) })),
    by_city: z.array(Bucket.extend({ city: z.string().meta({ description: "Drop-off city; the 20 largest, then 'other'" }), returned: z.number().int() })),
    by_day: z.array(
      Bucket.extend({
        day: z.string().meta({ description: 'Creation day (Africa/Cairo), the 90 days up to the newest' }),
        delivered: z.number().int().meta({ description: 'Of the orders created that day, how many are delivered (state 45) now' }),
        returned: z.number().int().meta({ description: '… returned to the merchant (state 46) now' }),
        in_progress: z.number().int().meta({ description: '… still moving (not in a final state) now' }),
        by_category: z.record(z.string(), z.number().int()).meta({ description: "Of the orders created that day, how many per business category ('unclassified' before the classifier's facts)" }),
      }),
    ),
  })
  .meta({ id: 'OrderStats' });
/** Order stats. */
export type OrderStats = z.infer<typeof OrderStatsSchema>;

/** `GET /orders/states`: one row per state with its weight and timings. */
export const StateAnalysisSchema = z
  .object({
    total_orders: z.number().int(),
    states: z.array(
      z.object({
        state_code: z.number().int(),
        state_value: z.string().nullable(),
        masked_state: z.string().nullable(),
        count: z.number().int(),
        share: z.number().meta({ description: 'count / total_orders (0-1)' }),
        cod_total: z.number(),
        cod_average: z.number().nullable(),
        sla_exceeded: z.number().int(),
        average_attempts: z.number().nullable(),
        average_delivery_time_hours: z.number().nullable(),
        average_hours_in_state: z.number().nullable().meta({ description: 'Mean time since orders reached this state' }),
        oldest_state_at: z.string().nullable(),
        newest_state_at: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'StateAnalysis' });

/** One step of an order's timeline. */
export const TimelineEventSchema = z.object({
  seq: z.number().int(),
  code: z.number().int().nullable(),
  value: z.string(),
  at: z.string().nullable(),
  done: z.boolean(),
  source: z.enum(['rest', 'webhook']).or(z.string()),
});

/** `GET /orders/:id/timeline`. */
export const OrderTimelineSchema = z
  .object({ order_id: z.string(), tracking_number: z.string(), state_code: z.number().int(), events: z.array(TimelineEventSchema) })
  .meta({ id: 'OrderTimeline' });
/** An order's timeline. */
export type OrderTimeline = z.infer<typeof OrderTimelineSchema>;
