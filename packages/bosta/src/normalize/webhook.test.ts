import { describe, expect, it } from 'vitest';
import { DeliveryEventSchema } from '../delivery.js';
import { webhookDelivered, webhookException } from '../testing/fixtures.js';
import { normalizeWebhook } from './webhook.js';

function reason(body: unknown): string {
  const r = normalizeWebhook(body);
  if (r.ok) throw new Error('expected a rejection');
  return r.reason;
}

describe('normalizeWebhook', () => {
  it('normalizes the §9.2 Exception body (numeric tracking number and state, enum type, epoch ms)', () => {
    const r = normalizeWebhook(webhookException());
    expect(r).toEqual({
      ok: true,
      value: {
        id: 'NGnhfEz_cb', tracking_number: '48089608', state_code: 47, type_code: 10, type_enum: 'SEND',
        event_at: '2023-07-13T12:55:08.261Z', cod_piastres: null, is_confirmed_delivery: null,
        exception_reason: 'Customer is not answering.', exception_code: 7, business_reference: 'INV-620',
        attempts_count: 2, delivery_promise_date: '2023-07-13',
      },
    });
    if (r.ok) expect(() => DeliveryEventSchema.parse(r.value)).not.toThrow();
  });

  it('normalizes the Delivered variant with cod and confirmation', () => {
    const r = normalizeWebhook(webhookDelivered());
    expect(r.ok && r.value).toMatchObject({ state_code: 45, cod_piastres: 189500, is_confirmed_delivery: true, attempts_count: 1, event_at: '2023-07-14T12:55:08.261Z' });
  });

  it('accepts REST-style shapes too (state object, type object, string tracking number, ISO timeStamp)', () => {
    const body = { ...webhookDelivered(), trackingNumber: '48089608', state: { code: 45, value: 'Delivered' }, type: { code: 25 }, timeStamp: '2023-07-14T12:55:08.261Z' };
    const r = normalizeWebhook(body);
    expect(r.ok && r.value).toMatchObject({ tracking_number: '48089608', state_code: 45, type_code: 25, type_enum: 'CUSTOMER_RETURN_PICKUP' });
  });

  it('keeps codeless enum types (FXF_SEND) and absent types', () => {
    const fxf = normalizeWebhook({ ...webhookDelivered(), type: 'FXF_SEND' });
    expect(fxf.ok && fxf.value).toMatchObject({ type_code: null, type_enum: 'FXF_SEND' });
    const none = webhookDelivered();
    delete none.type;
    const r = normalizeWebhook(none);
    expect(r.ok && r.value).toMatchObject({ type_code: null, type_enum: null });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no tracking number', { trackingNumber: undefined }, 'trackingNumber: missing'],
    ['fractional tracking number', { trackingNumber: 4808.5 }, 'trackingNumber: not a tracking number 4808.5'],
    ['no state', { state: null }, 'state: missing'],
    ['text state', { state: 'Delivered' }, 'state: expected a numeric code, got "Delivered"'],
    ['unknown type', { type: 'WHATEVER' }, 'type: unknown type "WHATEVER"'],
    ['no timeStamp', { timeStamp: undefined }, 'timeStamp: missing'],
    ['bad timeStamp', { timeStamp: 'now' }, 'timeStamp: unparseable date "now"'],
    ['epoch seconds', { timeStamp: 1689339308 }, 'timeStamp: unparseable date 1689339308'],
    ['bad cod', { cod: 'free' }, 'cod: not an amount "free"'],
    ['bad promise date', { deliveryPromiseDate: '99-99-2023' }, 'deliveryPromiseDate: unparseable date "99-99-2023"'],
    ['bad attempts', { numberOfAttempts: 'two' }, 'numberOfAttempts: expected an integer, got "two"'],
  ])('rejects %s', (_name, patch, expected) => {
    expect(reason({ ...webhookDelivered(), ...patch })).toBe(expected);
  });

  it('rejects a non-object body', () => {
    expect(reason('state=45')).toBe('(webhook): expected an object, got "state=45"');
  });
});
