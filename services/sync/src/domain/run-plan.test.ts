import { describe, expect, it } from 'vitest';
import { incrementalCursorFrom, incrementalDone, maxDate, pagesFor, pendingPages } from './run-plan.js';

describe('run planning', () => {
  it('counts pages (at least one)', () => {
    expect(pagesFor(0, 200)).toBe(1);
    expect(pagesFor(200, 200)).toBe(1);
    expect(pagesFor(201, 200)).toBe(2);
  });

  it('skips committed pages, keeping order', () => {
    expect(pendingPages(5, new Set([1, 3]))).toEqual([2, 4, 5]);
  });

  it('starts an incremental run at the last cursor minus the overlap', () => {
    expect(incrementalCursorFrom(new Date('2026-01-01T01:00:00Z'), 600_000)).toEqual(new Date('2026-01-01T00:50:00Z'));
    expect(incrementalCursorFrom(null, 600_000)).toBeNull();
  });

  it('stops an incremental run on a short page or a page older than the cursor', () => {
    const cursor = new Date('2026-01-01T00:00:00Z');
    expect(incrementalDone({ size: 10, oldestUpdatedAt: new Date('2026-02-01T00:00:00Z') }, 200, cursor)).toBe(true);
    expect(incrementalDone({ size: 200, oldestUpdatedAt: new Date('2025-12-31T23:59:59Z') }, 200, cursor)).toBe(true);
    expect(incrementalDone({ size: 200, oldestUpdatedAt: new Date('2026-01-01T00:00:00Z') }, 200, cursor)).toBe(false);
    expect(incrementalDone({ size: 200, oldestUpdatedAt: new Date('2020-01-01T00:00:00Z') }, 200, null)).toBe(false);
  });

  it('takes the newest of two dates', () => {
    const a = new Date(1);
    const b = new Date(2);
    expect(maxDate(a, b)).toBe(b);
    expect(maxDate(null, a)).toBe(a);
    expect(maxDate(null, null)).toBeNull();
  });
});
