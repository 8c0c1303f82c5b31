import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CreateDeliveryInputSchema, CreatePickupInputSchema, UpdateDeliveryInputSchema, validateInput } from './create-input.js';
import { BostaInputError } from './errors.js';

const address = { city: 'Cairo', districtId: 'dst1', firstLine: '12 Abbas El Akkad St' };
const base = { uniqueBusinessReference: 'HV-1-1', receiver: { firstName: 'Ahmed', lastName: 'Hassan', phone: '+20 100 123 4567' } };

function issues(input: unknown, schema: z.ZodType = CreateDeliveryInputSchema): string[] {
  try {
    validateInput('createDelivery', schema, input);
  } catch (err) {
    expect(err).toBeInstanceOf(BostaInputError);
    return (err as BostaInputError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected invalid input');
}

describe('create input: address rules per type', () => {
  it.each([
    [10, 'dropOffAddress'], [30, 'dropOffAddress'], [15, 'pickupAddress'], [25, 'pickupAddress'],
  ] as const)('type %s accepts a %s and sends phones as 01X', (type, key) => {
    const out = validateInput('createDelivery', CreateDeliveryInputSchema, { ...base, type, [key]: address });
    expect(out).toMatchObject({ type, [key]: address, cod: 0, receiver: { phone: '01001234567' } });
  });

  it.each([
    [10, { pickupAddress: address }, 'dropOffAddress: dropOffAddress is required for types 10 (SEND) and 30 (EXCHANGE)'],
    [30, {}, 'dropOffAddress: dropOffAddress is required for types 10 (SEND) and 30 (EXCHANGE)'],
    [15, { dropOffAddress: address }, 'pickupAddress: pickupAddress is required for types 15 (CASH_COLLECTION) and 25 (CUSTOMER_RETURN_PICKUP)'],
    [25, { dropOffAddress: address }, 'pickupAddress: pickupAddress is required for types 15 (CASH_COLLECTION) and 25 (CUSTOMER_RETURN_PICKUP)'],
  ])('type %s without its address is rejected', (type, extra, expected) => {
    expect(issues({ ...base, type, ...extra })).toEqual([expected]);
  });

  it('an address needs city, firstLine of 5+ chars, and districtId or districtName + cityId', () => {
    expect(issues({ ...base, type: 10, dropOffAddress: { firstLine: '12 A' } })).toEqual([
      'dropOffAddress.city: city is required',
      'dropOffAddress.firstLine: firstLine must be at least 5 characters',
    ]);
    expect(issues({ ...base, type: 10, dropOffAddress: { city: 'Cairo', firstLine: '12 Abbas St', districtName: 'Nasr City' } })).toEqual([
      'dropOffAddress.districtId: districtId, or districtName with cityId, is required',
    ]);
    const named = { city: 'Cairo', firstLine: '12 Abbas St', districtName: 'Nasr City', cityId: 'c1' };
    expect(validateInput('createDelivery', CreateDeliveryInputSchema, { ...base, type: 10, dropOffAddress: named }).type).toBe(10);
  });

  it('rejects unknown types, bad phones, a missing uniqueBusinessReference and 3-decimal cod', () => {
    expect(issues({ ...base, type: 20, dropOffAddress: address })).toEqual(['type: type must be 10 (SEND), 15 (CASH_COLLECTION), 25 (CUSTOMER_RETURN_PICKUP) or 30 (EXCHANGE)']);
    expect(issues({ ...base, type: 10, dropOffAddress: address, receiver: { firstName: 'A', phone: '0223456789', secondPhone: '12' } })).toEqual([
      'receiver.phone: not an Egyptian mobile "0223456789"',
      'receiver.secondPhone: not an Egyptian mobile "12"',
    ]);
    expect(issues({ type: 10, dropOffAddress: address, receiver: base.receiver })).toEqual(['uniqueBusinessReference: Invalid input: expected string, received undefined']);
    expect(issues({ ...base, type: 10, dropOffAddress: address, cod: 10.005 })).toEqual(['cod: at most 2 decimals']);
  });

  it('the error message names the operation and every issue', () => {
    expect(() => validateInput('createDelivery', CreateDeliveryInputSchema, { ...base, type: 10 })).toThrow(
      'createDelivery: invalid input: dropOffAddress: dropOffAddress is required for types 10 (SEND) and 30 (EXCHANGE)',
    );
  });
});

describe('update and pickup input', () => {
  it('update needs at least one field and validates phones and addresses', () => {
    expect(issues({}, UpdateDeliveryInputSchema)).toEqual([': nothing to update']);
    expect(issues({ receiver: { phone: 'x' } }, UpdateDeliveryInputSchema)).toEqual(['receiver.phone: not an Egyptian mobile "x"']);
    expect(validateInput('updateDelivery', UpdateDeliveryInputSchema, { notes: 'ring twice', receiver: { phone: '+201001234567' } })).toEqual({
      notes: 'ring twice', receiver: { phone: '01001234567' },
    });
  });

  it('pickup needs an ISO date and a known package type', () => {
    expect(issues({ scheduledDate: '13-07-2025', packageType: 'Huge' }, CreatePickupInputSchema).map((s) => s.split(':')[0])).toEqual(['scheduledDate', 'packageType']);
    expect(validateInput('createPickup', CreatePickupInputSchema, { scheduledDate: '2025-07-13', contactPerson: { name: 'Ali', phone: '1001234567' } })).toMatchObject({
      contactPerson: { phone: '01001234567' },
    });
  });
});
