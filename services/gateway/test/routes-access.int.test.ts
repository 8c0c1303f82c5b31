import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, isAllowed, type Role } from '../src/domain/roles.js';
import { startTestGateway, type TestGateway } from './harness.js';
import { makeTestContract, testCommandRoutes } from './test-contract.js';

// Every route of the real route table (plus the test command routes) is called three ways.
let gw: TestGateway;
const keys = new Map<Role, string>();
const contract = makeTestContract();

beforeAll(async () => {
  // No service answers here: a command that passes validation is accepted (202) at once, a read fails fast (503).
  gw = await startTestGateway({ extraRoutes: () => testCommandRoutes(contract), env: { COMMAND_WAIT_MS: '1', SERVICE_READ_TIMEOUT_MS: '200' } });
  for (const role of ROLES) keys.set(role, await gw.keyFor(role));
});
afterAll(async () => {
  await gw.close();
});

function concretePath(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, () => randomUUID());
}

describe('every route declares its roles and enforces them', () => {
  it('the route table is not empty and every route lists roles or is public', () => {
    expect(gw.gateway.routes.length).toBeGreaterThan(10);
    for (const r of gw.gateway.routes) expect(r.access === 'public' || r.access.length > 0).toBe(true);
  });

  it('no credentials → 401, wrong role → 403, right role → neither', async () => {
    const checked: string[] = [];
    for (const r of gw.gateway.routes) {
      const path = concretePath(r.path);
      const body = r.method === 'get' || r.method === 'delete' ? undefined : {};
      const anonymous = await gw.request(r.method.toUpperCase(), path, { body });
      if (r.access === 'public') {
        expect([401, 403], `${r.method} ${r.path} is public`).not.toContain(anonymous.status);
        continue;
      }
      expect(anonymous.status, `${r.method} ${r.path} without credentials`).toBe(401);
      expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
      for (const role of ROLES) {
        const res = await gw.request(r.method.toUpperCase(), path, { key: keys.get(role), body });
        if (isAllowed(role, r.access)) expect([401, 403], `${r.method} ${r.path} as ${role}`).not.toContain(res.status);
        else expect(res.status, `${r.method} ${r.path} as ${role}`).toBe(403);
      }
      checked.push(`${r.method} ${r.path}`);
    }
    expect(checked).toContain('get /api/v1/system/status');
    expect(checked).toContain('post /api/v1/test/notes');
  });

  it('an invalid or revoked key is 401', async () => {
    const res = await gw.request('GET', '/api/v1/auth/me', { key: 'hvar_not-a-key' });
    expect(res.status).toBe(401);
    const key = await gw.keyFor('viewer');
    const me = (await (await gw.request('GET', '/api/v1/auth/me', { key })).json()) as { id: string };
    expect((await gw.request('DELETE', `/api/v1/api-keys/${me.id}`, { key: gw.adminKey })).status).toBe(204);
    expect((await gw.request('GET', '/api/v1/auth/me', { key })).status).toBe(401);
  });

  it('bull-board is admin only', async () => {
    expect((await gw.request('GET', '/admin/queues')).status).toBe(401);
    expect((await gw.request('GET', '/admin/queues', { key: keys.get('agent') })).status).toBe(403);
    expect((await gw.request('GET', '/admin/queues', { key: gw.adminKey })).status).toBe(200);
  });
});
