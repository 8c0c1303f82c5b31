import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { bootstrapAdmin, bootstrapDemoUsers, demoEmail, DEMO_USERS, FIRST_ADMIN_EMAIL } from '../src/bootstrap-admin.js';
import { createLogger } from '@hvar/platform';
import { startTestGateway, type TestGateway } from './harness.js';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

function cookieOf(res: Response): string {
  const raw = res.headers.get('set-cookie') ?? '';
  return raw.split(';')[0] ?? '';
}

describe('bootstrap admin', () => {
  it('HVAR_ADMIN_API_KEY becomes an admin key with exactly that value, stored hashed', async () => {
    gw = await startTestGateway();
    const me = await gw.request('GET', '/api/v1/auth/me', { key: gw.adminKey });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ kind: 'api_key', role: 'admin' });
    const stored = await gw.database.db.execute(sql`select key_hash from gateway.api_keys`);
    expect(JSON.stringify(stored.rows)).not.toContain(gw.adminKey);
  });

  it('without an admin key, the first start creates an admin user and prints a one-time password once', async () => {
    gw = await startTestGateway({ adminKey: null });
    const printed: string[] = [];
    const log = createLogger({ service: 't', level: 'silent' });
    await bootstrapAdmin(gw.repo, undefined, log, (l) => printed.push(l));
    // startTestGateway already bootstrapped once (users existed → nothing printed now): reset and retry.
    expect(printed).toEqual([]);
    await gw.database.db.execute(sql`truncate gateway.sessions, gateway.users cascade`);
    await bootstrapAdmin(gw.repo, undefined, log, (l) => printed.push(l));
    expect(printed).toHaveLength(1);
    const password = /One-time password: (\S+)/.exec(printed[0] ?? '')?.[1] ?? '';
    expect(password).toHaveLength(20);
    await bootstrapAdmin(gw.repo, undefined, log, (l) => printed.push(l));
    expect(printed).toHaveLength(1);

    const login = await gw.request('POST', '/api/v1/auth/login', { body: { email: FIRST_ADMIN_EMAIL, password } });
    expect(login.status).toBe(200);
    expect(await login.json()).toMatchObject({ role: 'admin', must_change_password: true });
  });
});

describe('demo users (npm start with the simulator)', () => {
  it('creates one user per non-admin role with the demo password, once, and leaves a changed account alone', async () => {
    gw = await startTestGateway();
    const log = createLogger({ service: 't', level: 'silent' });
    await bootstrapDemoUsers(gw.repo, undefined, log);
    expect(await gw.repo.getUserByEmail(demoEmail('agent'))).toBeUndefined();
    await bootstrapDemoUsers(gw.repo, 'demo-0123456789ab', log);
    for (const demo of DEMO_USERS) {
      const login = await gw.request('POST', '/api/v1/auth/login', { body: { email: demoEmail(demo.role), password: 'demo-0123456789ab' } });
      expect(login.status, demo.role).toBe(200);
      expect(await login.json()).toMatchObject({ role: demo.role, must_change_password: false });
    }
    const agent = await gw.repo.getUserByEmail(demoEmail('agent'));
    expect((await gw.request('PATCH', `/api/v1/users/${agent?.id}`, { key: gw.adminKey, body: { password: 'changed-on-purpose-1' } })).status).toBe(200);
    await bootstrapDemoUsers(gw.repo, 'demo-0123456789ab', log);
    expect((await gw.request('POST', '/api/v1/auth/login', { body: { email: demoEmail('agent'), password: 'changed-on-purpose-1' } })).status).toBe(200);
    const count = await gw.database.db.execute(sql`select count(*)::int as n from gateway.users where email like '%@demo.hvar.local'`);
    expect(count.rows[0]).toEqual({ n: DEMO_USERS.length });
  });
});

describe('users, sessions and passwords', () => {
  it('login sets an httpOnly cookie that authenticates; logout ends it', async () => {
    gw = await startTestGateway();
    const created = await gw.request('POST', '/api/v1/users', { key: gw.adminKey, body: { email: 'Hub.One@Example.com', name: 'Hub One', role: 'hub_agent', password: 'correct horse battery' } });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ email: 'hub.one@example.com', role: 'hub_agent', disabled: false });

    const bad = await gw.request('POST', '/api/v1/auth/login', { body: { email: 'hub.one@example.com', password: 'wrong password!!' } });
    expect(bad.status).toBe(401);
    const login = await gw.request('POST', '/api/v1/auth/login', { body: { email: 'HUB.ONE@example.com', password: 'correct horse battery' } });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = cookieOf(login);

    const me = await gw.request('GET', '/api/v1/auth/me', { headers: { cookie } });
    expect(await me.json()).toMatchObject({ kind: 'user', role: 'hub_agent', name: 'Hub One' });
    expect((await gw.request('GET', '/api/v1/users', { headers: { cookie } })).status).toBe(403);

    expect((await gw.request('POST', '/api/v1/auth/logout', { headers: { cookie } })).status).toBe(204);
    expect((await gw.request('GET', '/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
  });

  it('a duplicate email is 409; a disabled user cannot sign in and loses sessions', async () => {
    gw = await startTestGateway();
    const body = { email: 'agent@example.com', name: 'Agent', role: 'agent', password: 'long enough password' };
    const first = await gw.request('POST', '/api/v1/users', { key: gw.adminKey, body });
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    expect((await gw.request('POST', '/api/v1/users', { key: gw.adminKey, body: { ...body, email: 'AGENT@example.com' } })).status).toBe(409);

    const cookie = cookieOf(await gw.request('POST', '/api/v1/auth/login', { body: { email: body.email, password: body.password } }));
    expect((await gw.request('DELETE', `/api/v1/users/${id}`, { key: gw.adminKey })).status).toBe(204);
    expect((await gw.request('GET', '/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
    expect((await gw.request('POST', '/api/v1/auth/login', { body: { email: body.email, password: body.password } })).status).toBe(401);
  });

  it('users created without a password get a one-time password; changing it ends other sessions', async () => {
    gw = await startTestGateway();
    const created = await gw.request('POST', '/api/v1/users', { key: gw.adminKey, body: { email: 'tl@example.com', name: 'Leader', role: 'team_leader' } });
    const { one_time_password: otp } = (await created.json()) as { one_time_password: string };
    expect(otp).toHaveLength(20);
    const a = cookieOf(await gw.request('POST', '/api/v1/auth/login', { body: { email: 'tl@example.com', password: otp } }));
    const b = cookieOf(await gw.request('POST', '/api/v1/auth/login', { body: { email: 'tl@example.com', password: otp } }));
    const wrong = await gw.request('PUT', '/api/v1/auth/password', { headers: { cookie: a }, body: { current_password: 'nope', new_password: 'a new long password' } });
    expect(wrong.status).toBe(403);
    const short = await gw.request('PUT', '/api/v1/auth/password', { headers: { cookie: a }, body: { current_password: otp, new_password: 'short' } });
    expect(short.status).toBe(400);
    const ok = await gw.request('PUT', '/api/v1/auth/password', { headers: { cookie: a }, body: { current_password: otp, new_password: 'a new long password' } });
    expect(ok.status).toBe(204);
    expect((await gw.request('GET', '/api/v1/auth/me', { headers: { cookie: a } })).status).toBe(200);
    expect((await gw.request('GET', '/api/v1/auth/me', { headers: { cookie: b } })).status).toBe(401);
    expect((await gw.request('POST', '/api/v1/auth/login', { body: { email: 'tl@example.com', password: 'a new long password' } })).status).toBe(200);
  });

  it('PATCH validates and leaves the user unchanged on bad input', async () => {
    gw = await startTestGateway();
    const created = await gw.request('POST', '/api/v1/users', { key: gw.adminKey, body: { email: 'v@example.com', name: 'Viewer', role: 'viewer', password: 'long enough password' } });
    const { id } = (await created.json()) as { id: string };
    for (const body of [{ role: 'superuser' }, { name: 'X', salary: 1 }, {}]) {
      const res = await gw.request('PATCH', `/api/v1/users/${id}`, { key: gw.adminKey, body });
      expect(res.status).toBe(400);
    }
    const after = await gw.request('GET', `/api/v1/users/${id}`, { key: gw.adminKey });
    expect(await after.json()).toMatchObject({ name: 'Viewer', role: 'viewer' });
    expect((await gw.request('GET', '/api/v1/users/not-a-uuid', { key: gw.adminKey })).status).toBe(400);
    expect((await gw.request('GET', '/api/v1/users/00000000-0000-4000-8000-000000000000', { key: gw.adminKey })).status).toBe(404);
  });

  it('lists users and keys with cursor pagination', async () => {
    gw = await startTestGateway();
    for (let i = 0; i < 5; i++) {
      await gw.request('POST', '/api/v1/users', { key: gw.adminKey, body: { email: `u${i}@example.com`, name: `U${i}`, role: 'viewer', password: 'long enough password' } });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await gw.request('GET', `/api/v1/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { key: gw.adminKey });
      const body = (await res.json()) as { items: { email: string }[]; next_cursor: string | null };
      seen.push(...body.items.map((u) => u.email));
      cursor = body.next_cursor;
    } while (cursor);
    expect(seen.sort()).toEqual(['u0@example.com', 'u1@example.com', 'u2@example.com', 'u3@example.com', 'u4@example.com']);
    expect((await gw.request('GET', '/api/v1/users?cursor=garbage', { key: gw.adminKey })).status).toBe(400);
    expect((await gw.request('GET', '/api/v1/users?limit=0', { key: gw.adminKey })).status).toBe(400);
    expect((await gw.request('GET', '/api/v1/users?color=red', { key: gw.adminKey })).status).toBe(400);
    const keys = await gw.request('GET', '/api/v1/api-keys', { key: gw.adminKey });
    expect(JSON.stringify(await keys.json())).not.toContain(gw.adminKey);
  });

  it('login attempts are rate limited per IP', async () => {
    gw = await startTestGateway({ env: { LOGIN_RATE_LIMIT: '3' } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await gw.request('POST', '/api/v1/auth/login', { body: { email: 'x@example.com', password: 'whatever' } })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});
