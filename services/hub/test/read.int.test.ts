import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HubAnalyticsSchema, HubWorkflowPageSchema, HubWorkflowSchema } from '@hvar/contracts';
import { closeServer, listen } from '@hvar/platform';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountReadApi } from '../src/http.js';
import { returnCreated, startHubStack, type HubStack } from './harness.js';

// A movable clock: scan-to-confirm minutes come out exact.
let clock = Date.UTC(2026, 2, 1, 9, 0, 0);
let stack: HubStack;
let server: Server;
let url: string;

const ev = {
  fixed: returnCreated({ action_type: 'maintenance' }),
  exchange: returnCreated({ action_type: 'replace_full' }),
  refund: returnCreated({ action_type: 'return_refund' }),
  waiting: returnCreated({ action_type: 'return_refund' }),
  untouched: returnCreated({ action_type: 'service' }),
};

async function scan(tn: string, hub: string, agent: string) {
  await stack.ok('scan', { return_tracking_number: tn, hub_name: hub, hub_agent: agent, requested_by: 'user-1' });
}
async function inspect(tn: string, quality_score: number, recommended_action: 'maintenance' | 'replace_full' | 'refund') {
  await stack.ok('inspect', { return_tracking_number: tn, product_condition: 'good', quality_score, recommended_action, requested_by: 'user-1' });
}

beforeAll(async () => {
  stack = await startHubStack({ deps: { now: () => new Date(clock) } });
  for (const e of Object.values(ev)) await stack.ok('return-created', e);
  // Cairo/Ahmed: maintenance confirmed 30 minutes after the scan (score 6, no review).
  await scan(ev.fixed.tracking_number, 'Cairo Hub', 'Ahmed');
  clock += 30 * 60_000;
  await inspect(ev.fixed.tracking_number, 6, 'maintenance');
  // Cairo/Ahmed: replace_full, score 2 → review → approved 90 minutes after the scan.
  await scan(ev.exchange.tracking_number, 'Cairo Hub', 'Ahmed');
  clock += 60 * 60_000;
  await inspect(ev.exchange.tracking_number, 2, 'replace_full');
  clock += 30 * 60_000;
  await stack.ok('review', { return_tracking_number: ev.exchange.tracking_number, team_leader: 'Mona', decision: 'approved', requested_by: 'user-2' });
  // Giza/Omar: refund (score 8) → review → rejected; another refund awaits its review.
  await scan(ev.refund.tracking_number, 'Giza Hub', 'Omar');
  await inspect(ev.refund.tracking_number, 8, 'refund');
  await stack.ok('review', { return_tracking_number: ev.refund.tracking_number, team_leader: 'Mona', decision: 'rejected', requested_by: 'user-2' });
  await scan(ev.waiting.tracking_number, 'Giza Hub', 'Omar');
  await inspect(ev.waiting.tracking_number, 9, 'refund');
  const app = express();
  mountReadApi(app, { database: stack.database, log: stack.deps.log });
  server = await listen(app, 0, '127.0.0.1');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (server) await closeServer(server);
  await stack?.close();
});

async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url + path);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const trackingNumbers = (page: unknown) => HubWorkflowPageSchema.parse(page).items.map((w) => w.return_tracking_number).sort();

describe('hub read API', () => {
  it('lists workflows with every filter', async () => {
    expect(trackingNumbers((await get('/workflows')).body)).toEqual(Object.values(ev).map((e) => e.tracking_number).sort());
    expect(trackingNumbers((await get('/workflows?status=confirmed')).body)).toEqual([ev.fixed.tracking_number, ev.exchange.tracking_number].sort());
    expect(trackingNumbers((await get('/workflows?status=pending')).body)).toEqual([ev.untouched.tracking_number]);
    expect(trackingNumbers((await get('/workflows?hub_name=Giza%20Hub')).body)).toEqual([ev.refund.tracking_number, ev.waiting.tracking_number].sort());
    expect(trackingNumbers((await get('/workflows?hub_agent=Ahmed')).body)).toEqual([ev.fixed.tracking_number, ev.exchange.tracking_number].sort());
    expect(trackingNumbers((await get('/workflows?review_required=true')).body)).toEqual([ev.exchange.tracking_number, ev.refund.tracking_number, ev.waiting.tracking_number].sort());
    expect(trackingNumbers((await get('/workflows?review_required=false&status=confirmed')).body)).toEqual([ev.fixed.tracking_number]);
    expect(trackingNumbers((await get('/workflows?review_pending=1')).body)).toEqual([ev.waiting.tracking_number]);
    expect(trackingNumbers((await get('/workflows?confirmation_type=maintenance_verification')).body)).toEqual([ev.fixed.tracking_number, ev.untouched.tracking_number].sort());
    expect(trackingNumbers((await get(`/workflows?action_id=${ev.refund.action_id}`)).body)).toEqual([ev.refund.tracking_number]);
  });

  it('pages with a cursor, newest first, without overlap', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = HubWorkflowPageSchema.parse((await get(`/workflows?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).body);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((w) => w.workflow_id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('one workflow by id or return tracking number, with its inspection and review', async () => {
    const byTracking = HubWorkflowSchema.parse((await get(`/workflows/${ev.exchange.tracking_number}`)).body);
    expect(byTracking).toMatchObject({
      status: 'confirmed', hub_name: 'Cairo Hub', review_required: true, inspection: { quality_score: 2 }, review: { team_leader: 'Mona', decision: 'approved' },
    });
    expect(Date.parse(byTracking.confirmed_at ?? '') - Date.parse(byTracking.scanned_at ?? '')).toBe(90 * 60_000);
    expect((await get(`/workflows/${byTracking.workflow_id}`)).body).toEqual(byTracking);
  });

  it('analytics: by confirmation type and status, quality, review rate and reasons, scan-to-confirm minutes, per hub and per agent', async () => {
    const a = HubAnalyticsSchema.parse((await get('/analytics')).body);
    expect(a.total).toBe(5);
    expect(a.by_status).toEqual({ pending: 1, confirmed: 2, rejected: 1, inspecting: 1 });
    expect(a.overall).toEqual({
      workflows: 5, scanned: 4, inspected: 4, confirmed: 2, rejected: 1, average_quality_score: 6.25, review_rate: 0.75, average_scan_to_confirm_minutes: 60,
    });
    expect(a.by_confirmation_type.find((t) => t.confirmation_type === 'return_inspection')).toMatchObject({ workflows: 2, inspected: 2, average_quality_score: 8.5, review_rate: 1 });
    expect(a.by_confirmation_type_and_status).toContainEqual({ confirmation_type: 'return_inspection', status: 'rejected', count: 1 });
    expect(a.by_confirmation_type_and_status).toContainEqual({ confirmation_type: 'maintenance_verification', status: 'pending', count: 1 });
    expect(a.reviews).toEqual({ pending: 1, approved: 1, rejected: 1, requires_changes: 0, by_reason: { low_quality_score: 1, risky_action: 2 } });
    expect(a.by_hub).toEqual([
      { hub_name: 'Cairo Hub', workflows: 2, scanned: 2, inspected: 2, confirmed: 2, rejected: 0, average_quality_score: 4, review_rate: 0.5, average_scan_to_confirm_minutes: 60 },
      { hub_name: 'Giza Hub', workflows: 2, scanned: 2, inspected: 2, confirmed: 0, rejected: 1, average_quality_score: 8.5, review_rate: 1, average_scan_to_confirm_minutes: null },
    ]);
    expect(a.by_agent.map((g) => [g.hub_agent, g.workflows])).toEqual([['Ahmed', 2], ['Omar', 2]]);
  });

  it('bad parameters are a 400 naming the field; an unknown workflow a 404', async () => {
    for (const [path, field] of [
      ['/workflows?status=flying', 'query.status'],
      ['/workflows?review_required=maybe', 'query.review_required'],
      ['/workflows?limit=0', 'query.limit'],
      ['/workflows?cursor=garbage', 'query.cursor'],
      ['/workflows?surprise=1', 'query'],
      ['/workflows?action_id=nope', 'query.action_id'],
      ['/workflows/RET-1', 'params.ref'],
      ['/analytics?x=1', 'query'],
    ] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(JSON.stringify(res.body.errors), path).toContain(field);
    }
    expect((await get('/workflows/99999999')).status).toBe(404);
    expect((await get('/workflows/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
