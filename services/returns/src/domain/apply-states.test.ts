import { describe, expect, it } from 'vitest';
import { applyStates, type LegState, type StateEntry } from './apply-states.js';

const T = Date.UTC(2026, 0, 1);
const at = (min: number) => new Date(T + min * 60_000);
const created: LegState = { leg: 'pickup', status: 'created', tracking_number: '7001', bosta_delivery_id: 'b1', bosta_state_code: 10, state_at: null, sync_version: 0 };
const entry = (state_code: number, min: number, sync_version = 1, tracking_number = '7001'): StateEntry => ({ order_id: 'b1', tracking_number, state_code, state_at: at(min), sync_version });

describe('applyStates', () => {
  it('applies newer states oldest first and marks the status changes', () => {
    const applied = applyStates(created, [entry(24, 30), entry(23, 20), entry(22, 10)]);
    expect(applied?.steps.map((s) => [s.bosta_state_code, s.status, s.changed])).toEqual([
      [22, 'created', false], [23, 'picked_up', true], [24, 'in_transit', true],
    ]);
    expect(applied?.state).toMatchObject({ status: 'in_transit', bosta_state_code: 24, state_at: at(30) });
    expect(applied?.trackingGained).toBe(false);
  });

  it('a late or repeated state changes nothing', () => {
    const now = { ...created, status: 'in_transit', bosta_state_code: 24, state_at: at(30), sync_version: 3 };
    expect(applyStates(now, [entry(23, 20)])).toBeNull();
    expect(applyStates(now, [entry(24, 30, 3)])).toBeNull();
    expect(applyStates(now, [entry(24, 30, 2)])).toBeNull();
  });

  it('the same time with a higher sync version is newer', () => {
    const now = { ...created, status: 'picked_up', bosta_state_code: 23, state_at: at(20), sync_version: 1 };
    expect(applyStates(now, [entry(24, 20, 2)])?.state.status).toBe('in_transit');
  });

  it('a newer state that means an earlier status records the code but keeps the status', () => {
    const now = { ...created, status: 'in_transit', bosta_state_code: 24, state_at: at(30) };
    const applied = applyStates(now, [entry(10, 40)]);
    expect(applied?.state).toMatchObject({ status: 'in_transit', bosta_state_code: 10 });
    expect(applied?.steps[0]?.changed).toBe(false);
  });

  it('a final status stays final', () => {
    const now = { ...created, status: 'cancelled', bosta_state_code: 48, state_at: at(5) };
    expect(applyStates(now, [entry(23, 10)])?.state.status).toBe('cancelled');
  });

  it('a leg without a tracking number takes the delivery found by its reference', () => {
    const pending: LegState = { ...created, status: 'pending', tracking_number: null, bosta_delivery_id: null, bosta_state_code: null };
    const applied = applyStates(pending, [entry(10, 1, 1, '7009')]);
    expect(applied).toMatchObject({ trackingGained: true, state: { tracking_number: '7009', bosta_delivery_id: 'b1', status: 'created' } });
  });

  it('an exception (47) records the code without a status change', () => {
    const applied = applyStates({ ...created, leg: 'outbound', status: 'in_transit', state_at: at(1) }, [entry(47, 2)]);
    expect(applied?.steps).toEqual([{ status: 'in_transit', bosta_state_code: 47, at: at(2), changed: false }]);
  });
});
