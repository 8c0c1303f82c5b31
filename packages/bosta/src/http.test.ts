import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createBostaClient, type BostaClientOptions } from './client.js';
import { BostaApiError, BostaNetworkError, BostaResponseError } from './errors.js';

/** A tiny real HTTP server answering from a script, recording every request. */
interface Seen { method: string; url: string; auth: string | undefined; body: string }
type Reply = (req: Seen, res: ServerResponse) => void;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); })));
});

async function serve(replies: Reply[]): Promise<{ base: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      const s = { method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, body };
      seen.push(s);
      const reply = replies[Math.min(seen.length - 1, replies.length - 1)];
      if (reply) reply(s, res);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`, seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const ok = (data: unknown): Reply => json(200, { success: true, message: 'Done', data });
const fail = (status: number, errorCode: number, message = 'nope', extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Reply =>
  json(status, { success: false, message, errorCode, data: null, ...extra }, headers);
const EMPTY_SEARCH = ok({ deliveries: [], count: 0 });

function client(base: string, extra: Partial<BostaClientOptions> = {}): { c: ReturnType<typeof createBostaClient>; sleeps: number[] } {
  const sleeps: number[] = [];
  const c = createBostaClient({
    baseUrl: base, apiKey: 'key-rw', timeoutMs: 500, random: () => 0.5,
    retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 },
    sleep: (ms) => { sleeps.push(ms); return Promise.resolve(); },
    ...extra,
  });
  return { c, sleeps };
}

const createInput = {
  type: 10 as const, uniqueBusinessReference: 'UBR-1',
  dropOffAddress: { city: 'Cairo', districtId: 'd1', firstLine: '12 Abbas El Akkad St' },
  receiver: { firstName: 'Ahmed', phone: '+201001234567' },
};

describe('transport: envelope, auth header, typed errors', () => {
  it('sends the raw key (no Bearer), unwraps data, and sends no key to getAllDistricts', async () => {
    const { base, seen } = await serve([ok({ deliveries: [{ a: 1 }], count: 7 }), ok([{ cityId: 'c1', cityName: 'Cairo', districts: [] }])]);
    const { c } = client(base);
    expect(await c.searchDeliveries({ page: 2, limit: 50, sortBy: '-updatedAt', filters: { states: [45] } })).toEqual({ deliveries: [{ a: 1 }], count: 7 });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v2/deliveries/search', auth: 'key-rw' });
    expect(JSON.parse(seen[0]!.body)).toEqual({ page: 2, limit: 50, sortBy: '-updatedAt', states: [45] });
    expect(await c.getAllDistricts()).toEqual([{ cityId: 'c1', cityName: 'Cairo', districts: [] }]);
    expect(seen[1]).toMatchObject({ url: '/api/v2/cities/getAllDistricts?countryId=60e4482c7cb7d4bc4849c4d5', auth: undefined });
  });

  it('turns { success: false } and error statuses into BostaApiError with errorCode and status', async () => {
    const { base } = await serve([json(200, { success: false, message: 'weird', errorCode: '1010' }), fail(404, 1066, 'Delivery not found')]);
    const { c } = client(base);
    await expect(c.getDelivery('1')).rejects.toMatchObject({ name: 'BostaApiError', status: 200, errorCode: 1010, retryable: false });
    const err = await c.getDelivery('2').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BostaApiError);
    expect(err).toMatchObject({ status: 404, errorCode: 1066, retryable: false, message: 'getDelivery: Bosta 404/1066: Delivery not found' });
  });

  it('rejects a 2xx body that is not an envelope', async () => {
    const { base } = await serve([(_q, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<html>proxy</html>'); }]);
    await expect(client(base).c.getDelivery('1')).rejects.toBeInstanceOf(BostaResponseError);
  });
});

describe('transport: retries for safe calls only', () => {
  it('honours a Retry-After header on 429', async () => {
    const { base, seen } = await serve([fail(429, 429, 'slow down', {}, { 'retry-after': '2' }), EMPTY_SEARCH]);
    const { c, sleeps } = client(base);
    await c.searchDeliveries({ page: 1, limit: 10 });
    expect(sleeps).toEqual([2000]);
    expect(seen).toHaveLength(2);
  });

  it('honours a body retryAfter on 429', async () => {
    const { base } = await serve([fail(429, 429, 'slow down', { retryAfter: 3 }), EMPTY_SEARCH]);
    const { c, sleeps } = client(base);
    await c.searchDeliveries({ page: 1, limit: 10 });
    expect(sleeps).toEqual([3000]);
  });

  it('gives up at once when asked to wait longer than maxRetryAfterMs', async () => {
    const { base, seen } = await serve([fail(429, 429, 'slow down', {}, { 'retry-after': '3600' }), EMPTY_SEARCH]);
    await expect(client(base).c.searchDeliveries({ page: 1, limit: 10 })).rejects.toMatchObject({ status: 429, retryAfterMs: 3_600_000 });
    expect(seen).toHaveLength(1);
  });

  it('backs off with jitter on 5xx for GETs, then succeeds', async () => {
    const { base, seen } = await serve([fail(503, 0), fail(500, 0), ok({ _id: 'x' })]);
    const { c, sleeps } = client(base);
    expect(await c.getDelivery('1')).toEqual({ _id: 'x' });
    expect(sleeps).toEqual([50, 100]);
    expect(seen).toHaveLength(3);
  });

  it('stops after the configured attempts with the last error', async () => {
    const { base, seen } = await serve([fail(502, 0, 'bad gateway')]);
    await expect(client(base).c.getDelivery('1')).rejects.toMatchObject({ status: 502, retryable: true });
    expect(seen).toHaveLength(4);
  });

  it('never retries an update, a terminate or a pickup on 5xx', async () => {
    const { base, seen } = await serve([fail(500, 0)]);
    const { c } = client(base);
    await expect(c.updateDelivery('1', { notes: 'x' })).rejects.toMatchObject({ status: 500 });
    await expect(c.terminateDelivery('1')).rejects.toMatchObject({ status: 500 });
    await expect(c.createPickup({ scheduledDate: '2030-01-02' })).rejects.toMatchObject({ status: 500 });
    expect(seen.map((s) => s.method)).toEqual(['PUT', 'DELETE', 'POST']);
  });

  it('retries a refused connection for safe calls and reports it unambiguous', async () => {
    const { c, sleeps } = client('http://127.0.0.1:9/api/v2');
    const err = await c.getDelivery('1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BostaNetworkError);
    expect(err).toMatchObject({ code: 'ECONNREFUSED', ambiguous: false });
    expect(sleeps).toHaveLength(3);
  });
});

describe('create: never blindly re-sent', () => {
  it('a refused connection is not ambiguous: no lookup, no retry', async () => {
    const { c, sleeps } = client('http://127.0.0.1:9/api/v2');
    await expect(c.createDelivery(createInput)).rejects.toMatchObject({ name: 'BostaNetworkError', ambiguous: false });
    expect(sleeps).toEqual([]);
  });

  it('after a timeout it looks the delivery up and returns it without creating again', async () => {
    const found = { _id: 'id1', trackingNumber: 71000001, uniqueBusinessReference: 'UBR-1', state: { code: 10, value: 'Pickup requested' } };
    const { base, seen } = await serve([() => { /* never answers: the client times out */ }, ok({ deliveries: [found], count: 1 })]);
    const created = await client(base).c.createDelivery(createInput);
    expect(created).toEqual({ _id: 'id1', trackingNumber: '71000001', state: { code: 10, value: 'Pickup requested' }, businessReference: null, uniqueBusinessReference: 'UBR-1', message: null, recovered: true });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /api/v2/deliveries?apiVersion=1', 'POST /api/v2/deliveries/search']);
    expect(JSON.parse(seen[1]!.body)).toMatchObject({ uniqueBusinessReference: 'UBR-1' });
    expect(JSON.parse(seen[0]!.body)).toMatchObject({ receiver: { phone: '01001234567' } });
  });

  it('after a 5xx whose lookup finds nothing it creates exactly once more', async () => {
    const { base, seen } = await serve([fail(500, 0), EMPTY_SEARCH, ok({ _id: 'id2', trackingNumber: '71000002', message: 'Delivery created successfully!' })]);
    const created = await client(base).c.createDelivery(createInput);
    expect(created).toMatchObject({ _id: 'id2', trackingNumber: '71000002', recovered: false });
    expect(seen.map((s) => s.url)).toEqual(['/api/v2/deliveries?apiVersion=1', '/api/v2/deliveries/search', '/api/v2/deliveries?apiVersion=1']);
  });

  it('ignores search hits with another uniqueBusinessReference (a server that ignored the filter)', async () => {
    const stranger = { _id: 'other', trackingNumber: '1', uniqueBusinessReference: 'SOMEONE-ELSE' };
    const { base, seen } = await serve([fail(500, 0), ok({ deliveries: [stranger], count: 1 }), fail(500, 0), ok({ deliveries: [stranger], count: 1 })]);
    await expect(client(base).c.createDelivery(createInput)).rejects.toMatchObject({ status: 500 });
    expect(seen.map((s) => s.url)).toEqual(['/api/v2/deliveries?apiVersion=1', '/api/v2/deliveries/search', '/api/v2/deliveries?apiVersion=1', '/api/v2/deliveries/search']);
  });

  it('when the lookup itself fails, the original ambiguous error surfaces and nothing is re-sent', async () => {
    const { base, seen } = await serve([fail(500, 0, 'create broke'), fail(503, 0, 'search down')]);
    await expect(client(base).c.createDelivery(createInput)).rejects.toMatchObject({ status: 500, message: 'createDelivery: Bosta 500/0: create broke' });
    expect(seen.filter((s) => s.url.startsWith('/api/v2/deliveries?')).length).toBe(1);
  });

  it('bad input fails locally before any request', async () => {
    const { base, seen } = await serve([ok({})]);
    await expect(client(base).c.createDelivery({ ...createInput, type: 25 } as never)).rejects.toMatchObject({ name: 'BostaInputError' });
    await expect(client(base).c.bulkCreateDeliveries([createInput, { ...createInput, receiver: { firstName: 'x', phone: '1' } }])).rejects.toThrow(
      'bulkCreateDeliveries[1]: invalid input: receiver.phone: not an Egyptian mobile "1"',
    );
    expect(seen).toEqual([]);
  });
});

describe('dashboard login', () => {
  it('logs in lazily, sends the token raw, and logs in again once on 401', async () => {
    let logins = 0;
    const { base, seen } = await serve([
      (_q, res) => { logins++; json(200, { success: true, data: { token: `tok-${logins}` } })(_q, res); },
      fail(401, 1007, 'User is not authorized!'),
      (_q, res) => { logins++; json(200, { success: true, data: { token: `tok-${logins}` } })(_q, res); },
      ok({ _id: 'x' }),
    ]);
    const { c } = client(base, { apiKey: undefined, login: { email: 'ops@hvar.test', password: 'pw' } });
    expect(await c.getDelivery('1')).toEqual({ _id: 'x' });
    expect(seen.map((s) => `${s.url} ${s.auth ?? '-'}`)).toEqual([
      '/api/v2/users/login -', '/api/v2/deliveries/business/1 tok-1', '/api/v2/users/login -', '/api/v2/deliveries/business/1 tok-2',
    ]);
  });

  it('concurrent calls share one login; a failed login does not stick', async () => {
    const { base, seen } = await serve([
      fail(401, 1007, 'Invalid email or password.'),
      (q, res) => (q.url.endsWith('/users/login') ? ok({ token: 'tok' }) : ok({ _id: q.url }))(q, res),
    ]);
    const { c } = client(base, { apiKey: undefined, login: { email: 'a@b.c', password: 'x' } });
    await expect(c.getDelivery('0')).rejects.toMatchObject({ status: 401, errorCode: 1007 });
    await Promise.all(['1', '2', '3'].map((tn) => c.getDelivery(tn)));
    expect(seen.filter((s) => s.url.endsWith('/users/login'))).toHaveLength(2);
    expect(seen.filter((s) => s.url.includes('/deliveries/business/')).map((s) => s.auth)).toEqual(['tok', 'tok', 'tok']);
  });

  it('a second 401 after re-login surfaces as BostaApiError', async () => {
    const { base, seen } = await serve([ok({ token: 't1' }), fail(401, 1007), ok({ token: 't2' }), fail(401, 1007)]);
    const { c } = client(base, { apiKey: undefined, login: { email: 'a@b.c', password: 'x' } });
    await expect(c.getDelivery('1')).rejects.toMatchObject({ status: 401, errorCode: 1007 });
    expect(seen).toHaveLength(4);
  });

  it('an API key is never "refreshed": 401 surfaces at once', async () => {
    const { base, seen } = await serve([fail(401, 1007, 'User is not authorized!')]);
    await expect(client(base).c.listCities()).rejects.toMatchObject({ status: 401, errorCode: 1007 });
    expect(seen).toHaveLength(1);
  });
});
