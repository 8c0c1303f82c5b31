import {
  ClassificationDistributionSchema, OrderClassificationViewSchema, ReclassifyRunIdParams, ReclassifyRunSchema, RuleSetInputSchema, RuleSetSchema,
  RuleSetVersionsSchema, classifierQueue,
} from '@hvar/contracts';
import type { z } from 'zod';
import { commandRoute } from '../../commands/command-route.js';
import type { GatewayDeps } from '../../deps.js';
import { ProblemSchema } from '../../http/problem.js';
import { route, type AnyRoute, type ResponseSpec } from '../../http/route.js';
import { forwardGet, serviceClient } from '../../http/service-client.js';
import { OrderRefParams, seg } from '../order-ref.js';

/** Roles that read orders (an order's classification is part of it). */
const orderReaders = ['agent', 'viewer', 'team_leader', 'hub_agent', 'technician'] as const;
/** Roles that read rules, runs and analytics. */
const readers = ['agent', 'viewer', 'team_leader'] as const;
const tag = 'Classification';
const unavailable: ResponseSpec = { description: 'The classifier service is not available', schema: ProblemSchema };
const notFound = (what: string): ResponseSpec => ({ description: `No such ${what}`, schema: ProblemSchema });

/** Forwards a read to the classifier's internal API. */
function fromClassifier(deps: GatewayDeps, path: string) {
  return forwardGet(serviceClient(deps), 'classifier', path);
}

const ok = async (body: Promise<unknown>) => ({ status: 200, body: await body });

/**
 * Classification (domain.md §3): an order's classification with its history, the versioned rule
 * sets (publishing one is a command: validated, activated, every order re-classified), re-classify
 * runs and the distribution. Reads are answered by the classifier's read API.
 */
export const classificationRoutes: AnyRoute<GatewayDeps>[] = [
  route<GatewayDeps, OrderRefParams>({
    method: 'get', path: '/api/v1/orders/:order_id/classification', summary: "An order's classification, the facts it saw and its history", tag,
    access: orderReaders, params: OrderRefParams,
    responses: { 200: { description: 'The classification', schema: OrderClassificationViewSchema }, 404: notFound('classified order'), 503: unavailable },
    handler: ({ params }, deps) => ok(fromClassifier(deps, `/orders/${seg(params.order_id)}/classification`)),
  }),
  route<GatewayDeps>({
    method: 'get', path: '/api/v1/classification/rules', summary: 'The active rule set', tag, access: readers,
    responses: { 200: { description: 'The active rule set', schema: RuleSetSchema }, 503: unavailable },
    handler: (_req, deps) => ok(fromClassifier(deps, '/rules')),
  }),
  route<GatewayDeps>({
    method: 'get', path: '/api/v1/classification/rules/versions', summary: 'Every rule-set version, newest first', tag, access: readers,
    responses: { 200: { description: 'The versions', schema: RuleSetVersionsSchema }, 503: unavailable },
    handler: (_req, deps) => ok(fromClassifier(deps, '/rules/versions')),
  }),
  commandRoute<GatewayDeps, typeof classifierQueue, 'publish-rules', undefined, z.infer<typeof RuleSetInputSchema>>({
    path: '/api/v1/classification/rules', summary: 'Publish a new rule-set version (activates it and re-classifies every order)', tag,
    access: ['admin'], contract: classifierQueue, job: 'publish-rules', body: RuleSetInputSchema,
    toPayload: (body, _params, principal) => ({ rule_set: body, published_by: principal }),
    successStatus: 201,
    refusals: { 422: 'The rule set has problems (every one listed: contradictory or unreachable rules, orders no rule matches, unknown parameters)' },
  }),
  route<GatewayDeps, z.infer<typeof ReclassifyRunIdParams>>({
    method: 'get', path: '/api/v1/classification/runs/:id', summary: 'One re-classify run with its progress', tag, access: readers,
    params: ReclassifyRunIdParams,
    responses: { 200: { description: 'The run', schema: ReclassifyRunSchema }, 404: notFound('run'), 503: unavailable },
    handler: ({ params }, deps) => ok(fromClassifier(deps, `/reclassify-runs/${params.id}`)),
  }),
  route<GatewayDeps>({
    method: 'get', path: '/api/v1/analytics/classification', summary: 'Classified orders by category, service type, level, rule and rule-set version', tag: 'Analytics',
    access: readers,
    responses: { 200: { description: 'The distribution', schema: ClassificationDistributionSchema }, 503: unavailable },
    handler: (_req, deps) => ok(fromClassifier(deps, '/analytics/distribution')),
  }),
];
