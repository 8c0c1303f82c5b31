import type { DeliveryEvent } from '@hvar/bosta';
import { describe, expect, it } from 'vitest';
import { webhookDecision, webhookPatch } from './webhook-rule.js';

const stored = { state_code: 41, state_at: new Date('2026-01-01T10:00:00.000Z') };

describe('webhook rule (forward-only by event time)', () => {
  it('applies a newer event, or a different code at the same instant', () => {
    expect(webhookDecision(stored, { state_code: 45, event_at: '2026-01-01T10:00:00.001Z' })).toBe('applied');
    expect(webhookDecision(stored, { state_code: 47, event_at: '2026-01-01T10:00:00.000Z' })).toBe('applied');
  });

  it('never lets an older event (or the same one) overwrite the stored state', () => {
    expect(webhookDecision(stored, { state_code: 30, event_at: '2026-01-01T09:59:59.999Z' })).toBe('stale');
    expect(webhookDecision(stored, { state_code: 41, event_at: '2026-01-01T10:00:00.000Z' })).toBe('stale');
  });

  it('sends unknown deliveries to a detail fetch', () => {
    expect(webhookDecision(null, { state_code: 45, event_at: '2026-01-01T10:00:00.000Z' })).toBe('unknown_delivery');
  });

  it('takes COD only from Delivered and exception fields only from Exception', () => {
    const base: DeliveryEvent = {
      id: 'x', tracking_number: '1', state_code: 41, type_code: 10, type_enum: 'SEND', event_at: '2026-01-01T10:00:00.000Z',
      cod_piastres: 100, is_confirmed_delivery: null, exception_reason: 'r', exception_code: 7, business_reference: null,
      attempts_count: 2, delivery_promise_date: null,
    };
    expect(webhookPatch(base)).toMatchObject({ cod_piastres: null, exception_reason: null, exception_code: null, attempts_count: 2 });
    expect(webhookPatch({ ...base, state_code: 45 })).toMatchObject({ cod_piastres: 100 });
    expect(webhookPatch({ ...base, state_code: 47 })).toMatchObject({ exception_reason: 'r', exception_code: 7 });
  });
});
