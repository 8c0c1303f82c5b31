import { ReturnLegPageSchema, ReturnLegSchema } from '@hvar/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './harness.js';
import { startReturns, type ReturnsService } from './returns.fixture.js';

// The real returns service (read API over legs created at a Bosta simulator) behind the gateway.
let gw: TestGateway;
let ret: ReturnsService;
let agent: string;
let viewer: string;
let hubAgent: string;
let technician: string;

beforeAll(async () => {
  gw = await startTestGateway();
  ret = await startReturns(gw.redis, gw.prefix);
  [agent, viewer, hubAgent, technician] = await Promise.all([gw.keyFor('agent'), gw.keyFor('viewer'), gw.keyFor('hub_agent'), gw.keyFor('technician')]);
});
afterAll(async () => {
  await ret?.stop();
  await gw?.close();
});

async function json(path: string, key: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await gw.request('GET', path, { key });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('returns through the gateway', () => {
  it('GET /api/v1/returns lists and filters the legs', async () => {
    const all = await json('/api/v1/returns', viewer);
    expect(all.status).toBe(200);
    expect(ReturnLegPageSchema.parse(all.body).items.map((l) => l.return_id)).toEqual([ret.rejected.return_id, ret.created.return_id]);
    const refused = ReturnLegPageSchema.parse((await json('/api/v1/returns?status=rejected&leg=pickup', hubAgent)).body);
    expect(refused.items.map((l) => [l.return_id, l.last_error?.code])).toEqual([[ret.rejected.return_id, 'address_missing']]);
    const byAction = ReturnLegPageSchema.parse((await json(`/api/v1/returns?action_id=${ret.created.action_id}&limit=5`, agent)).body);
    expect(byAction.items.map((l) => l.tracking_number)).toEqual([ret.created.tracking_number]);
  });

  it('GET /api/v1/returns/{id} answers one leg with its history, by id or tracking number', async () => {
    for (const ref of [ret.created.return_id, ret.created.tracking_number ?? '']) {
      const res = await json(`/api/v1/returns/${ref}`, viewer);
      expect(res.status).toBe(200);
      const leg = ReturnLegSchema.parse(res.body);
      expect(leg).toMatchObject({ return_id: ret.created.return_id, type_code: 25, status: 'created', cod: 0 });
      expect(leg.history?.map((h) => h.status)).toEqual(['pending', 'created']);
    }
  });

  it('GET /api/v1/returns/{id}/awb answers the PDF to agents, team leaders and the hub', async () => {
    for (const key of [agent, hubAgent]) {
      const res = await gw.request('GET', `/api/v1/returns/${ret.created.return_id}/awb`, { key });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
  });

  it('bad input is a 400 at the gateway; unknown is 404; no delivery yet is 409; the service’s problems pass through', async () => {
    const bad = await json('/api/v1/returns?status=flying', viewer);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('query.status');
    expect((await json('/api/v1/returns?surprise=1', viewer)).status).toBe(400);
    expect((await json('/api/v1/returns/not-an-id', viewer)).status).toBe(400);
    expect((await json('/api/v1/returns/00000000-0000-4000-8000-000000000000', viewer)).status).toBe(404);
    expect((await json('/api/v1/returns/424242424242/awb', agent)).status).toBe(404);
    const early = await json(`/api/v1/returns/${ret.rejected.return_id}/awb`, agent);
    expect(early.status).toBe(409);
    expect(String(early.body.detail)).toContain('no Bosta delivery yet');
  });

  it('roles: viewers read but do not print; technicians do neither; no key is 401', async () => {
    expect((await gw.request('GET', `/api/v1/returns/${ret.created.return_id}/awb`, { key: viewer })).status).toBe(403);
    expect((await gw.request('GET', '/api/v1/returns', { key: technician })).status).toBe(403);
    expect((await gw.request('GET', `/api/v1/returns/${ret.created.return_id}`, { key: technician })).status).toBe(403);
    expect((await gw.request('GET', '/api/v1/returns')).status).toBe(401);
  });
});
