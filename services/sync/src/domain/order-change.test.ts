import { normalizeDelivery } from '@hvar/bosta';
import { describe, expect, it } from 'vitest';
import { rawDelivery } from '../../test/raw-delivery.js';
import { changeKind, chunk, toOrderChange } from './order-change.js';

describe('change detection', () => {
  it('classifies created, state_changed and updated', () => {
    expect(changeKind({ inserted: true, previous_state_code: null }, 10)).toBe('created');
    expect(changeKind({ inserted: false, previous_state_code: 41 }, 45)).toBe('state_changed');
    expect(changeKind({ inserted: false, previous_state_code: 45 }, 45)).toBe('updated');
  });

  it('chunks batches to a maximum size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 2)).toEqual([]);
  });
});

describe('toOrderChange', () => {
  it('carries the state time and version the write stored, not the copy\'s state time', () => {
    const parsed = normalizeDelivery(rawDelivery({ n: 1, state: 45, stateAt: '2025-08-16T10:00:00.000Z' }));
    if (!parsed.ok) throw new Error(parsed.reason);
    const stored = new Date('2025-08-16T10:00:00.500Z');
    const entry = toOrderChange(parsed.value, { id: 'd1', inserted: false, previous_state_code: 45, state_at: stored, version: 7 });
    expect(entry).toMatchObject({ order_id: 'd1', change: 'updated', state_code: 45, state_at: '2025-08-16T10:00:00.500Z', sync_version: 7, previous_state_code: 45 });
  });
});
