import { describe, expect, it } from 'vitest';
import { CreateCustomerBody, CustomerPathParams, InteractionPathParams, UpdateCustomerBody } from './router.js';

describe('customer phones at the gateway', () => {
  it('every common spelling of an Egyptian mobile becomes E.164', () => {
    for (const spelling of ['01001234567', '+201001234567', '201001234567', '00201001234567', '+20 100 123 4567', '0100-123-4567', '٠١٠٠١٢٣٤٥٦٧']) {
      expect(CustomerPathParams.parse({ phone: spelling }), spelling).toEqual({ phone: '+201001234567' });
    }
    expect(CreateCustomerBody.parse({ phone: '0111 222 3333' }).phone).toBe('+201112223333');
  });

  it('anything else is refused with the field named', () => {
    for (const bad of ['', '12345', '01301234567', '+441001234567', '0100123456a', '0'.repeat(41)]) {
      const parsed = CustomerPathParams.safeParse({ phone: bad });
      expect(parsed.success, bad).toBe(false);
      expect(parsed.error?.issues[0]?.path, bad).toEqual(['phone']);
    }
    expect(InteractionPathParams.safeParse({ phone: '01001234567', interaction_id: 'x' }).success).toBe(false);
  });

  it('bodies are strict: unknown fields and empty updates are refused', () => {
    expect(CreateCustomerBody.safeParse({ phone: '01001234567', nickname: 'x' }).success).toBe(false);
    expect(UpdateCustomerBody.safeParse({}).success).toBe(false);
    expect(UpdateCustomerBody.safeParse({ nickname: 'x' }).success).toBe(false);
    expect(UpdateCustomerBody.safeParse({ satisfaction_score: 1.01 }).success).toBe(false);
    expect(UpdateCustomerBody.parse({ full_name: ' Ahmed ' })).toEqual({ full_name: 'Ahmed' });
  });
});
