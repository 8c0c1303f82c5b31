import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarantine, runs } from '../src/db/schema.js';
import { startReadApi, type ReadApiHarness } from './read-fixtures.js';

let api: ReadApiHarness;
const ids = { running: randomUUID(), done: randomUUID(), failed: randomUUID() };

beforeAll(async () => {
  api = await startReadApi();
  await api.database.db.insert(runs).values([
    { id: ids.done, mode: 'full', status: 'completed', requested_by: 'admin', page_size: 200, pages_total: 10, pages_done: 10, deliveries_total: 2000, deliveries_seen: 2000,
      deliveries_written: 1990, deliveries_quarantined: 10, active_ms: 40_000, created_at: new Date('2025-03-01T10:00:00Z'), started_at: new Date('2025-03-01T10:00:01Z'), finished_at: new Date('2025-03-01T10:00:41Z') },
    { id: ids.failed, mode: 'incremental', status: 'failed', requested_by: 'schedule', page_size: 200, last_error: 'Bosta unreachable', errors_count: 5, created_at: new Date('2025-03-02T10:00:00Z'),
      cursor_from: new Date('2025-03-01T09:50:00Z') },
    { id: ids.running, mode: 'full', status: 'running', requested_by: 'key-1', page_size: 100, pages_total: 50, pages_done: 10, deliveries_total: 5000, deliveries_seen: 1000,
      active_ms: 20_000, created_at: new Date('2025-03-03T10:00:00Z'), started_at: new Date('2025-03-03T10:00:00Z') },
  ]);
  const base = Date.parse('2025-03-05T00:00:00Z');
  await api.database.db.insert(quarantine).values([
    ...Array.from({ length: 12 }, (_, i) => ({ source_key: `9000${i}`, source: i % 2 ? 'search' : 'webhook', reason: `state: expected number (row ${i})`, raw: { trackingNumber: `9000${i}`, state: 'x' },
      last_seen_at: new Date(base + (i % 4) * 60_000), occurrences: 1 + i })),
    { source_key: '80001', source: 'detail', reason: 'cod: not a number', raw: { cod: 'abc' }, resolved_at: new Date(base) },
  ]);
});
afterAll(async () => {
  await api.close();
});

describe('GET /runs', () => {
  it('lists newest first with progress, deliveries/s and ETA', async () => {
    const res = await api.get('/runs');
    expect(res.status).toBe(200);
    const items = res.body.items as Record<string, unknown>[];
    expect(items.map((r) => r.id)).toEqual([ids.running, ids.failed, ids.done]);
    expect(items[0]).toMatchObject({ status: 'running', pages_done: 10, pages_total: 50, progress: 0.2, deliveries_per_second: 50, eta_seconds: 80 });
    expect(items[1]).toMatchObject({ status: 'failed', progress: null, eta_seconds: null, last_error: 'Bosta unreachable', cursor_from: '2025-03-01T09:50:00.000Z' });
    expect(items[2]).toMatchObject({ status: 'completed', progress: 1, deliveries_per_second: 50, eta_seconds: 0, finished_at: '2025-03-01T10:00:41.000Z' });
  });

  it('filters by status and mode; pages with a cursor', async () => {
    expect(((await api.get('/runs?status=completed')).body.items as { id: string }[]).map((r) => r.id)).toEqual([ids.done]);
    expect(((await api.get('/runs?mode=incremental')).body.items as { id: string }[]).map((r) => r.id)).toEqual([ids.failed]);
    const first = await api.get('/runs?limit=2');
    const second = await api.get(`/runs?limit=2&cursor=${first.body.next_cursor as string}`);
    expect((second.body.items as { id: string }[]).map((r) => r.id)).toEqual([ids.done]);
    expect(second.body.next_cursor).toBeNull();
  });

  it('one run; unknown → 404; not a uuid or bad query → 400', async () => {
    expect((await api.get(`/runs/${ids.running}`)).body).toMatchObject({ id: ids.running, progress: 0.2 });
    expect((await api.get(`/runs/${randomUUID()}`)).status).toBe(404);
    const bad = await api.get('/runs/42');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'params.id', message: expect.any(String) as string }]);
    expect((await api.get('/runs?status=paused')).status).toBe(400);
    expect((await api.get('/runs?page=2')).status).toBe(400);
  });
});

describe('GET /quarantine', () => {
  it('open entries with their reason, most recently seen first, paged without gaps', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api.get(`/quarantine?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      const items = res.body.items as { source_key: string; reason: string; last_seen_at: string; resolved_at: null }[];
      for (const item of items) {
        expect(item.reason).toMatch(/^state: expected number/);
        expect(item.resolved_at).toBeNull();
      }
      seen.push(...items.map((i) => i.source_key));
      cursor = res.body.next_cursor as string | null;
    } while (cursor);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
  });

  it('resolved, all, by source; bad status → 400', async () => {
    const resolved = await api.get('/quarantine?status=resolved');
    expect(resolved.body.items).toMatchObject([{ source_key: '80001', source: 'detail', reason: 'cod: not a number', raw: { cod: 'abc' } }]);
    expect(((await api.get('/quarantine?status=all&limit=200')).body.items as unknown[]).length).toBe(13);
    expect(((await api.get('/quarantine?source=webhook')).body.items as unknown[]).length).toBe(6);
    const bad = await api.get('/quarantine?status=closed');
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[])[0]?.path).toBe('query.status');
  });

  it('a cursor of another status list is refused', async () => {
    const first = await api.get('/quarantine?limit=2');
    expect((await api.get(`/quarantine?status=all&cursor=${first.body.next_cursor as string}`)).status).toBe(400);
  });

  it('a tampered cursor with values PostgreSQL would refuse is a 400, not a 500', async () => {
    const forge = (sort: string, value: unknown, id: string): string => Buffer.from(JSON.stringify([sort, value, id])).toString('base64url');
    const paths = [
      `/runs?cursor=${forge('runs', 'x', randomUUID())}`,
      `/runs?cursor=${forge('runs', '2025-02-30T00:00:00.000Z', randomUUID())}`,
      `/runs?cursor=${forge('runs', '2025-03-01T00:00:00.000Z', 'not-a-uuid')}`,
      `/quarantine?cursor=${forge('quarantine-open', '2025-03-05T00:00:00.000Z', 'x')}`,
      `/quarantine?cursor=${forge('quarantine-open', 12, '3')}`,
    ];
    for (const path of paths) {
      const res = await api.get(path);
      expect(res.status, path).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'query.cursor', message: 'not a cursor from this API' }]);
    }
  });
});
