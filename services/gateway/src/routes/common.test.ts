import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, page } from './common.js';

describe('cursor pagination', () => {
  it('round-trips a cursor and refuses a forged one', () => {
    const row = { created_at: new Date('2026-01-02T03:04:05.678Z'), id: '7d3f0b7e-1111-4222-8333-944444444444' };
    expect(decodeCursor(encodeCursor(row))).toEqual(row);
    expect(() => decodeCursor('bm90IGEgY3Vyc29y')).toThrow(/Invalid cursor/);
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it('returns a next cursor only when there is more', () => {
    const rows = [1, 2, 3].map((n) => ({ created_at: new Date(n * 1000), id: `id-${n}` }));
    expect(page(rows, 2, (r) => r.id)).toEqual({ items: ['id-1', 'id-2'], next_cursor: encodeCursor(rows[1]!) });
    expect(page(rows.slice(0, 2), 2, (r) => r.id).next_cursor).toBeNull();
  });
});
