import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../services/bosta-sim/src/index.js';
import { createBostaClient, normalizeDelivery, normalizeWebhook, type Delivery } from '../src/index.js';

/**
 * Normalization against everything the simulator renders: a few hundred demo deliveries of every
 * type pushed through their whole timelines, their search items, details and webhook bodies.
 */
const KEY = 'key-normalize-full';
let sim: SimulatorHandle;
let hooks: Server;
const received: unknown[] = [];
/** Ground truth right after start, when deliveries are spread over every stage. */
let early: Record<string, unknown>[] = [];

async function admin(method: string, path: string, body?: unknown): Promise<Response> {
  const res = await fetch(`${sim.url}/__sim${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

async function exportAll(): Promise<Record<string, unknown>[]> {
  const text = await (await admin('GET', '/export')).text();
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}

beforeAll(async () => {
  hooks = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', () => r()));
  sim = await startSimulator({ port: 0, seed: 2024, deliveries: 300, now: new Date('2025-08-01T06:00:00Z'), speed: 0, keys: [{ key: KEY, scope: 'full' }] });
  await admin('PUT', '/webhook', { url: `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hook`, headers: { 'X-Bosta-Secret': 's' } });
  early = await exportAll();
  for (let day = 0; day < 12; day++) await admin('POST', '/advance', { days: 1 });
  await admin('POST', '/webhooks/flush');
});

afterAll(async () => {
  await sim.close();
  await new Promise<void>((r) => { hooks.closeAllConnections(); hooks.close(() => r()); });
});

describe('normalization of everything the simulator sends', () => {
  it('every ground-truth detail object normalizes and matches its source fields', async () => {
    const all = [...early, ...(await exportAll())];
    expect(all.length).toBeGreaterThanOrEqual(600);
    const failures: string[] = [];
    const states = new Set<number>();
    const types = new Set<number>();
    for (const raw of all) {
      const r = normalizeDelivery(raw);
      if (!r.ok) { failures.push(`${String(raw.trackingNumber)}: ${r.reason}`); continue; }
      states.add(r.value.state_code);
      types.add(r.value.type_code);
      expect(r.value.tracking_number).toBe(String(raw.trackingNumber));
      expect(r.value.state_code).toBe((raw.state as { code: number }).code);
      expect(Date.parse(r.value.created_at)).toBe(Math.floor((raw.creationTimestamp as number) / 1000) * 1000);
      expect(Date.parse(r.value.state_at)).toBeGreaterThanOrEqual(Date.parse(r.value.created_at));
    }
    expect(failures).toEqual([]);
    expect([...types].sort()).toEqual([10, 15, 25, 30]);
    expect(states.has(45) && states.has(46)).toBe(true);
    expect(states.size).toBeGreaterThanOrEqual(4);
  });

  it('search items (all pages) normalize the same as their details, except the detail-only fees', async () => {
    const c = createBostaClient({ baseUrl: sim.apiBase, apiKey: KEY });
    const byTn = new Map<string, Delivery>();
    for (let page = 1; ; page++) {
      const { deliveries, count } = await c.searchDeliveries({ page, limit: 200, sortBy: '-updatedAt' });
      for (const raw of deliveries) {
        const r = normalizeDelivery(raw);
        if (!r.ok) throw new Error(r.reason);
        byTn.set(r.value.tracking_number, r.value);
      }
      if (page * 200 >= count) break;
    }
    const sample = [...byTn.values()].slice(0, 25);
    for (const item of sample) {
      const detail = normalizeDelivery(await c.getDelivery(item.tracking_number));
      if (!detail.ok) throw new Error(detail.reason);
      expect({ ...detail.value, shipment_fees_piastres: null }).toEqual(item);
    }
  });

  it('every webhook body normalizes; tracking numbers and states agree with the deliveries', async () => {
    expect(received.length).toBeGreaterThan(20);
    const webhookStates = new Set(received.map((b) => (b as { state: number }).state));
    expect(webhookStates.size).toBeGreaterThanOrEqual(3);
    const known = new Set((await exportAll()).map((d) => String(d.trackingNumber)));
    const failures: string[] = [];
    for (const body of received) {
      const r = normalizeWebhook(body);
      if (!r.ok) { failures.push(r.reason); continue; }
      expect(known.has(r.value.tracking_number)).toBe(true);
      if (r.value.state_code === 45) expect(r.value.cod_piastres).not.toBeNull();
      if (r.value.state_code === 47) expect(r.value.exception_code).not.toBeNull();
    }
    expect(failures).toEqual([]);
  });

  it('a corrupted delivery is rejected with the precise reason, and accepted again once repaired', async () => {
    const c = createBostaClient({ baseUrl: sim.apiBase, apiKey: KEY });
    const tn = String((await exportAll())[0]?.trackingNumber);
    const cases: [Record<string, unknown>, string][] = [
      [{ createdAt: 'foo' }, 'createdAt: unparseable date "foo"'],
      [{ receiver: { phone: '12345' } }, 'receiver.phone: not an Egyptian mobile "12345"'],
      [{ state: { code: 'x' } }, 'state.code: expected a numeric code, got "x"'],
      [{ trackingNumber: 'TN-1' }, 'trackingNumber: not a tracking number "TN-1"'],
    ];
    for (const [patch, reason] of cases) {
      await admin('POST', `/deliveries/${tn}/corrupt`, { patch });
      expect(normalizeDelivery(await c.getDelivery(tn))).toEqual({ ok: false, reason });
    }
    await admin('DELETE', `/deliveries/${tn}/corrupt`);
    expect(normalizeDelivery(await c.getDelivery(tn)).ok).toBe(true);
  });
});
