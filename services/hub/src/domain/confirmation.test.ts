import { ActionTypeSchema } from '@hvar/contracts';
import { describe, expect, it } from 'vitest';
import { confirmationTypeOf, requestedOutcome } from './confirmation.js';

describe('confirmation type from the action type', () => {
  it.each([
    ['maintenance', 'maintenance_verification'],
    ['service', 'maintenance_verification'],
    ['replace_part', 'exchange_verification'],
    ['replace_full', 'exchange_verification'],
    ['return_refund', 'return_inspection'],
  ] as const)('%s → %s', (type, expected) => {
    expect(confirmationTypeOf(type)).toBe(expected);
  });

  it('covers every action type', () => {
    for (const type of ActionTypeSchema.options) expect(confirmationTypeOf(type)).toMatch(/_(verification|inspection)$/);
  });

  it.each([
    ['maintenance', 'maintenance'],
    ['service', 'maintenance'],
    ['replace_part', 'replace_part'],
    ['replace_full', 'replace_full'],
    ['return_refund', 'refund'],
  ] as const)('the customer who asked for %s asked for the outcome %s', (type, outcome) => {
    expect(requestedOutcome(type)).toBe(outcome);
  });
});
