import { describe, expect, it } from 'vitest';
import { isFinal, movesForward, statusForState } from './status.js';

describe('Bosta state → pickup status (type 25)', () => {
  it.each([
    [10, 'created'], [11, 'created'], [20, 'created'], [22, 'created'], [40, 'created'],
    [21, 'picked_up'], [23, 'picked_up'],
    [24, 'in_transit'], [30, 'in_transit'], [41, 'in_transit'],
    [45, 'delivered_to_hub'], [46, 'delivered_to_hub'],
    [48, 'cancelled'], [49, 'cancelled'],
    [100, 'failed'], [101, 'failed'],
  ])('state %i → %s', (code, status) => {
    expect(statusForState('pickup', code)).toBe(status);
  });

  it.each([47, 102, 103, 104, 105, 60, 25, 0, 999])('state %i changes nothing', (code) => {
    expect(statusForState('pickup', code)).toBeNull();
  });

  it('follows the simulator CRP timeline 10→22→23→24→30→41→46 forward, one change per new status', () => {
    let status = 'pending';
    const seen: string[] = [];
    for (const code of [10, 22, 23, 24, 30, 41, 46]) {
      const next = statusForState('pickup', code);
      if (next && movesForward('pickup', status, next)) {
        status = next;
        seen.push(next);
      }
    }
    expect(seen).toEqual(['created', 'picked_up', 'in_transit', 'delivered_to_hub']);
  });
});

describe('Bosta state → outbound status (types 10 and 30)', () => {
  it.each([
    [10, 'created'], [11, 'created'], [20, 'created'],
    [21, 'in_transit'], [22, 'in_transit'], [23, 'in_transit'], [24, 'in_transit'], [30, 'in_transit'], [40, 'in_transit'], [41, 'in_transit'],
    [45, 'delivered'],
    [46, 'failed'], [100, 'failed'], [101, 'failed'],
    [48, 'cancelled'], [49, 'cancelled'],
  ])('state %i → %s', (code, status) => {
    expect(statusForState('outbound', code)).toBe(status);
  });

  it.each([47, 102, 103, 105, 60])('state %i changes nothing (an exception is retried by Bosta)', (code) => {
    expect(statusForState('outbound', code)).toBeNull();
  });
});

describe('forward only', () => {
  it('moves to a later status, never back, never twice to the same one', () => {
    expect(movesForward('pickup', 'pending', 'created')).toBe(true);
    expect(movesForward('pickup', 'rejected', 'created')).toBe(true);
    expect(movesForward('pickup', 'in_transit', 'picked_up')).toBe(false);
    expect(movesForward('pickup', 'created', 'created')).toBe(false);
    expect(movesForward('outbound', 'created', 'delivered')).toBe(true);
    expect(movesForward('outbound', 'in_transit', 'created')).toBe(false);
  });

  it('never leaves a final status', () => {
    for (const final of ['delivered_to_hub', 'failed', 'cancelled']) {
      expect(isFinal('pickup', final)).toBe(true);
      expect(movesForward('pickup', final, 'failed')).toBe(false);
    }
    expect(isFinal('outbound', 'delivered')).toBe(true);
    expect(movesForward('outbound', 'delivered', 'failed')).toBe(false);
    expect(isFinal('pickup', 'in_transit')).toBe(false);
  });

  it('refuses an unknown status either way', () => {
    expect(movesForward('pickup', 'pending', 'teleported')).toBe(false);
    expect(movesForward('pickup', 'teleported', 'created')).toBe(false);
  });
});
