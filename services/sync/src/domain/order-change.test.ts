import { describe, expect, it } from 'vitest';
import { changeKind, chunk } from './order-change.js';

describe('change detection', () => {
  it('classifies created, state_changed and updated', () => {
    expect(changeKind({ id: 'a', inserted: true, previous_state_code: null }, 10)).toBe('created');
    expect(changeKind({ id: 'a', inserted: false, previous_state_code: 41 }, 45)).toBe('state_changed');
    expect(changeKind({ id: 'a', inserted: false, previous_state_code: 45 }, 45)).toBe('updated');
  });

  it('chunks batches to a maximum size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 2)).toEqual([]);
  });
});
