import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RETRY, retryAfterMs } from './retry.js';

describe('backoffDelay (full jitter, capped)', () => {
  const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };

  it('grows exponentially up to the cap', () => {
    const ceiling = (retry: number): number => backoffDelay(retry, policy, () => 0.999999) + 1;
    expect([0, 1, 2, 3, 4, 5].map(ceiling)).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('is jittered over [0, ceiling)', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(400);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2025-08-13T09:45:00Z');

  it('reads the header as seconds or as an HTTP date', () => {
    expect(retryAfterMs('3', null, now)).toBe(3000);
    expect(retryAfterMs('0.5', null, now)).toBe(500);
    expect(retryAfterMs('Wed, 13 Aug 2025 09:45:07 GMT', null, now)).toBe(7000);
    expect(retryAfterMs('Wed, 13 Aug 2025 09:44:00 GMT', null, now)).toBe(0);
  });

  it('falls back to a body retryAfter (top level or under data), header first', () => {
    expect(retryAfterMs(undefined, { success: false, retryAfter: 2 }, now)).toBe(2000);
    expect(retryAfterMs(undefined, { success: false, data: { retryAfter: '4' } }, now)).toBe(4000);
    expect(retryAfterMs('1', { retryAfter: 9 }, now)).toBe(1000);
  });

  it('ignores unusable values', () => {
    expect(retryAfterMs('soon', { retryAfter: 'later' }, now)).toBeNull();
    expect(retryAfterMs(undefined, { retryAfter: -1 }, now)).toBeNull();
    expect(retryAfterMs(undefined, 'text', now)).toBeNull();
  });
});
