import { classifierQueue, hierarchyQueue } from '@hvar/contracts';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './harness.js';
import { startSyncRead, type SyncReadService } from './sync-read.fixture.js';

// Commands are checked at the queue (what the owning service will receive); no worker runs here, so
// a valid command is durable and answered 202 after the gateway's wait.
let gw: TestGateway;
let sync: SyncReadService;
let queues: { hierarchy: Queue; classifier: Queue };
const keys: Record<string, string> = {};

beforeAll(async () => {
  gw = await startTestGateway();
  sync = await startSyncRead(gw.redis, gw.prefix);
  for (const role of ['agent', 'viewer', 'team_leader', 'hub_agent'] as const) keys[role] = await gw.keyFor(role);
  queues = {
    hierarchy: new Queue(hierarchyQueue.name, { connection: gw.redis, prefix: gw.prefix }),
    classifier: new Queue(classifierQueue.name, { connection: gw.redis, prefix: gw.prefix }),
  };
});
beforeEach(async () => {
  await Promise.all([queues.hierarchy.obliterate({ force: true }), queues.classifier.obliterate({ force: true })]);
});
afterAll(async () => {
  await Promise.all([queues.hierarchy.obliterate({ force: true }), queues.classifier.obliterate({ force: true })]);
  await Promise.all([queues.hierarchy.close(), queues.classifier.close()]);
  await sync.stop();
  await gw.close();
});

async function queued(queue: Queue): Promise<{ name: string; data: unknown }[]> {
  const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
  return jobs.map((j) => ({ name: j.name, data: j.data as unknown }));
}
async function operations(): Promise<number> {
  const res = await gw.database.pool.query<{ n: number }>('select count(*)::int n from gateway.operations');
  return res.rows[0]?.n ?? 0;
}
async function keyId(key: string): Promise<string> {
  return ((await (await gw.request('GET', '/api/v1/auth/me', { key })).json()) as { id: string }).id;
}

const RULE_SET = {
  parameters: { main_cod_threshold: 750 },
  rules: [
    { id: 'R1', when: { state_codes: [45], cod: { gt: '$main_cod_threshold' } }, then: { business_category: 'Real Sales Order', service_type: 'main', order_level: 0 } },
    { id: 'R5', when: {}, then: { business_category: 'Operational Order', service_type: 'operational', order_level: 0 } },
  ],
};

describe('hierarchy commands', () => {
  it('link: an API key links as api; the payload says who asked', async () => {
    const body = { main_order_id: '7000001', sub_order_id: 'abc_DEF-1', relationship_reason: '  same blender  ', relationship_type: 'maintenance' };
    const res = await gw.request('POST', '/api/v1/orders/hierarchy/link', { key: keys.agent, body });
    expect(res.status).toBe(202);
    expect(await queued(queues.hierarchy)).toEqual([{
      name: 'link',
      data: { main_order_id: '7000001', sub_order_id: 'abc_DEF-1', relationship_reason: 'same blender', relationship_type: 'maintenance', linked_by: 'api',
        requested_by: `key-${await keyId(keys.agent ?? '')}` },
    }]);
  });

  it('link: a signed-in user links as manual', async () => {
    const user = { email: 'linker@example.com', name: 'Linker', role: 'team_leader', password: 'a long enough password' };
    expect((await gw.request('POST', '/api/v1/users', { key: gw.adminKey, body: user })).status).toBe(201);
    const login = await gw.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const res = await gw.request('POST', '/api/v1/orders/hierarchy/link', { headers: { cookie }, body: { main_order_id: '1', sub_order_id: '2', relationship_reason: 'r' } });
    expect(res.status).toBe(202);
    const [job] = await queued(queues.hierarchy);
    expect(job?.data).toMatchObject({ linked_by: 'manual', requested_by: expect.stringMatching(/^user-/) as unknown });
    expect(job?.data).not.toHaveProperty('relationship_type');
  });

  it('detect: team leaders and admins; a phone in any spelling is sent normalized', async () => {
    expect((await gw.request('POST', '/api/v1/orders/hierarchy/detect', { key: keys.agent, body: {} })).status).toBe(403);
    expect((await gw.request('POST', '/api/v1/orders/hierarchy/detect', { key: keys.team_leader, body: { phone: '0100 123 4567' } })).status).toBe(202);
    expect((await gw.request('POST', '/api/v1/orders/hierarchy/detect', { key: gw.adminKey, body: {} })).status).toBe(202);
    const jobs = await queued(queues.hierarchy);
    expect(jobs.map((j) => j.data)).toEqual(expect.arrayContaining([
      { phone: '+201001234567', requested_by: `key-${await keyId(keys.team_leader ?? '')}` },
      { requested_by: expect.stringMatching(/^key-/) as unknown },
    ]));
    expect(jobs.every((j) => j.name === 'detect')).toBe(true);
  });

  it('unlink: agents and team leaders, with a reason; viewers may not', async () => {
    expect((await gw.request('PUT', '/api/v1/orders/hierarchy/7000002/unlink', { key: keys.viewer, body: { reason: 'x' } })).status).toBe(403);
    expect((await gw.request('PUT', '/api/v1/orders/hierarchy/7000002/unlink', { key: keys.agent, body: { reason: 'wrong customer' } })).status).toBe(202);
    expect(await queued(queues.hierarchy)).toEqual([
      { name: 'unlink', data: { order_id: '7000002', reason: 'wrong customer', requested_by: `key-${await keyId(keys.agent ?? '')}` } },
    ]);
  });
});

describe('classification commands', () => {
  it('publishing a rule set is for admins; the payload is the rule set with its defaults', async () => {
    expect((await gw.request('POST', '/api/v1/classification/rules', { key: keys.team_leader, body: RULE_SET })).status).toBe(403);
    expect((await gw.request('POST', '/api/v1/classification/rules', { key: gw.adminKey, body: RULE_SET })).status).toBe(202);
    const [job] = await queued(queues.classifier);
    expect(job?.name).toBe('publish-rules');
    expect(job?.data).toEqual({
      rule_set: { parameters: { main_cod_threshold: 750 }, rules: RULE_SET.rules.map((r) => ({ ...r, description: '' })) },
      published_by: expect.stringMatching(/^key-/) as unknown,
    });
  });
});

describe('the OpenAPI description lists what the owning service refuses', () => {
  it.each([
    ['/api/v1/orders/hierarchy/link', 'post', ['201', '202', '400', '404', '409', '422']],
    ['/api/v1/orders/hierarchy/{order_id}/unlink', 'put', ['200', '202', '400', '404']],
    ['/api/v1/orders/hierarchy/detect', 'post', ['201', '202', '400', '404']],
    ['/api/v1/classification/rules', 'post', ['201', '202', '400', '422']],
  ])('%s %s', async (path, method, statuses) => {
    const doc = (await (await gw.request('GET', '/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(Object.keys(doc.paths[path]?.[method]?.responses ?? {})).toEqual(expect.arrayContaining(statuses));
  });
});

describe('bad input → 400 naming the field; nothing queued, no operation recorded', () => {
  const rule = RULE_SET.rules[0];
  it.each([
    ['POST', '/api/v1/orders/hierarchy/detect', { phone: '12345' }, 'body.phone'],
    ['POST', '/api/v1/orders/hierarchy/detect', { phone: '01001234567', scope: 'all' }, 'body'],
    ['POST', '/api/v1/orders/hierarchy/link', {}, 'body.main_order_id'],
    ['POST', '/api/v1/orders/hierarchy/link', { main_order_id: '1', sub_order_id: '2' }, 'body.relationship_reason'],
    ['POST', '/api/v1/orders/hierarchy/link', { main_order_id: '1', sub_order_id: '2', relationship_reason: '   ' }, 'body.relationship_reason'],
    ['POST', '/api/v1/orders/hierarchy/link', { main_order_id: '1', sub_order_id: '2', relationship_reason: 'r', relationship_type: 'cousin' }, 'body.relationship_type'],
    ['POST', '/api/v1/orders/hierarchy/link', { main_order_id: '1', sub_order_id: '2', relationship_reason: 'r', linked_by: 'auto_sync' }, 'body'],
    ['PUT', '/api/v1/orders/hierarchy/7000002/unlink', {}, 'body.reason'],
    ['PUT', '/api/v1/orders/hierarchy/a%20b/unlink', { reason: 'x' }, 'params.order_id'],
    ['POST', '/api/v1/classification/rules', { rules: [] }, 'body.rules'],
    ['POST', '/api/v1/classification/rules', { rules: [{ ...rule, then: { ...rule?.then, service_type: 'gift' } }] }, 'body.rules.0.then.service_type'],
    ['POST', '/api/v1/classification/rules', { rules: [{ ...rule, when: { cod: { gt: 10.123 } } }] }, 'body.rules.0.when.cod.gt'],
    ['POST', '/api/v1/classification/rules', { rules: [{ ...rule, when: { colour: 'red' } }] }, 'body.rules.0.when'],
    ['POST', '/api/v1/classification/rules', { ...RULE_SET, version: 3 }, 'body'],
    ['GET', '/api/v1/orders/hierarchy/customer/0123', undefined, 'params.phone'],
    ['GET', '/api/v1/orders/hierarchy/runs/not-a-run', undefined, 'params.id'],
    ['GET', '/api/v1/orders/hierarchy/a%20b', undefined, 'params.order_id'],
    ['GET', `/api/v1/orders/${'x'.repeat(65)}/sub-orders`, undefined, 'params.order_id'],
    ['GET', '/api/v1/orders/7000001/sub-orders?all=maybe', undefined, 'query.all'],
    ['GET', '/api/v1/orders/a%2Fb/classification', undefined, 'params.order_id'],
    ['GET', '/api/v1/classification/runs/42', undefined, 'params.id'],
  ])('%s %s %j → 400 at %s', async (method, path, body, field) => {
    const before = await operations();
    const res = await gw.request(method, path, { key: gw.adminKey, body });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { type: string; errors: { path: string }[] };
    expect(problem.type).toBe('https://hvar-cycle.dev/problems/invalid_data');
    expect(problem.errors.map((e) => e.path)).toContain(field);
    expect(await queued(queues.hierarchy)).toEqual([]);
    expect(await queued(queues.classifier)).toEqual([]);
    expect(await operations()).toBe(before);
  });
});

describe('reads', () => {
  it('go to the owning service: 503 naming it while it is not running, never the sync’s answer for /orders/:id', async () => {
    for (const [path, service] of [
      ['/api/v1/orders/hierarchy/status', 'hierarchy'], ['/api/v1/orders/hierarchy/analytics', 'hierarchy'], ['/api/v1/orders/hierarchy/7000001', 'hierarchy'],
      ['/api/v1/orders/hierarchy/customer/01001234567', 'hierarchy'], ['/api/v1/orders/7000001/sub-orders?all=true', 'hierarchy'],
      ['/api/v1/orders/7000001/main-order', 'hierarchy'], ['/api/v1/analytics/hierarchy', 'hierarchy'],
      [`/api/v1/orders/hierarchy/runs/${crypto.randomUUID()}`, 'hierarchy'],
      ['/api/v1/orders/7000001/classification', 'classifier'], ['/api/v1/classification/rules', 'classifier'],
      ['/api/v1/classification/rules/versions', 'classifier'], ['/api/v1/analytics/classification', 'classifier'],
      [`/api/v1/classification/runs/${crypto.randomUUID()}`, 'classifier'],
    ] as const) {
      const res = await gw.request('GET', path, { key: keys.viewer });
      expect(res.status, path).toBe(503);
      expect(((await res.json()) as { detail: string }).detail, path).toContain(`The ${service} service is not available`);
    }
    // The sync still answers its own paths (a single segment after /orders is an order id).
    expect((await gw.request('GET', '/api/v1/orders/hierarchy', { key: keys.viewer })).status).toBe(404);
  });

  it('order-scoped reads are open to hub agents; processing status and analytics are not', async () => {
    expect((await gw.request('GET', '/api/v1/orders/hierarchy/7000001', { key: keys.hub_agent })).status).toBe(503);
    expect((await gw.request('GET', '/api/v1/orders/7000001/classification', { key: keys.hub_agent })).status).toBe(503);
    expect((await gw.request('GET', '/api/v1/orders/hierarchy/status', { key: keys.hub_agent })).status).toBe(403);
    expect((await gw.request('GET', '/api/v1/analytics/classification', { key: keys.hub_agent })).status).toBe(403);
  });
});
