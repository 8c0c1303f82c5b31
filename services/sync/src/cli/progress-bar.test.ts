import { describe, expect, it } from 'vitest';
import { toSyncRun } from '../domain/run-progress.js';
import { renderBar } from './progress-bar.js';

describe('progress bar', () => {
  it('draws pages, rate and ETA', () => {
    const run = toSyncRun({
      id: '0b6f3c55-5f0e-4a8c-9d55-3a8b8e7c1a01', mode: 'full', status: 'running', requested_by: 'cli', page_size: 200,
      pages_total: 4, pages_done: 1, deliveries_total: 800, deliveries_seen: 200, deliveries_written: 200,
      deliveries_unchanged: 0, deliveries_quarantined: 0, detail_calls: 0, errors_count: 0, last_error: null,
      cursor_from: null, cursor_to: null, created_at: new Date(0), started_at: new Date(0), finished_at: null, active_ms: 1000,
    });
    expect(renderBar(run, 8)).toBe('[##------]  25% 1/4 pages  200 seen  200 deliveries/s  ETA 3s');
  });
});
