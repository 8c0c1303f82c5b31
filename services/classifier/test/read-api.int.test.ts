import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ClassificationDistributionSchema, OrderClassificationViewSchema, ReclassifyRunPageSchema, ReclassifyRunSchema, RuleSetSchema, RuleSetVersionsSchema,
} from '@hvar/contracts';
import { closeServer, createLogger, listen, type Database } from '@hvar/platform';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reclassifyChunk, startRun } from '../src/db/reclassify.write.js';
import { DEFAULT_RULE_SET } from '../src/domain/default-rule-set.js';
import { classifyBatch } from '../src/handlers/order-changed.handler.js';
import { publishRules } from '../src/handlers/publish-rules.handler.js';
import { mountReadApi } from '../src/http.js';
import { batchId, openClassifierDb, orderChange, testDeps } from './harness.js';

let database: Database;
let server: Server;
let base: string;
let runIds: string[];
const refund = orderChange({ order_id: 'aB3_x-9', tracking_number: '123456', state_code: 41, cod_piastres: 600_00, delivered_at: null, state_at: '2026-01-05T10:00:00.000Z' });

async function get(path: string): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
  const res = await fetch(base + path);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  database = await openClassifierDb();
  const deps = testDeps(database, { reclassifyChunk: 2 });
  const others = [orderChange({ cod_piastres: 1_000_00 }), orderChange({ cod_piastres: 0 }), orderChange({ type_code: 25, cod_piastres: 0 })];
  await classifyBatch(deps, { batch_id: batchId(), source: 'backfill', orders: [refund, ...others] });
  const delivered = { ...refund, state_code: 45, state_at: '2026-01-06T10:00:00.000Z', delivered_at: '2026-01-06T10:00:00.000Z' };
  await classifyBatch(deps, { batch_id: batchId(), source: 'webhook', orders: [delivered] });
  const refunded = { ...delivered, state_code: 46, cod_piastres: -1, state_at: '2026-01-07T10:00:00.000Z' };
  await classifyBatch(deps, { batch_id: batchId(), source: 'webhook', orders: [refunded] });
  runIds = [];
  for (const threshold of [800, 1200]) {
    const set = await publishRules(deps, { rule_set: { ...DEFAULT_RULE_SET, parameters: { main_cod_threshold: threshold } }, published_by: 'admin@hvar' }, `cmd-${threshold}`);
    runIds.push(set.reclassify_run_id ?? '');
  }
  await startRun(database, runIds[1] ?? '');
  await reclassifyChunk(database, deps.engines, runIds[1] ?? '', 2);
  const app = express();
  mountReadApi(app, { database, log: createLogger({ service: 'classifier', level: 'silent' }) });
  server = await listen(app, 0, '127.0.0.1');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await closeServer(server);
  await database.close();
});

describe('GET /orders/:ref/classification', () => {
  it('answers by _id or tracking number with facts, classification and history newest first', async () => {
    const byId = await get(`/orders/${refund.order_id}/classification`);
    expect(byId.status).toBe(200);
    const view = OrderClassificationViewSchema.parse(byId.body);
    expect(view).toMatchObject({
      order_id: 'aB3_x-9', tracking_number: '123456',
      facts: { state_code: 46, cod: -0.01, state_at: '2026-01-07T10:00:00.000Z', receiver_phone: '+201001234567', product_name: 'HVAR Heater 2000', returned_at: null },
      // The v3 run's first chunk re-checked this order: same outcome, so only the version moved (no history row).
      classification: { rule_id: 'R4', service_type: 'return', business_category: 'Refund Order', order_level: 1, rule_set_version: 3 },
    });
    expect(view.history.map((h) => [h.cause, h.from?.rule_id ?? null, h.to.rule_id, h.state_code])).toEqual([
      ['state_changed', 'R1', 'R4', 46], ['state_changed', 'R5', 'R1', 45], ['created', null, 'R5', 41],
    ]);
    expect(view.history[0]?.revision).toBe(view.revision);
    expect((await get('/orders/123456/classification')).body).toEqual(byId.body);
  });

  it('unknown order → 404 problem; malformed ref → 400 naming params.ref', async () => {
    const missing = await get('/orders/999999999/classification');
    expect(missing.status).toBe(404);
    expect(missing.type).toMatch(/application\/problem\+json/);
    expect(missing.body).toMatchObject({ type: 'https://hvar-cycle.dev/problems/not_found', status: 404, detail: 'No classified order with _id or tracking number 999999999.' });
    for (const bad of ['a.b', 'x'.repeat(65), '%20']) {
      const res = await get(`/orders/${bad}/classification`);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'params.ref', message: expect.any(String) as string }]);
    }
  });
});

describe('rule sets', () => {
  it('GET /rules answers the active set; /rules/versions every version newest first; /rules/:version one', async () => {
    const active = RuleSetSchema.parse((await get('/rules')).body);
    expect(active).toMatchObject({ version: 3, active: true, parameters: { main_cod_threshold: 1200 }, reclassify_run_id: runIds[1] });
    const versions = RuleSetVersionsSchema.parse((await get('/rules/versions')).body);
    expect(versions.items.map((v) => [v.version, v.active])).toEqual([[3, true], [2, false], [1, false]]);
    expect(RuleSetSchema.parse((await get('/rules/1')).body)).toMatchObject({ version: 1, published_by: 'system', rules: DEFAULT_RULE_SET.rules, reclassify_run_id: null });
  });

  it('unknown version → 404; not a positive integer → 400', async () => {
    expect((await get('/rules/99')).status).toBe(404);
    for (const bad of ['abc', '0', '-1', '1.5']) {
      const res = await get(`/rules/${bad}`);
      expect(res.status).toBe(400);
      expect((res.body.errors as { path: string }[])[0]?.path).toBe('params.version');
    }
  });
});

describe('re-classify runs', () => {
  it('lists newest first with progress, pages with a cursor, filters by status', async () => {
    const page = ReclassifyRunPageSchema.parse((await get('/reclassify-runs')).body);
    expect(page.items.map((r) => [r.id, r.status])).toEqual([[runIds[1], 'running'], [runIds[0], 'superseded']]);
    expect(page.items[0]).toMatchObject({ rule_set_version: 3, orders_total: 4, orders_done: 2, progress: 0.5 });
    const first = await get('/reclassify-runs?limit=1');
    const second = await get(`/reclassify-runs?limit=1&cursor=${String(first.body.next_cursor)}`);
    expect((second.body.items as { id: string }[]).map((r) => r.id)).toEqual([runIds[0]]);
    expect(second.body.next_cursor).toBeNull();
    expect(((await get('/reclassify-runs?status=superseded')).body.items as { id: string }[]).map((r) => r.id)).toEqual([runIds[0]]);
  });

  it('one run; unknown → 404; not a uuid, bad status, bad cursor or unknown parameter → 400', async () => {
    expect(ReclassifyRunSchema.parse((await get(`/reclassify-runs/${runIds[1]}`)).body)).toMatchObject({ progress: 0.5, started_at: expect.any(String) as string });
    expect((await get('/reclassify-runs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const cases: [string, string][] = [['/reclassify-runs/42', 'params.id'], ['/reclassify-runs?status=paused', 'query.status'], ['/reclassify-runs?cursor=zzz', 'query.cursor'], ['/reclassify-runs?page=2', 'query']];
    // Cursors that decode but hold no (time, uuid) position: refused before they reach PostgreSQL.
    for (const position of [['2026-01-01T00:00:00.000Z', 'not-a-uuid'], ['1', '00000000-0000-4000-8000-000000000000'], ['2026-01-01T00:00:00.000Z']]) {
      cases.push([`/reclassify-runs?cursor=${Buffer.from(JSON.stringify(position)).toString('base64url')}`, 'query.cursor']);
    }
    for (const [path, field] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect((res.body.errors as { path: string }[])[0]?.path, path).toBe(field);
    }
  });
});

describe('GET /analytics/distribution', () => {
  it('counts classified orders by category, service type, level, rule and version', async () => {
    const d = ClassificationDistributionSchema.parse((await get('/analytics/distribution')).body);
    expect(d.total).toBe(4);
    expect(d.active_rule_set_version).toBe(3);
    // The first chunk of the v3 run (threshold 1200) moved the 1000 EGP order from R1 to R2.
    expect(d.by_rule_id).toEqual([{ value: 'R2', count: 1 }, { value: 'R3', count: 1 }, { value: 'R4', count: 1 }, { value: 'T1', count: 1 }]);
    expect(d.by_service_type).toEqual([{ value: 'maintenance', count: 1 }, { value: 'return', count: 1 }, { value: 'return_pickup', count: 1 }, { value: 'service', count: 1 }]);
    expect(d.by_order_level).toEqual([{ value: 1, count: 4 }]);
    expect(d.by_rule_set_version).toEqual([{ value: 1, count: 2 }, { value: 3, count: 2 }]);
    expect(d.by_business_category.reduce((n, b) => n + b.count, 0)).toBe(4);
  });
});
