import type { AddressInfo } from 'node:net';
import { normalizeWebhook } from '@hvar/bosta';
import { SyncStatusSchema, type SyncStatus } from '@hvar/contracts';
import { announceService, closeServer, listen } from '@hvar/platform';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runs } from '../../sync/src/db/schema.js';
import { applyWebhook } from '../../sync/src/db/write/webhook-write.js';
import type { Role } from '../src/domain/roles.js';
import { startTestGateway, type TestGateway } from './harness.js';
import { startSyncRead, type SyncReadService } from './sync-read.fixture.js';

let gw: TestGateway;
let sync: SyncReadService;
const keys = new Map<Role, string>();

beforeAll(async () => {
  gw = await startTestGateway();
  sync = await startSyncRead(gw.redis, gw.prefix);
  for (const role of ['agent', 'viewer', 'team_leader', 'hub_agent', 'technician'] as const) keys.set(role, await gw.keyFor(role));
});
afterAll(async () => {
  await sync.stop();
  await gw.close();
});

async function status(role: Role = 'viewer'): Promise<SyncStatus> {
  const res = await gw.request('GET', '/api/v1/sync/status', { key: keys.get(role) });
  expect(res.status, role).toBe(200);
  return SyncStatusSchema.parse(await res.json());
}

/** A webhook applied by the sync's write path, as if the gateway had received it `agoMs` before now. */
async function webhookReceived(agoMs: number, state: number, stateAt: string): Promise<string> {
  const body = { _id: 'd1', trackingNumber: 50_000_001, state, type: 'SEND', timeStamp: Date.parse(stateAt) };
  const event = normalizeWebhook(body);
  if (!event.ok) throw new Error(event.reason);
  const receivedAt = new Date(Date.now() - agoMs).toISOString();
  await applyWebhook(sync.database.pool, event.value, body, receivedAt);
  return receivedAt;
}

describe('GET /api/v1/sync/status', () => {
  it('before any webhook: no last webhook and no lag, at the gateway’s now', async () => {
    const before = Date.now();
    const s = await status();
    expect(s).toMatchObject({ last_webhook_at: null, last_webhook_state_change_at: null, webhooks_last_hour: 0, lag_seconds: null, last_completed_run_at: null, last_completed_run_mode: null });
    expect(Date.parse(s.now)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(s.now)).toBeLessThanOrEqual(Date.now());
  });

  it('after webhooks: the newest one, the lag since it in whole seconds, the last hour’s count and the last completed run', async () => {
    const newest = await webhookReceived(90_000, 24, '2025-08-15T10:00:00.000Z');
    await webhookReceived(40 * 60_000, 21, '2025-08-15T09:00:00.000Z');
    await sync.database.db.insert(runs).values({
      id: '7d3c9f60-1d7e-4b7a-9c55-3f1f1b2f6a10', mode: 'incremental', status: 'completed', requested_by: 'scheduler', page_size: 200,
      created_at: new Date('2025-08-15T10:00:00Z'), finished_at: new Date('2025-08-15T10:01:00Z'),
    });
    for (const role of ['viewer', 'agent', 'team_leader'] as const) {
      const s = await status(role);
      expect(s).toMatchObject({
        last_webhook_at: newest, last_webhook_state_change_at: '2025-08-15T10:00:00.000Z', webhooks_last_hour: 2,
        last_completed_run_at: '2025-08-15T10:01:00.000Z', last_completed_run_mode: 'incremental',
      });
      expect(s.lag_seconds).toBe(Math.floor((Date.parse(s.now) - Date.parse(newest)) / 1000));
      expect(s.lag_seconds).toBeGreaterThanOrEqual(90);
    }
    const admin = await gw.request('GET', '/api/v1/sync/status', { key: gw.adminKey });
    expect(admin.status).toBe(200);
  });

  it('hub agents and technicians may not read it; without credentials it is 401', async () => {
    expect((await gw.request('GET', '/api/v1/sync/status', { key: keys.get('hub_agent') })).status).toBe(403);
    expect((await gw.request('GET', '/api/v1/sync/status', { key: keys.get('technician') })).status).toBe(403);
    expect((await gw.request('GET', '/api/v1/sync/status')).status).toBe(401);
  });

  it('is documented in the OpenAPI description with its response schema', async () => {
    const doc = (await (await gw.request('GET', '/openapi.json')).json()) as {
      paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> } }>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const ok = doc.paths['/api/v1/sync/status']?.get?.responses['200'];
    expect(ok?.content?.['application/json']?.schema.$ref).toBe('#/components/schemas/SyncStatus');
    expect(Object.keys(doc.components.schemas.SyncStatus?.properties ?? {})).toEqual(expect.arrayContaining(['last_webhook_at', 'webhooks_last_hour', 'lag_seconds', 'now']));
  });
});

describe('when the sync service cannot answer', () => {
  it('a status in an unexpected shape is a 503, not a made-up lag', async () => {
    await sync.stop();
    const app = express();
    app.get('/status', (_req, res) => {
      res.json({ last_webhook_at: 'yesterday' });
    });
    const server = await listen(app, 0, '127.0.0.1');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const announcement = announceService(gw.redis, gw.prefix, { name: 'sync', instance: 'odd', version: 'test', internal_url: url, queues: ['sync'], started_at: new Date().toISOString() });
    try {
      const res = await gw.request('GET', '/api/v1/sync/status', { key: keys.get('viewer') });
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    } finally {
      await announcement.stop();
      await closeServer(server);
    }
  });

  it('the sync service down: 503', async () => {
    const res = await gw.request('GET', '/api/v1/sync/status', { key: keys.get('viewer') });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
