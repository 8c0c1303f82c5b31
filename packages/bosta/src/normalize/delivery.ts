import { DeliverySchema, type Delivery } from '../delivery.js';
import { parseBostaCalendarDate } from '../dates.js';
import { normalizePhone } from '../phone.js';
import { splitAddresses } from './address.js';
import { parseState, parseTrackingNumber, parseType } from './kind.js';
import { dateFrom, deliveryPoint, parsePackage, parseProduct, parseReceiver, stateReachedAt } from './parts.js';
import {
  at, attempt, fail, isAbsent, isRecord, optBool, optDate, optInt, optPiastres, optString, reqDate, show,
  type NormalizeResult,
} from './read.js';
import { lastDoneAt, parseTimeline } from './timeline.js';

type Raw = Record<string, unknown>;

function identity(raw: Raw): Pick<Delivery, 'id' | 'tracking_number' | 'business_reference' | 'unique_business_reference'> {
  const id = optString(raw._id, '_id');
  if (id === null) return fail('_id', 'missing');
  return {
    id,
    tracking_number: parseTrackingNumber(raw.trackingNumber),
    business_reference: optString(raw.businessReference, 'businessReference'),
    unique_business_reference: optString(raw.uniqueBusinessReference, 'uniqueBusinessReference'),
  };
}

function money(raw: Raw): Pick<Delivery, 'cod_piastres' | 'bosta_fees_piastres' | 'deposited_piastres' | 'shipment_fees_piastres' | 'payment_method'> {
  const codPath = isAbsent(raw.cod) ? 'wallet.cashCycle.cod' : 'cod';
  return {
    cod_piastres: optPiastres(at(raw, codPath), codPath) ?? 0,
    bosta_fees_piastres: optPiastres(at(raw, 'wallet.cashCycle.bosta_fees'), 'wallet.cashCycle.bosta_fees'),
    deposited_piastres: optPiastres(at(raw, 'wallet.cashCycle.deposited_amt'), 'wallet.cashCycle.deposited_amt'),
    shipment_fees_piastres: optPiastres(raw.shipmentFees, 'shipmentFees'),
    payment_method: optString(raw.paymentMethod, 'paymentMethod'),
  };
}

function goods(raw: Raw, typeCode: number): Pick<Delivery, 'notes' | 'items_count' | 'description' | 'product_name' | 'product_count' | 'return_items_count' | 'return_description'> {
  const specs = parsePackage(raw, 'specs');
  const ret = parsePackage(raw, 'returnSpecs');
  // Type 25 carries its goods only in returnSpecs; an exchange's returnSpecs is the old item.
  const main = typeCode === 25 || (specs.description === null && specs.itemsCount === null) ? ret : specs;
  const product = parseProduct(main.description);
  return {
    notes: optString(raw.notes, 'notes'),
    items_count: main.itemsCount,
    description: main.description,
    product_name: product.name,
    product_count: product.count ?? main.itemsCount,
    return_items_count: ret.itemsCount,
    return_description: ret.description,
  };
}

type Geography = Pick<Delivery, 'dropoff_city' | 'dropoff_city_ar' | 'dropoff_zone' | 'dropoff_zone_ar' | 'dropoff_district' | 'dropoff_district_ar'
  | 'dropoff_first_line' | 'dropoff_second_line' | 'dropoff_building' | 'dropoff_floor' | 'dropoff_apartment' | 'dropoff_lat' | 'dropoff_lng'
  | 'pickup_city' | 'pickup_zone' | 'pickup_district' | 'pickup_address' | 'delivery_lat' | 'delivery_lng' | 'warehouse_name' | 'star_name' | 'star_phone'>;

function geography(raw: Raw, typeCode: number): Geography {
  const { customer: c, business: b } = splitAddresses(raw, typeCode);
  const point = deliveryPoint(raw);
  return {
    dropoff_city: c.city, dropoff_city_ar: c.cityAr, dropoff_zone: c.zone, dropoff_zone_ar: c.zoneAr,
    dropoff_district: c.district, dropoff_district_ar: c.districtAr, dropoff_first_line: c.firstLine,
    dropoff_second_line: c.secondLine, dropoff_building: c.building, dropoff_floor: c.floor,
    dropoff_apartment: c.apartment, dropoff_lat: c.lat, dropoff_lng: c.lng,
    pickup_city: b.city, pickup_zone: b.zone, pickup_district: b.district, pickup_address: b.firstLine,
    delivery_lat: point.lat, delivery_lng: point.lng,
    warehouse_name: optString(at(raw, 'state.receivedAtWarehouse.warehouse.name'), 'state.receivedAtWarehouse.warehouse.name'),
    star_name: optString(at(raw, 'star.name'), 'star.name'),
    star_phone: starPhone(at(raw, 'star.phone')),
  };
}

function starPhone(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  return normalizePhone(value) ?? value.trim();
}

type Dates = Pick<Delivery, 'created_at' | 'updated_at' | 'scheduled_at' | 'picked_up_at' | 'received_at_warehouse_at' | 'delivered_at'
  | 'returned_at' | 'latest_awb_print_at' | 'last_call_at' | 'delivery_promise_date' | 'delivery_time_hours'>;

function dates(raw: Raw, stateCode: number): Dates {
  const created = reqDate(raw, ['createdAt', 'creationTimestamp']);
  const updated = isAbsent(raw.updatedAt) ? created : (optDate(raw.updatedAt, 'updatedAt') as string);
  const delivered = dateFrom(raw, stateCode === 45 ? ['state.deliveryTime', 'state.delivering.time', 'deliveredAt'] : ['state.deliveryTime', 'deliveredAt']);
  const promise = raw.deliveryPromiseDate;
  const promiseDate = isAbsent(promise) ? null : parseBostaCalendarDate(promise);
  if (!isAbsent(promise) && promiseDate === null) fail('deliveryPromiseDate', `unparseable date ${show(promise)}`);
  return {
    created_at: created,
    updated_at: updated,
    scheduled_at: optDate(raw.scheduledAt, 'scheduledAt'),
    picked_up_at: dateFrom(raw, ['state.pickedUpTime', 'pickedUpAt']),
    received_at_warehouse_at: dateFrom(raw, ['state.receivedAtWarehouse.time', 'receivedAtWarehouse']),
    delivered_at: delivered,
    returned_at: dateFrom(raw, ['state.returnedToBusiness', 'returnedAt']),
    latest_awb_print_at: optDate(raw.latestAwbPrintDate, 'latestAwbPrintDate'),
    last_call_at: optDate(raw.lastCallTime, 'lastCallTime'),
    delivery_promise_date: promiseDate,
    delivery_time_hours: delivered === null ? null : Math.round((Date.parse(delivered) - Date.parse(created)) / 36_000) / 100,
  };
}

type Counters = Pick<Delivery, 'attempts_count' | 'calls_count' | 'exception_reason' | 'exception_code' | 'order_sla_at'
  | 'order_sla_exceeded' | 'e2e_sla_at' | 'e2e_sla_exceeded'>;

function counters(raw: Raw): Counters {
  const attempts = ['attemptsCount', 'deliveryAttemptsLength', 'numberOfAttempts'].find((k) => !isAbsent(raw[k]));
  return {
    attempts_count: attempts === undefined ? null : optInt(raw[attempts], attempts),
    calls_count: optInt(raw.callsNumber, 'callsNumber'),
    exception_reason: optString(raw.exceptionReason ?? at(raw, 'state.exception.reason'), 'exceptionReason'),
    exception_code: optInt(raw.exceptionCode ?? at(raw, 'state.exception.code'), 'exceptionCode'),
    order_sla_at: optDate(at(raw, 'sla.orderSla.orderSlaTimestamp'), 'sla.orderSla.orderSlaTimestamp'),
    order_sla_exceeded: optBool(at(raw, 'sla.orderSla.isExceededOrderSla'), 'sla.orderSla.isExceededOrderSla'),
    e2e_sla_at: optDate(at(raw, 'sla.e2eSla.e2eSlaTimestamp'), 'sla.e2eSla.e2eSlaTimestamp'),
    e2e_sla_exceeded: optBool(at(raw, 'sla.e2eSla.isExceededE2ESla'), 'sla.e2eSla.isExceededE2ESla'),
  };
}

function build(input: unknown): Delivery {
  // Accept the whole `{ success, data }` envelope too, so a raw GET body normalizes as well.
  const raw = isRecord(input) && isRecord(input.data) && 'success' in input ? input.data : input;
  if (!isRecord(raw)) return fail('(delivery)', `expected an object, got ${show(raw)}`);
  const ids = identity(raw);
  const state = parseState(raw.state);
  const type = parseType(raw.type);
  if (type.code === null) return fail('type', `no numeric code for ${show(type.enumName)}`);
  const receiver = parseReceiver(raw);
  const timeline = parseTimeline(raw.timeline);
  const when = dates(raw, state.code);
  const m = money(raw);
  const g = goods(raw, type.code);
  const geo = geography(raw, type.code);
  const c = counters(raw);
  // One literal with every field spelled out: spreading six partial objects into ~95 properties
  // made V8 fall back to a slow dictionary object and tripled the cost of a search page.
  const candidate: Delivery = {
    id: ids.id, tracking_number: ids.tracking_number, business_reference: ids.business_reference,
    unique_business_reference: ids.unique_business_reference,
    state_code: state.code, state_value: state.value, masked_state: optString(raw.maskedState, 'maskedState'),
    state_at: stateReachedAt(raw, state.code, lastDoneAt(timeline), when.updated_at),
    is_confirmed_delivery: optBool(raw.isConfirmedDelivery, 'isConfirmedDelivery') ?? false,
    allow_open_package: optBool(raw.allowToOpenPackage, 'allowToOpenPackage') ?? false,
    type_code: type.code, type_value: type.value, type_enum: type.enumName,
    cod_piastres: m.cod_piastres, bosta_fees_piastres: m.bosta_fees_piastres, deposited_piastres: m.deposited_piastres,
    shipment_fees_piastres: m.shipment_fees_piastres, payment_method: m.payment_method,
    receiver_phone: receiver.phone, receiver_name: receiver.name, receiver_first_name: receiver.firstName,
    receiver_last_name: receiver.lastName, receiver_second_phone: receiver.secondPhone,
    notes: g.notes, items_count: g.items_count, description: g.description, product_name: g.product_name,
    product_count: g.product_count, return_items_count: g.return_items_count, return_description: g.return_description,
    dropoff_city: geo.dropoff_city, dropoff_city_ar: geo.dropoff_city_ar, dropoff_zone: geo.dropoff_zone,
    dropoff_zone_ar: geo.dropoff_zone_ar, dropoff_district: geo.dropoff_district, dropoff_district_ar: geo.dropoff_district_ar,
    dropoff_first_line: geo.dropoff_first_line, dropoff_second_line: geo.dropoff_second_line,
    dropoff_building: geo.dropoff_building, dropoff_floor: geo.dropoff_floor, dropoff_apartment: geo.dropoff_apartment,
    dropoff_lat: geo.dropoff_lat, dropoff_lng: geo.dropoff_lng,
    pickup_city: geo.pickup_city, pickup_zone: geo.pickup_zone, pickup_district: geo.pickup_district,
    pickup_address: geo.pickup_address, delivery_lat: geo.delivery_lat, delivery_lng: geo.delivery_lng,
    warehouse_name: geo.warehouse_name, star_name: geo.star_name, star_phone: geo.star_phone,
    timeline,
    created_at: when.created_at, updated_at: when.updated_at, scheduled_at: when.scheduled_at,
    picked_up_at: when.picked_up_at, received_at_warehouse_at: when.received_at_warehouse_at,
    delivered_at: when.delivered_at, returned_at: when.returned_at, latest_awb_print_at: when.latest_awb_print_at,
    last_call_at: when.last_call_at, delivery_promise_date: when.delivery_promise_date,
    delivery_time_hours: when.delivery_time_hours,
    attempts_count: c.attempts_count, calls_count: c.calls_count, exception_reason: c.exception_reason,
    exception_code: c.exception_code, order_sla_at: c.order_sla_at, order_sla_exceeded: c.order_sla_exceeded,
    e2e_sla_at: c.e2e_sla_at, e2e_sla_exceeded: c.e2e_sla_exceeded,
  };
  const parsed = DeliverySchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(issue ? issue.path.join('.') : '(delivery)', issue ? issue.message : 'invalid');
  }
  return parsed.data;
}

/** A Bosta delivery (REST detail, search item, or a `{ success, data }` GET body) → the typed `Delivery`, or the precise reason it was rejected. */
export function normalizeDelivery(raw: unknown): NormalizeResult<Delivery> {
  return attempt(() => build(raw));
}
