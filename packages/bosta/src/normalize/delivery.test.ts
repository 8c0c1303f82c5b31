import { describe, expect, it } from 'vitest';
import { DeliverySchema, type Delivery } from '../delivery.js';
import { detailType10, searchItemType25 } from '../testing/fixtures.js';
import { normalizeDelivery } from './delivery.js';

function ok(raw: unknown): Delivery {
  const r = normalizeDelivery(raw);
  if (!r.ok) throw new Error(`expected ok, got: ${r.reason}`);
  expect(() => DeliverySchema.parse(r.value)).not.toThrow();
  return r.value;
}

function reason(raw: unknown): string {
  const r = normalizeDelivery(raw);
  if (r.ok) throw new Error('expected a rejection');
  return r.reason;
}

function withPatch(patch: (d: Record<string, unknown>) => void): Record<string, unknown> {
  const d = detailType10();
  patch(d);
  return d;
}

describe('normalizeDelivery: the §9.1 detail object', () => {
  const d = ok(detailType10());

  it('maps identity, state, type and flags', () => {
    expect(d).toMatchObject({
      id: 'Xq3kP9sLmN2vB7tR1yZ0a', tracking_number: '57646330', business_reference: 'HV-10421', unique_business_reference: null,
      state_code: 45, state_value: 'Delivered', masked_state: 'Delivered', state_at: '2025-08-15T13:41:10.004Z',
      is_confirmed_delivery: false, allow_open_package: true, type_code: 10, type_value: 'Package Delivery', type_enum: 'SEND',
    });
  });

  it('turns money into integer piastres from numbers and numeric strings', () => {
    expect(d).toMatchObject({ cod_piastres: 125000, bosta_fees_piastres: 6395, deposited_piastres: 118605, shipment_fees_piastres: 6395, payment_method: 'COD' });
  });

  it('maps receiver, goods and the "N * product" description', () => {
    expect(d).toMatchObject({
      receiver_phone: '+201001234567', receiver_name: 'Ahmed Hassan', receiver_first_name: 'Ahmed', receiver_last_name: 'Hassan',
      receiver_second_phone: null, notes: 'Call before arrival', items_count: 1, description: '1 * Hand blender 5057',
      product_name: 'Hand blender 5057', product_count: 1, return_items_count: null, return_description: null,
    });
  });

  it('maps both addresses, warehouse and courier', () => {
    expect(d).toMatchObject({
      dropoff_city: 'Cairo', dropoff_city_ar: 'القاهرة', dropoff_zone: 'Nasr City', dropoff_zone_ar: 'مدينة نصر',
      dropoff_district: 'Nasr City', dropoff_district_ar: 'مدينة نصر', dropoff_first_line: '12 Abbas El Akkad St',
      dropoff_second_line: 'Near City Stars', dropoff_building: '12', dropoff_floor: '3', dropoff_apartment: '7',
      pickup_city: 'Sharqia', pickup_zone: 'Belbes', pickup_district: 'Belbes', pickup_address: 'Main warehouse, Gamaeyat St',
      warehouse_name: 'El-Sharkia Hub', star_name: 'Star Name', star_phone: '+201111111111',
    });
  });

  it('maps every date, the timeline and the derived delivery time', () => {
    expect(d).toMatchObject({
      created_at: '2025-08-13T09:45:51.000Z', updated_at: '2025-08-15T13:41:10.000Z', scheduled_at: '2025-08-15T20:59:59.999Z',
      picked_up_at: '2025-08-14T10:22:53.520Z', received_at_warehouse_at: '2025-08-14T16:08:32.236Z',
      delivered_at: '2025-08-15T13:41:10.004Z', returned_at: null, delivery_time_hours: 51.92,
      attempts_count: 1, calls_count: 2, order_sla_at: '2025-08-16T20:59:59.999Z', order_sla_exceeded: false,
      e2e_sla_at: '2025-08-17T20:59:59.999Z', e2e_sla_exceeded: false,
    });
    expect(d.timeline).toHaveLength(4);
    expect(d.timeline[3]).toEqual({ code: 45, value: 'delivered', at: '2025-08-15T13:41:10.004Z', done: true });
  });

  it('accepts the whole { success, data } GET body too', () => {
    expect(ok({ success: true, message: 'Done successfully.', data: detailType10() })).toEqual(d);
  });
});

describe('normalizeDelivery: §9.4 search item, type 25 with returnSpecs', () => {
  const d = ok(searchItemType25());

  it('reads the customer from pickupAddress and the goods from returnSpecs', () => {
    expect(d).toMatchObject({
      tracking_number: '71000042', type_code: 25, type_enum: 'CUSTOMER_RETURN_PICKUP', state_code: 10,
      dropoff_city: 'Giza', dropoff_zone: 'Dokki', dropoff_first_line: '15 Mosaddak St, Dokki', dropoff_building: '15',
      pickup_city: null, pickup_address: null,
      items_count: 2, description: '2 * Hand blender 5057', product_name: 'Hand blender 5057', product_count: 2,
      return_items_count: 2, return_description: '2 * Hand blender 5057',
      unique_business_reference: 'RMA-2291-1', cod_piastres: 0, shipment_fees_piastres: null, bosta_fees_piastres: null,
    });
  });

  it('normalizes a second phone written with spaces, and parses the (…) date suffix and epoch-ms strings', () => {
    expect(d.receiver_second_phone).toBe('+201112223333');
    expect(d.created_at).toBe('2025-09-01T08:00:00.000Z');
    expect(d.updated_at).toBe('2025-09-01T08:00:00.000Z');
  });

  it('takes state_at from the newest done timeline step when the state has no timestamp', () => {
    expect(d.state_at).toBe('2025-09-01T08:00:00.000Z');
    expect(d.timeline[1]).toEqual({ code: 23, value: 'pickedup', at: null, done: false });
  });

  it('uses the returnAddress as the business side when present', () => {
    const raw = searchItemType25();
    raw.returnAddress = { city: 'Sharqia', zone: 'Belbes', district: 'Belbes', firstLine: 'HVAR service centre' };
    expect(ok(raw)).toMatchObject({ pickup_city: 'Sharqia', pickup_address: 'HVAR service centre', dropoff_city: 'Giza' });
  });
});

describe('normalizeDelivery: tolerated variants', () => {
  it('accepts a numeric tracking number, a numeric state and an enum-string type', () => {
    const d = ok(withPatch((r) => { r.trackingNumber = 57646330; r.state = 47; r.type = 'SEND'; }));
    expect(d).toMatchObject({ tracking_number: '57646330', state_code: 47, state_value: null, type_code: 10, type_enum: 'SEND', type_value: null });
  });

  it('takes state_at from the state-specific timestamp (exception, returned, picked up, at warehouse)', () => {
    const at = (state: Record<string, unknown>): string => ok(withPatch((r) => { r.state = state; })).state_at;
    expect(at({ code: 47, exception: { time: '2025-08-15T09:00:00.000Z', reason: 'x', code: 7 } })).toBe('2025-08-15T09:00:00.000Z');
    expect(at({ code: 46, returnedToBusiness: '2025-08-20T10:00:00.000Z' })).toBe('2025-08-20T10:00:00.000Z');
    expect(at({ code: 21, pickedUpTime: '2025-08-14T10:22:53.520Z' })).toBe('2025-08-14T10:22:53.520Z');
    expect(at({ code: 24, receivedAtWarehouse: { time: '2025-08-14T16:08:32.236Z' } })).toBe('2025-08-14T16:08:32.236Z');
  });

  it('falls back to updatedAt for state_at without timestamps or done steps', () => {
    const d = ok(withPatch((r) => { r.state = { code: 30 }; r.timeline = []; }));
    expect(d.state_at).toBe('2025-08-15T13:41:10.000Z');
  });

  it('takes created_at from creationTimestamp when createdAt is absent, and updated_at from created_at', () => {
    const d = ok(withPatch((r) => { delete r.createdAt; delete r.updatedAt; }));
    expect(d.created_at).toBe('2025-08-13T09:45:51.763Z');
    expect(d.updated_at).toBe('2025-08-13T09:45:51.763Z');
  });

  it('parses DD-MM-YYYY promise dates and exception fields', () => {
    const d = ok(withPatch((r) => { r.deliveryPromiseDate = '16-08-2025'; r.exceptionReason = 'Customer is not answering.'; r.exceptionCode = '7'; }));
    expect(d).toMatchObject({ delivery_promise_date: '2025-08-16', exception_reason: 'Customer is not answering.', exception_code: 7 });
  });

  it('drops an unusable second phone instead of storing it', () => {
    const d = ok(withPatch((r) => { (r.receiver as Record<string, unknown>).secondPhone = '0223456789'; }));
    expect(d.receiver_second_phone).toBeNull();
  });

  it('falls back to wallet.cashCycle.cod and to first + last name', () => {
    const d = ok(withPatch((r) => { delete r.cod; r.receiver = { firstName: 'Ahmed', lastName: 'Hassan', phone: '01001234567' }; }));
    expect(d).toMatchObject({ cod_piastres: 125000, receiver_name: 'Ahmed Hassan', receiver_phone: '+201001234567' });
  });

  it('reads coordinates from geoLocation [lng, lat] and deliveryLocation', () => {
    const d = ok(withPatch((r) => {
      (r.dropOffAddress as Record<string, unknown>).geoLocation = [31.33, 30.06];
      r.deliveryLocation = { lat: '30.061', lng: 31.331 };
    }));
    expect(d).toMatchObject({ dropoff_lat: 30.06, dropoff_lng: 31.33, delivery_lat: 30.061, delivery_lng: 31.331 });
  });

  it('keeps free-text descriptions as the product name', () => {
    const d = ok(withPatch((r) => { r.specs = { packageDetails: { itemsCount: 3, description: 'Blender spare blade' } }; }));
    expect(d).toMatchObject({ product_name: 'Blender spare blade', product_count: 3, items_count: 3 });
  });
});

describe('normalizeDelivery: garbage is rejected with a precise reason', () => {
  it.each<[string, (r: Record<string, unknown>) => void, string]>([
    ['bad createdAt', (r) => { r.createdAt = 'foo'; }, 'createdAt: unparseable date "foo"'],
    ['no created date at all', (r) => { delete r.createdAt; delete r.creationTimestamp; }, 'createdAt: missing'],
    ['bad updatedAt', (r) => { r.updatedAt = 'yesterday'; }, 'updatedAt: unparseable date "yesterday"'],
    ['bad scheduledAt', (r) => { r.scheduledAt = '2025-02-30T00:00:00Z'; }, 'scheduledAt: unparseable date "2025-02-30T00:00:00Z"'],
    ['bad timeline date', (r) => { (r.timeline as Record<string, unknown>[])[2]!.date = 'soon'; }, 'timeline[2].date: unparseable date "soon"'],
    ['bad state timestamp', (r) => { (r.state as Record<string, unknown>).deliveryTime = 'later'; }, 'state.deliveryTime: unparseable date "later"'],
    ['bad promise date', (r) => { r.deliveryPromiseDate = '32-13-2025'; }, 'deliveryPromiseDate: unparseable date "32-13-2025"'],
    ['no receiver phone', (r) => { delete (r.receiver as Record<string, unknown>).phone; }, 'receiver.phone: missing'],
    ['no receiver', (r) => { delete r.receiver; }, 'receiver.phone: missing (no receiver)'],
    ['landline receiver phone', (r) => { (r.receiver as Record<string, unknown>).phone = '0223456789'; }, 'receiver.phone: not an Egyptian mobile "0223456789"'],
    ['object receiver phone', (r) => { (r.receiver as Record<string, unknown>).phone = { n: 1 }; }, 'receiver.phone: not an Egyptian mobile {"n":1}'],
    ['no _id', (r) => { delete r._id; }, '_id: missing'],
    ['no tracking number', (r) => { delete r.trackingNumber; }, 'trackingNumber: missing'],
    ['letters in tracking number', (r) => { r.trackingNumber = 'ABC123'; }, 'trackingNumber: not a tracking number "ABC123"'],
    ['negative tracking number', (r) => { r.trackingNumber = -5; }, 'trackingNumber: not a tracking number -5'],
    ['no state', (r) => { delete r.state; }, 'state: missing'],
    ['state without code', (r) => { r.state = { value: 'Delivered' }; }, 'state.code: missing'],
    ['state code text', (r) => { r.state = { code: 'delivered' }; }, 'state.code: expected a numeric code, got "delivered"'],
    ['unknown type enum', (r) => { r.type = 'TELEPORT'; }, 'type: unknown type "TELEPORT"'],
    ['codeless type', (r) => { r.type = 'FXF_SEND'; }, 'type: no numeric code for "FXF_SEND"'],
    ['cod garbage', (r) => { r.cod = 'lots'; }, 'cod: not an amount "lots"'],
    ['fees garbage', (r) => { r.wallet = { cashCycle: { bosta_fees: 'n/a' } }; }, 'wallet.cashCycle.bosta_fees: not an amount "n/a"'],
    ['items count fraction', (r) => { r.specs = { packageDetails: { itemsCount: 1.5 } }; }, 'specs.packageDetails.itemsCount: expected an integer, got 1.5'],
    ['boolean garbage', (r) => { r.isConfirmedDelivery = 'maybe'; }, 'isConfirmedDelivery: expected a boolean, got "maybe"'],
    ['timeline not a list', (r) => { r.timeline = 'none'; }, 'timeline: expected a list, got "none"'],
    ['address not an object', (r) => { r.dropOffAddress = 'Cairo'; }, 'dropOffAddress: expected an address object, got "Cairo"'],
    ['city name object', (r) => { r.dropOffAddress = { city: ['Cairo'] }; }, 'dropOffAddress.city: expected a name or { name }, got ["Cairo"]'],
    ['text as object', (r) => { r.notes = { a: 1 }; }, 'notes: expected text, got {"a":1}'],
  ])('%s', (_name, patch, expected) => {
    expect(reason(withPatch(patch))).toBe(expected);
  });

  it.each([[null], ['a string'], [42], [[1, 2]]])('non-object %s', (raw) => {
    expect(reason(raw)).toMatch(/^\(delivery\): expected an object, got /);
  });
});
