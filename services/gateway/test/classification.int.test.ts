import {
  ClassificationDistributionSchema, OrderClassificationViewSchema, ReclassifyRunSchema, RuleSetSchema, RuleSetVersionsSchema,
} from '@hvar/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderChange } from '../../classifier/test/harness.js';
import { startClassifier, type ClassifierService } from './classifier.fixture.js';
import { startTestGateway, type TestGateway } from './harness.js';

// The real classifier (read API and worker) in-process; the gateway finds it through the registry.
let gw: TestGateway;
let classifier: ClassifierService;
let viewer: string;
const sale = orderChange({ cod_piastres: 1500_00, state_code: 45 });
const repair = orderChange({ cod_piastres: 250_00, state_code: 45 });

beforeAll(async () => {
  gw = await startTestGateway();
  classifier = await startClassifier(gw.redis, gw.config.REDIS_URL, gw.prefix);
  await classifier.classify([sale, repair]);
  viewer = await gw.keyFor('viewer');
});
afterAll(async () => {
  await classifier?.stop();
  await gw?.close();
});

async function get(path: string, key = viewer): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await gw.request('GET', path, { key });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('classification reads through the classifier read API', () => {
  it("an order's classification by tracking number or _id, as documented", async () => {
    const byTracking = await get(`/api/v1/orders/${sale.tracking_number}/classification`);
    expect(byTracking.status).toBe(200);
    const view = OrderClassificationViewSchema.parse(byTracking.body);
    expect(view).toMatchObject({ order_id: sale.order_id, classification: { service_type: 'main', rule_id: 'R1', rule_set_version: 1, business_category: 'Real Sales Order' } });
    expect(view.history).toHaveLength(1);
    const byId = await get(`/api/v1/orders/${repair.order_id}/classification`);
    expect(OrderClassificationViewSchema.parse(byId.body).classification).toMatchObject({ service_type: 'maintenance', rule_id: 'R2' });
  });

  it('an unknown order is the classifier’s 404, passed through', async () => {
    const res = await get('/api/v1/orders/9999999/classification');
    expect(res.status).toBe(404);
    expect(res.body.type).toBe('https://hvar-cycle.dev/problems/not_found');
  });

  it('rules, versions and the distribution', async () => {
    const rules = RuleSetSchema.parse((await get('/api/v1/classification/rules')).body);
    expect(rules).toMatchObject({ version: 1, active: true, parameters: { main_cod_threshold: 500 } });
    expect(rules.rules.map((r) => r.id)).toEqual(['T1', 'T2', 'R1', 'R2', 'R3', 'R4', 'R5']);
    expect(RuleSetVersionsSchema.parse((await get('/api/v1/classification/rules/versions')).body).items.map((v) => v.version)).toEqual([1]);
    const distribution = ClassificationDistributionSchema.parse((await get('/api/v1/analytics/classification')).body);
    expect(distribution.total).toBe(2);
    expect(distribution.by_service_type).toEqual(expect.arrayContaining([{ value: 'main', count: 1 }, { value: 'maintenance', count: 1 }]));
  });
});

describe('publishing a rule set through the classifier', () => {
  const rules = [
    { id: 'R1', when: { state_codes: [45], cod: { gt: '$main_cod_threshold' } }, then: { business_category: 'Real Sales Order', service_type: 'main', order_level: 0 } },
    { id: 'R5', when: {}, then: { business_category: 'Operational Order', service_type: 'operational', order_level: 0 } },
  ];

  it('a rule set the classifier refuses is its 422 with every problem; nothing is published', async () => {
    const res = await gw.request('POST', '/api/v1/classification/rules', { key: gw.adminKey, body: { parameters: {}, rules } });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { code: string; errors: { path: string }[] };
    expect(problem.code).toBe('invalid_rule_set');
    expect(problem.errors.map((e) => e.path)).toContain('rules.0.when.cod.gt');
    expect(RuleSetVersionsSchema.parse((await get('/api/v1/classification/rules/versions')).body).items).toHaveLength(1);
  });

  it('a valid rule set becomes the next active version and starts a re-classify run', async () => {
    const res = await gw.request('POST', '/api/v1/classification/rules', { key: gw.adminKey, body: { parameters: { main_cod_threshold: 1000 }, rules } });
    expect(res.status).toBe(201);
    const published = RuleSetSchema.parse(await res.json());
    expect(published).toMatchObject({ version: 2, active: true, parameters: { main_cod_threshold: 1000 }, published_by: expect.stringMatching(/^key-/) as unknown });
    expect((await get('/api/v1/classification/rules')).body).toMatchObject({ version: 2 });
    const run = await get(`/api/v1/classification/runs/${published.reclassify_run_id ?? ''}`);
    expect(run.status).toBe(200);
    expect(ReclassifyRunSchema.parse(run.body)).toMatchObject({ id: published.reclassify_run_id, rule_set_version: 2 });
    expect((await get(`/api/v1/classification/runs/${crypto.randomUUID()}`)).status).toBe(404);
  });
});
