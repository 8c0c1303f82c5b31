import { isCaseDelivery } from '@hvar/contracts';
import { describe, expect, it } from 'vitest';
import { legReference } from './reference.js';

describe('legReference', () => {
  it('derives the reference from case, leg and attempt only', () => {
    expect(legReference('SA-2026-000042', 'pickup', 1)).toBe('SA-2026-000042-P1');
    expect(legReference('SA-2026-000042', 'pickup', 2)).toBe('SA-2026-000042-P2');
    expect(legReference('SA-2026-000042', 'outbound', 1)).toBe('SA-2026-000042-O1');
    expect(legReference('SA-2026-000042', 'pickup', 1)).toBe(legReference(' SA-2026-000042 ', 'pickup', 1));
  });

  it('is routed to the returns queue by the sync (references of case deliveries start with the case number)', () => {
    for (const leg of ['pickup', 'outbound'] as const) expect(isCaseDelivery({ unique_business_reference: legReference('SA-2026-000042', leg, 3) })).toBe(true);
  });

  it('refuses what cannot make a reference', () => {
    expect(() => legReference('SA-2026-000042', 'pickup', 0)).toThrow(RangeError);
    expect(() => legReference('SA-2026-000042', 'pickup', 1.5)).toThrow(RangeError);
    expect(() => legReference('  ', 'pickup', 1)).toThrow(RangeError);
    expect(() => legReference('x'.repeat(100), 'pickup', 1)).toThrow(RangeError);
  });
});
