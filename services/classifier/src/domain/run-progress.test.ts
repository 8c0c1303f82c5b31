import { describe, expect, it } from 'vitest';
import { runProgress } from './run-progress.js';

describe('runProgress', () => {
  it('is null until the orders are counted, then done / total', () => {
    expect(runProgress({ status: 'queued', orders_total: null, orders_done: 0 })).toBeNull();
    expect(runProgress({ status: 'running', orders_total: 3, orders_done: 1 })).toBe(0.3333);
    expect(runProgress({ status: 'running', orders_total: 0, orders_done: 0 })).toBe(0);
  });

  it('is 1 once completed and never above 1 while orders arrive during the run', () => {
    expect(runProgress({ status: 'completed', orders_total: 0, orders_done: 0 })).toBe(1);
    expect(runProgress({ status: 'running', orders_total: 10, orders_done: 12 })).toBe(1);
    expect(runProgress({ status: 'superseded', orders_total: 10, orders_done: 4 })).toBe(0.4);
  });
});
