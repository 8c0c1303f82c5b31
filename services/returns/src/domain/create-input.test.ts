import { CreateDeliveryInputSchema } from '@hvar/bosta';
import { describe, expect, it } from 'vitest';
import { createInputFor, receiverName, type LegCreateFacts } from './create-input.js';

const address = { city: 'Cairo', cityId: 'c-cairo', districtName: 'District 7', firstLine: '12 Abbas El Akkad St' };
const pickup: LegCreateFacts = {
  leg: 'pickup', type_code: 25, kind: 'return', case_number: 'SA-2026-000007', unique_business_reference: 'SA-2026-000007-P1',
  customer_phone: '+201001234567', customer_name: 'Mona Adel Hassan', product_name: 'Blender X200', action_type: 'maintenance',
  reason: 'motor fault', notes: null, cod_piastres: 0,
};
const outbound: LegCreateFacts = { ...pickup, leg: 'outbound', type_code: 10, kind: 'repaired', unique_business_reference: 'SA-2026-000007-O1', action_type: null, reason: null, notes: 'handle with care' };

describe('createInputFor', () => {
  it('a pickup is type 25, COD 0, the customer address as pickupAddress, the product in returnSpecs', () => {
    const input = createInputFor(pickup, address, { businessLocationId: 'loc-1' });
    expect(input).toMatchObject({
      type: 25, cod: 0, pickupAddress: address, businessReference: 'SA-2026-000007', uniqueBusinessReference: 'SA-2026-000007-P1', businessLocationId: 'loc-1',
      receiver: { firstName: 'Mona', lastName: 'Adel Hassan', phone: '+201001234567' },
      returnSpecs: { packageDetails: { itemsCount: 1, description: 'Blender X200 - maintenance: motor fault' } },
    });
    expect(input).not.toHaveProperty('dropOffAddress');
    const parsed = CreateDeliveryInputSchema.parse(input);
    expect(parsed.receiver.phone).toBe('01001234567');
  });

  it('a pickup without a business location leaves it to Bosta', () => {
    expect(createInputFor(pickup, address)).not.toHaveProperty('businessLocationId');
  });

  it('an outbound delivery is type 10 to the dropOffAddress with COD 0', () => {
    const input = createInputFor(outbound, address);
    expect(input).toMatchObject({ type: 10, cod: 0, dropOffAddress: address, notes: 'handle with care', specs: { packageDetails: { itemsCount: 1 } } });
    expect(input).not.toHaveProperty('pickupAddress');
    expect(input).not.toHaveProperty('returnSpecs');
    expect(CreateDeliveryInputSchema.safeParse(input).success).toBe(true);
  });

  it('an exchange (30) also collects the old unit', () => {
    const input = createInputFor({ ...outbound, type_code: 30, kind: 'replacement' }, address);
    expect(input).toMatchObject({ type: 30, dropOffAddress: address, returnSpecs: { packageDetails: { description: 'Old unit: Blender X200' } } });
    expect(JSON.stringify(input)).toContain('replacement unit');
    expect(CreateDeliveryInputSchema.safeParse(input).success).toBe(true);
  });

  it('clips long descriptions to what Bosta takes', () => {
    const input = createInputFor({ ...pickup, reason: 'x'.repeat(2_000) }, address);
    expect(CreateDeliveryInputSchema.safeParse(input).success).toBe(true);
  });
});

describe('receiverName', () => {
  it('splits a full name and caps each part at 50', () => {
    expect(receiverName('Ahmed')).toEqual({ firstName: 'Ahmed' });
    expect(receiverName('  Ahmed   Ali  ')).toEqual({ firstName: 'Ahmed', lastName: 'Ali' });
    expect(receiverName('A'.repeat(80)).firstName).toHaveLength(50);
  });

  it('names an unnamed customer (Bosta requires a first name)', () => {
    expect(receiverName(null)).toEqual({ firstName: 'Customer' });
    expect(receiverName('   ')).toEqual({ firstName: 'Customer' });
  });
});
