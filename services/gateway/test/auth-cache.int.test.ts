import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { newApiKey, sha256 } from '../src/domain/secrets.js';
import { credentialListenerName } from '../src/http/principal-cache.js';
import { startTestGateway, type TestGateway } from './harness.js';

// The principal cache: a change to a credential must show on the next request, on every gateway
// instance. The long TTL makes sure only the invalidation (not expiry) can explain what the tests see.
const LONG = { AUTH_CACHE_TTL_MS: '60000' };
const PASSWORD = 'long enough password';

let gateways: TestGateway[] = [];
afterEach(async () => {
  for (const gw of gateways.reverse()) await gw.close();
  gateways = [];
});

async function start(opts: Parameters<typeof startTestGateway>[0]): Promise<TestGateway> {
  const gw = await startTestGateway(opts);
  gateways.push(gw);
  return gw;
}

async function createUser(gw: TestGateway, email: string, role = 'agent'): Promise<string> {
  const res = await gw.request('POST', '/api/v1/users', { key: gw.adminKey, body: { email, name: 'Original Name', role, password: PASSWORD } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function login(gw: TestGateway, email: string, password = PASSWORD): Promise<string> {
  const res = await gw.request('POST', '/api/v1/auth/login', { body: { email, password } });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function createKey(gw: TestGateway, role = 'agent'): Promise<{ id: string; key: string }> {
  const res = await gw.request('POST', '/api/v1/api-keys', { key: gw.adminKey, body: { name: `cache ${role}`, role } });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; key: string };
}

type Credential = { cookie: string } | { key: string };
const asInit = (c: Credential) => ('cookie' in c ? { headers: { cookie: c.cookie } } : { key: c.key });

async function me(gw: TestGateway, c: Credential): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await gw.request('GET', '/api/v1/auth/me', asInit(c));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Another instance hears a change when its broadcast arrives (well under a millisecond here); allow 1 s, far below the 60 s TTL. */
async function soon(gw: TestGateway, c: Credential, accept: (r: { status: number; body: Record<string, unknown> }) => boolean): Promise<{ status: number; body: Record<string, unknown> }> {
  const deadline = Date.now() + 1_000;
  for (;;) {
    const res = await me(gw, c);
    if (accept(res) || Date.now() > deadline) return res;
    await sleep(20);
  }
}

describe('principal cache: changes made through the API take effect on the next request', () => {
  it('rename, role change, disable, logout and delete', async () => {
    const gw = await start({ env: LONG });
    const id = await createUser(gw, 'cached@example.com');
    let cookie = await login(gw, 'cached@example.com');
    expect((await me(gw, { cookie })).body).toMatchObject({ name: 'Original Name', role: 'agent' });

    expect((await gw.request('PATCH', `/api/v1/users/${id}`, { key: gw.adminKey, body: { name: 'New Name' } })).status).toBe(200);
    expect((await me(gw, { cookie })).body).toMatchObject({ name: 'New Name', role: 'agent' });

    // A role change ends the user's sessions; signing in again gives the new role.
    expect((await gw.request('PATCH', `/api/v1/users/${id}`, { key: gw.adminKey, body: { role: 'team_leader' } })).status).toBe(200);
    expect((await me(gw, { cookie })).status).toBe(401);
    cookie = await login(gw, 'cached@example.com');
    expect((await me(gw, { cookie })).body).toMatchObject({ role: 'team_leader' });

    expect((await gw.request('PATCH', `/api/v1/users/${id}`, { key: gw.adminKey, body: { disabled: true } })).status).toBe(200);
    expect((await me(gw, { cookie })).status).toBe(401);

    expect((await gw.request('PATCH', `/api/v1/users/${id}`, { key: gw.adminKey, body: { disabled: false } })).status).toBe(200);
    cookie = await login(gw, 'cached@example.com');
    expect((await me(gw, { cookie })).status).toBe(200);
    expect((await gw.request('POST', '/api/v1/auth/logout', { headers: { cookie } })).status).toBe(204);
    expect((await me(gw, { cookie })).status).toBe(401);

    cookie = await login(gw, 'cached@example.com');
    expect((await me(gw, { cookie })).status).toBe(200);
    expect((await gw.request('DELETE', `/api/v1/users/${id}`, { key: gw.adminKey })).status).toBe(204);
    expect((await me(gw, { cookie })).status).toBe(401);
  });

  it('a password change ends the other sessions, not the one that changed it', async () => {
    const gw = await start({ env: LONG });
    await createUser(gw, 'pw@example.com');
    const a = await login(gw, 'pw@example.com');
    const b = await login(gw, 'pw@example.com');
    expect((await me(gw, { cookie: a })).status).toBe(200);
    expect((await me(gw, { cookie: b })).status).toBe(200);
    const changed = await gw.request('PUT', '/api/v1/auth/password', { headers: { cookie: a }, body: { current_password: PASSWORD, new_password: 'another long password' } });
    expect(changed.status).toBe(204);
    expect((await me(gw, { cookie: b })).status).toBe(401);
    expect((await me(gw, { cookie: a })).status).toBe(200);
  });

  it('a revoked API key is refused at once; a key remembered as unknown works once it is made active', async () => {
    const gw = await start({ env: LONG });
    const { id, key } = await createKey(gw);
    expect((await me(gw, { key })).body).toMatchObject({ kind: 'api_key', role: 'agent' });
    expect((await gw.request('DELETE', `/api/v1/api-keys/${id}`, { key: gw.adminKey })).status).toBe(204);
    expect((await me(gw, { key })).status).toBe(401);

    // Unknown keys are remembered too; activating one (as bootstrapAdmin does for HVAR_ADMIN_API_KEY) forgets that.
    const later = newApiKey();
    expect((await me(gw, { key: later })).status).toBe(401);
    await gw.repo.ensureApiKey({ keyHash: sha256(later), prefix: later.slice(0, 12), name: 'later', role: 'viewer' });
    expect((await me(gw, { key: later })).status).toBe(401);
    await gw.gateway.principals.forget({ kind: 'key', hash: sha256(later) });
    expect((await me(gw, { key: later })).body).toMatchObject({ role: 'viewer' });
  });
});

describe('principal cache across gateway instances (same Redis prefix and database)', () => {
  it('a change made through one instance takes effect on the other', async () => {
    const one = await start({ env: LONG });
    const two = await start({ env: LONG, replicaOf: one });
    const id = await createUser(one, 'replica@example.com');
    const [a, b] = [await login(one, 'replica@example.com'), await login(one, 'replica@example.com')];
    const { id: keyId, key } = await createKey(one);
    for (const c of [{ cookie: a }, { cookie: b }, { key }]) expect((await me(two, c)).status).toBe(200);

    expect((await one.request('PATCH', `/api/v1/users/${id}`, { key: one.adminKey, body: { name: 'Renamed Elsewhere' } })).status).toBe(200);
    expect((await soon(two, { cookie: a }, (r) => r.body.name === 'Renamed Elsewhere')).body).toMatchObject({ name: 'Renamed Elsewhere' });

    expect((await one.request('DELETE', `/api/v1/api-keys/${keyId}`, { key: one.adminKey })).status).toBe(204);
    expect((await soon(two, { key }, (r) => r.status === 401)).status).toBe(401);

    expect((await one.request('POST', '/api/v1/auth/logout', { headers: { cookie: a } })).status).toBe(204);
    expect((await soon(two, { cookie: a }, (r) => r.status === 401)).status).toBe(401);
    expect((await me(two, { cookie: b })).status).toBe(200);

    const c = await login(one, 'replica@example.com');
    expect((await me(two, { cookie: c })).status).toBe(200);
    const changed = await one.request('PUT', '/api/v1/auth/password', { headers: { cookie: c }, body: { current_password: PASSWORD, new_password: 'another long password' } });
    expect(changed.status).toBe(204);
    expect((await soon(two, { cookie: b }, (r) => r.status === 401)).status).toBe(401);
    expect((await me(two, { cookie: c })).status).toBe(200);

    expect((await one.request('PATCH', `/api/v1/users/${id}`, { key: one.adminKey, body: { disabled: true } })).status).toBe(200);
    expect((await soon(two, { cookie: c }, (r) => r.status === 401)).status).toBe(401);
  });
});

describe('principal cache lifetime', () => {
  it('an entry lives at most AUTH_CACHE_TTL_MS (a change behind the gateway\'s back shows after it)', async () => {
    const gw = await start({ env: { AUTH_CACHE_TTL_MS: '1000' } });
    await createUser(gw, 'ttl@example.com');
    const cookie = await login(gw, 'ttl@example.com');
    const { key } = await createKey(gw);
    const unknown = newApiKey();
    for (const c of [{ cookie }, { key }]) expect((await me(gw, c)).status).toBe(200);
    expect((await me(gw, { key: unknown })).status).toBe(401);

    await gw.database.db.execute(sql`delete from gateway.sessions`);
    await gw.database.db.execute(sql`update gateway.api_keys set revoked_at = now() where key_hash = ${sha256(key)}`);
    await gw.repo.ensureApiKey({ keyHash: sha256(unknown), prefix: unknown.slice(0, 12), name: 'behind the back', role: 'viewer' });
    // Remembered: the database change went around the gateway, so nothing told the cache.
    for (const c of [{ cookie }, { key }]) expect((await me(gw, c)).status).toBe(200);
    expect((await me(gw, { key: unknown })).status).toBe(401);

    await sleep(1_100);
    for (const c of [{ cookie }, { key }]) expect((await me(gw, c)).status).toBe(401);
    expect((await me(gw, { key: unknown })).status).toBe(200);
  });

  it('a session is never served past its expires_at', async () => {
    const gw = await start({ env: LONG });
    await createUser(gw, 'expiry@example.com');
    const cookie = await login(gw, 'expiry@example.com');
    await gw.database.db.execute(sql`update gateway.sessions set expires_at = now() + interval '800 milliseconds'`);
    expect((await me(gw, { cookie })).status).toBe(200);
    // Gone from the database but remembered (the cache is in use), yet only until the session's end.
    await gw.database.db.execute(sql`delete from gateway.sessions`);
    expect((await me(gw, { cookie })).status).toBe(200);
    await sleep(900);
    expect((await me(gw, { cookie })).status).toBe(401);
  });

  it('AUTH_CACHE_TTL_MS=0 looks every credential up', async () => {
    const gw = await start({ env: { AUTH_CACHE_TTL_MS: '0' } });
    await createUser(gw, 'nocache@example.com');
    const cookie = await login(gw, 'nocache@example.com');
    const { key } = await createKey(gw);
    for (const c of [{ cookie }, { key }]) expect((await me(gw, c)).status).toBe(200);
    await gw.database.db.execute(sql`delete from gateway.sessions`);
    await gw.database.db.execute(sql`update gateway.api_keys set revoked_at = now() where key_hash = ${sha256(key)}`);
    for (const c of [{ cookie }, { key }]) expect((await me(gw, c)).status).toBe(401);
  });

  it('when the listener loses its Redis connection, nothing remembered before is trusted; caching resumes once it is back', async () => {
    const gw = await start({ env: LONG });
    await createUser(gw, 'reconnect@example.com');
    const cookie = await login(gw, 'reconnect@example.com');
    expect((await me(gw, { cookie })).status).toBe(200);
    await gw.database.db.execute(sql`delete from gateway.sessions`);
    expect((await me(gw, { cookie })).status).toBe(200);

    const listener = await listenerId(gw);
    await gw.redis.client('KILL', 'ID', listener);
    const deadline = Date.now() + 5_000;
    while ((await listenerId(gw).catch(() => listener)) === listener && Date.now() < deadline) await sleep(20);
    expect(await listenerId(gw)).not.toBe(listener);
    expect((await me(gw, { cookie })).status).toBe(401);

    // Once resubscribed the cache is used again: a session deleted behind its back is still served.
    let resumed = false;
    while (!resumed && Date.now() < deadline) {
      const fresh = await login(gw, 'reconnect@example.com');
      await me(gw, { cookie: fresh });
      await gw.database.db.execute(sql`delete from gateway.sessions`);
      resumed = (await me(gw, { cookie: fresh })).status === 200;
    }
    expect(resumed).toBe(true);
  });
});

/** Redis client id of the gateway's subscribed credential listener. */
async function listenerId(gw: TestGateway): Promise<string> {
  const list = (await gw.redis.client('LIST')) as string;
  const line = list.split('\n').find((l) => l.includes(` name=${credentialListenerName(gw.prefix)} `) && / sub=[1-9]/.test(l));
  const id = /^id=(\d+)/.exec(line ?? '')?.[1];
  if (!id) throw new Error('no subscribed credential listener');
  return id;
}
