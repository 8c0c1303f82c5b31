/** The gateway without a built console: pages answer a clear 503 problem, the API is unaffected. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './harness.js';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ env: { CONSOLE_DIR: '/nonexistent/hvar-console' } });
});

afterAll(async () => {
  await gw?.close();
});

describe('console not built', () => {
  it('a page address answers 503 problem+json naming the missing build and how to make it', async () => {
    const res = await fetch(`${gw.url}/orders`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as { detail: string };
    expect(body.detail).toContain('/nonexistent/hvar-console/index.html');
    expect(body.detail).toContain('npm start');
  });

  it('assets answer 404 and the API still works', async () => {
    expect((await fetch(`${gw.url}/assets/app.js`)).status).toBe(404);
    const me = await gw.request('GET', '/api/v1/auth/me', { key: gw.adminKey });
    expect(me.status).toBe(200);
  });
});
