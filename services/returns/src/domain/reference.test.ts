import { describe, expect, it } from 'vitest';
import { legReference } from './reference.js';

describe('legReference', () => {
  it('derives the reference from case, leg and attempt only', () => {
    expect(legReference('SA-2026-000042', 'pickup', 1)).toBe('SA-2026-000042-P1');
    expect(legReference('SA-2026-000042', 'pickup', 2)).toBe('SA-2026-000042-P2');
    expect(legReference('SA-2026-000042', 'outbound', 1)).toBe('SA-2026-000042-O1');
    expect(legReference('SA-2026-000042', 'pickup', 1)).toBe(legReference(' SA-2026-000042 ', 'pickup', 1));
  });

  it('refuses what cannot make a reference', () => {
    expect(() => legReference('SA-2026-000042', 'pickup', 0)).toThrow(RangeError);
    expect(() => legReference('SA-2026-000042', 'pickup', 1.5)).toThrow(RangeError);
    expect(() => legReference('  ', 'pickup', 1)).toThrow(RangeError);
    expect(() => legReference('x'.repeat(100), 'pickup', 1)).toThrow(RangeError);
  });
});
