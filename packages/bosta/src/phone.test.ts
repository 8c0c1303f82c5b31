import { describe, expect, it } from 'vitest';
import { normalizePhone, toBostaPhone } from './phone.js';

describe('normalizePhone', () => {
  it.each([
    ['01001234567', '+201001234567'],
    ['1001234567', '+201001234567'],
    ['201001234567', '+201001234567'],
    ['+201001234567', '+201001234567'],
    ['+20 100 123 4567', '+201001234567'],
    ['00201001234567', '+201001234567'],
    ['0020 100 123 4567', '+201001234567'],
    ['+20 0100 123 4567', '+201001234567'],
    ['010-0123-4567', '+201001234567'],
    ['010.0123.4567', '+201001234567'],
    ['(010) 0123 4567', '+201001234567'],
    ['٠١٠٠١٢٣٤٥٦٧', '+201001234567'],
    ['۰۱۰۰۱۲۳۴۵۶۷', '+201001234567'],
    ['+٢٠ ١٠٠ ١٢٣ ٤٥٦٧', '+201001234567'],
    ['\u200e01001234567\u200f', '+201001234567'],
    ['01112223344', '+201112223344'],
    ['01223334455', '+201223334455'],
    ['01554445566', '+201554445566'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['abc', 'letters'],
    ['0100123456', 'one digit short'],
    ['010012345678', 'one digit long'],
    ['01301234567', 'prefix 13 is not a mobile operator'],
    ['0223456789', 'Cairo landline'],
    ['+966501234567', 'Saudi mobile'],
    ['+1 100 123 4567', 'wrong country'],
    ['01001234567x', 'trailing garbage'],
    ['0100+1234567', 'plus in the middle'],
    ['++201001234567', 'double plus'],
  ])('%s is rejected (%s)', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it('rejects non-strings without throwing', () => {
    expect(normalizePhone(1001234567 as unknown as string)).toBeNull();
  });
});

describe('toBostaPhone', () => {
  it('gives the local 01X form Bosta expects on create', () => {
    expect(toBostaPhone('+20 100 123 4567')).toBe('01001234567');
    expect(toBostaPhone('٠١٥٥٤٤٤٥٥٦٦')).toBe('01554445566');
    expect(toBostaPhone('12345')).toBeNull();
  });
});
