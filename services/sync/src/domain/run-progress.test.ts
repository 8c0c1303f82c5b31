import { SyncRunSchema } from '@hvar/contracts';
import { describe, expect, it } from 'vitest';
import { formatSeconds, progressLine, runProgress, toSyncRun, type RunRow } from './run-progress.js';

const row: RunRow = {
  id: '0b6f3c55-5f0e-4a8c-9d55-3a8b8e7c1a01', mode: 'full', status: 'running', requested_by: 'cli', page_size: 200,
  pages_total: 50, pages_done: 10, deliveries_total: 10_000, deliveries_seen: 2_000, deliveries_written: 1_990,
  deliveries_unchanged: 10, deliveries_quarantined: 0, detail_calls: 0, errors_count: 0, last_error: null,
  cursor_from: null, cursor_to: new Date('2026-01-01T00:00:00Z'), created_at: new Date('2026-01-01T00:00:00Z'),
  started_at: new Date('2026-01-01T00:00:01Z'), finished_at: null, active_ms: '4000',
};

describe('run progress', () => {
  it('computes share, rate and ETA from active time', () => {
    expect(runProgress(row)).toEqual({ progress: 0.2, deliveries_per_second: 500, eta_seconds: 16 });
  });

  it('is unknown before the first page and complete when completed', () => {
    expect(runProgress({ ...row, pages_total: null, active_ms: 0, deliveries_total: null })).toEqual({ progress: null, deliveries_per_second: null, eta_seconds: null });
    expect(runProgress({ ...row, status: 'completed' })).toMatchObject({ progress: 1, eta_seconds: 0 });
  });

  it('renders the API shape and a log line', () => {
    const run = toSyncRun(row);
    expect(run).toMatchObject({ cursor_to: '2026-01-01T00:00:00.000Z', finished_at: null, progress: 0.2 });
    expect(SyncRunSchema.parse(run)).toEqual(run);
    expect(progressLine(run)).toBe('full sync running: 10/50 pages, 2000 deliveries (1990 written, 0 quarantined), 500/s, ETA 16s');
  });

  it('formats durations', () => {
    expect(formatSeconds(5)).toBe('5s');
    expect(formatSeconds(125)).toBe('2m05s');
    expect(formatSeconds(3_725)).toBe('1h02m05s');
  });
});
