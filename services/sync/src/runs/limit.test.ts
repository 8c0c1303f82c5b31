import { describe, expect, it } from 'vitest';
import { forEachLimited, mapLimited } from './limit.js';

describe('bounded concurrency', () => {
  it('never runs more than the limit at once and keeps output order', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimited([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  it('stops starting new work after a failure and rethrows it', async () => {
    const started: number[] = [];
    await expect(forEachLimited([1, 2, 3, 4], 1, async (n) => {
      started.push(n);
      if (n === 2) throw new Error('boom');
      await Promise.resolve();
    })).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });
});
