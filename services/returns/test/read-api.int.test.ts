import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ReturnLegPageSchema, ReturnLegSchema } from '@hvar/contracts';
import { closeServer, createLogger, listen } from '@hvar/platform';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountReadApi } from '../src/http.js';
import type { LegRow } from '../src/legs/store.js';
import { outboundRequest, returnRequest, startReturnsStack, type ReturnsStack } from './harness.js';

// The internal read API over real data: legs created at the simulator, and their airway bills.
let s: ReturnsStack;
let server: Server;
let base: string;
let created: LegRow;
let rejected: LegRow;
let outbound: LegRow;

beforeAll(async () => {
  s = await startReturnsStack();
  const app = express();
  mountReadApi(app, { database: s.database, log: createLogger({ service: 'returns-test', level: 'silent' }), bosta: s.deps.bosta, awb: s.deps.settings.awb });
  server = await listen(app, 0, '127.0.0.1');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const a = returnRequest();
  const b = returnRequest({ pickup_address: null });
  const c = outboundRequest();
  await s.run('return-requested', a);
  await s.run('return-requested', b);
  await s.run('outbound-requested', c);
  created = await s.waitLeg(a.action_id, (l) => l.status === 'created');
  rejected = await s.waitLeg(b.action_id, (l) => l.status === 'rejected');
  outbound = await s.waitLeg(c.action_id, (l) => l.status === 'created');
});
afterAll(async () => {
  if (server) await closeServer(server);
  await s?.close();
});

async function get(path: string): Promise<{ status: number; type: string; body: unknown; bytes: Buffer }> {
  const res = await fetch(`${base}${path}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, bytes, body: type.includes('json') ? (JSON.parse(bytes.toString('utf8')) as unknown) : undefined };
}

describe('GET /returns', () => {
  it('lists newest first, filters by action, status, leg and tracking number', async () => {
    const all = ReturnLegPageSchema.parse((await get('/returns')).body);
    expect(all.items.map((l) => l.return_id)).toEqual([outbound.return_id, rejected.return_id, created.return_id]);
    expect(ReturnLegPageSchema.parse((await get(`/returns?action_id=${created.action_id}`)).body).items.map((l) => l.return_id)).toEqual([created.return_id]);
    expect(ReturnLegPageSchema.parse((await get('/returns?status=rejected,cancelled')).body).items.map((l) => l.return_id)).toEqual([rejected.return_id]);
    expect(ReturnLegPageSchema.parse((await get('/returns?leg=outbound')).body).items.map((l) => l.return_id)).toEqual([outbound.return_id]);
    const byTn = ReturnLegPageSchema.parse((await get(`/returns?tracking_number=${created.tracking_number}`)).body);
    expect(byTn.items).toHaveLength(1);
    expect(byTn.items[0]).toMatchObject({ leg: 'pickup', type_code: 25, kind: 'return', status: 'created', cod: 0, address: { city: 'Cairo' }, last_error: null });
    expect(byTn.items[0]).not.toHaveProperty('history');
  });

  it('pages with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = ReturnLegPageSchema.parse((await get(`/returns?limit=1${cursor ? `&cursor=${cursor}` : ''}`)).body);
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((l) => l.return_id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual([outbound.return_id, rejected.return_id, created.return_id]);
  });

  it.each([
    ['/returns?status=flying', 'query.status'],
    ['/returns?leg=sideways', 'query.leg'],
    ['/returns?action_id=42', 'query.action_id'],
    ['/returns?tracking_number=abc', 'query.tracking_number'],
    ['/returns?limit=0', 'query.limit'],
    ['/returns?limit=201', 'query.limit'],
    ['/returns?surprise=1', 'query'],
    ['/returns?cursor=not-ours', 'query.cursor'],
  ])('%s is a 400 naming %s', async (path, field) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(JSON.stringify((res.body as { errors?: unknown }).errors)).toContain(field);
  });
});

describe('GET /returns/:id', () => {
  it('answers one leg by id or tracking number, with its history', async () => {
    const byId = ReturnLegSchema.parse((await get(`/returns/${created.return_id}`)).body);
    expect(byId).toMatchObject({ return_id: created.return_id, tracking_number: created.tracking_number, unique_business_reference: created.unique_business_reference });
    expect(byId.history?.map((h) => h.status)).toEqual(['pending', 'created']);
    expect(ReturnLegSchema.parse((await get(`/returns/${created.tracking_number}`)).body).return_id).toBe(created.return_id);
    const refused = ReturnLegSchema.parse((await get(`/returns/${rejected.return_id}`)).body);
    expect(refused).toMatchObject({ status: 'rejected', tracking_number: null, last_error: { code: 'address_missing' } });
  });

  it('404 for an unknown leg, 400 for what is neither an id nor a tracking number', async () => {
    expect((await get('/returns/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get('/returns/99999999999')).status).toBe(404);
    const bad = await get('/returns/not-an-id');
    expect(bad.status).toBe(400);
    expect(JSON.stringify((bad.body as { errors?: unknown }).errors)).toContain('params.id');
    expect((await get(`/returns/${created.return_id}?x=1`)).status).toBe(400);
  });
});

describe('GET /returns/:id/awb', () => {
  it('answers the airway bill PDF of the leg’s tracking number', async () => {
    for (const ref of [created.return_id, created.tracking_number ?? '', outbound.return_id]) {
      const res = await get(`/returns/${ref}/awb`);
      expect(res.status).toBe(200);
      expect(res.type).toBe('application/pdf');
      expect(res.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
  });

  it('409 when the leg has no delivery yet, 404 when unknown, 400 for a bad id', async () => {
    const none = await get(`/returns/${rejected.return_id}/awb`);
    expect(none.status).toBe(409);
    expect((none.body as { detail: string }).detail).toContain('no Bosta delivery yet');
    expect((await get('/returns/00000000-0000-4000-8000-000000000000/awb')).status).toBe(404);
    expect((await get('/returns/nope/awb')).status).toBe(400);
  });

  it('503 when Bosta does not answer', async () => {
    await s.admin.faults({ rate5xx: 1 });
    try {
      const res = await get(`/returns/${created.return_id}/awb`);
      expect(res.status).toBe(503);
      expect((res.body as { detail: string }).detail).toContain(`airway bill of ${created.tracking_number}`);
    } finally {
      await s.admin.faults({ rate5xx: 0 });
    }
  });
});
