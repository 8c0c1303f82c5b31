import {
  CustomerFamiliesSchema, DetectionRunIdParams, DetectionRunSchema, FamilyTreeSchema, HierarchyAnalyticsSchema, HierarchyMainOfSchema,
  HierarchyProcessingStatusSchema, HierarchySubsQuery, HierarchySubsSchema, OrderRefSchema, RelationshipTypeSchema, hierarchyQueue,
} from '@hvar/contracts';
import { z } from 'zod';
import { commandRoute } from '../../commands/command-route.js';
import type { GatewayDeps } from '../../deps.js';
import type { Principal } from '../../http/auth.js';
import { ProblemSchema } from '../../http/problem.js';
import { route, type AnyRoute, type ResponseSpec } from '../../http/route.js';
import { forwardGet, serviceClient, type ForwardQuery } from '../../http/service-client.js';
import { OrderRefParams, seg } from '../order-ref.js';
import { Phone } from '../phone.js';

/** Roles that read orders (a family is part of the order's story; the hub scan shows it). */
const orderReaders = ['agent', 'viewer', 'team_leader', 'hub_agent', 'technician'] as const;
/** Roles that read processing status, runs and analytics. */
const readers = ['agent', 'viewer', 'team_leader'] as const;
/** Roles that link and unlink by hand. */
const linkers = ['agent', 'team_leader'] as const;
const tag = 'Hierarchy';
const unavailable: ResponseSpec = { description: 'The hierarchy service is not available', schema: ProblemSchema };
const notFound = (what: string): ResponseSpec => ({ description: `No such ${what}`, schema: ProblemSchema });

/** `POST /orders/hierarchy/detect`: every customer, or one by phone. */
export const DetectBody = z.strictObject({ phone: Phone.optional().meta({ description: 'Re-detect one customer only (any spelling)' }) });
/** `POST /orders/hierarchy/link`: a manual link (locked against automatic re-evaluation). */
export const LinkBody = z.strictObject({
  main_order_id: OrderRefSchema.meta({ description: 'Bosta _id or tracking number of the main order' }),
  sub_order_id: OrderRefSchema.meta({ description: 'Bosta _id or tracking number of the sub order' }),
  relationship_reason: z.string().trim().min(1).max(500),
  relationship_type: RelationshipTypeSchema.optional().meta({ description: "Derived from the sub's service type when left out" }),
});
/** `PUT /orders/hierarchy/:order_id/unlink`. */
export const UnlinkBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });
/** `:phone` of a customer, any spelling. */
export const CustomerPhoneParams = z.strictObject({ phone: Phone });

/** Forwards a read to the hierarchy's internal API. */
function fromHierarchy(deps: GatewayDeps, path: string, query?: ForwardQuery) {
  return forwardGet(serviceClient(deps), 'hierarchy', path, query);
}

const ok = async (body: Promise<unknown>) => ({ status: 200, body: await body });

/** A link made by a signed-in user is `manual`; one made with an API key is `api` (domain.md §4). */
function linkedBy(who: Principal | undefined): 'manual' | 'api' {
  return who?.kind === 'api_key' ? 'api' : 'manual';
}

/** Commands: re-detection, manual link, unlink (the hierarchy's queue). */
const commandRoutes: AnyRoute<GatewayDeps>[] = [
  commandRoute<GatewayDeps, typeof hierarchyQueue, 'detect', undefined, z.infer<typeof DetectBody>>({
    path: '/api/v1/orders/hierarchy/detect', summary: 'Start a re-detection run (every customer, or one by phone)', tag,
    access: ['team_leader'], contract: hierarchyQueue, job: 'detect', body: DetectBody,
    toPayload: (body, _params, principal) => ({ phone: body.phone, requested_by: principal }),
    successStatus: 201,
    refusals: { 404: 'No orders for this phone' },
  }),
  commandRoute<GatewayDeps, typeof hierarchyQueue, 'link', undefined, z.infer<typeof LinkBody>>({
    path: '/api/v1/orders/hierarchy/link', summary: 'Link a sub order to a main order of the same customer (manual, locked)', tag,
    access: linkers, contract: hierarchyQueue, job: 'link', body: LinkBody,
    toPayload: (body, _params, principal, who) => ({ ...body, linked_by: linkedBy(who), requested_by: principal }),
    successStatus: 201,
    refusals: {
      404: 'Main or sub order unknown',
      409: 'The sub is already linked by hand to another main (unlink it first)',
      422: 'Orders of different customers, the same order, or a link that would form a cycle',
    },
  }),
  commandRoute<GatewayDeps, typeof hierarchyQueue, 'unlink', OrderRefParams, z.infer<typeof UnlinkBody>>({
    method: 'put', path: '/api/v1/orders/hierarchy/:order_id/unlink', summary: "Deactivate a sub order's active link (kept in history, locked unlinked)", tag,
    access: linkers, contract: hierarchyQueue, job: 'unlink', params: OrderRefParams, body: UnlinkBody,
    toPayload: (body, params, principal) => ({ order_id: params.order_id, reason: body.reason, requested_by: principal }),
    refusals: { 404: 'Unknown order, or it has no active link' },
  }),
];

/** Reads; the fixed `/orders/hierarchy/...` paths come before `/orders/hierarchy/:order_id`. */
const readRoutes: AnyRoute<GatewayDeps>[] = [
  route<GatewayDeps>({
    method: 'get', path: '/api/v1/orders/hierarchy/analytics', summary: 'Hierarchy analytics: coverage, relationships, confidence, subs per main', tag,
    access: readers, responses: { 200: { description: 'The analytics', schema: HierarchyAnalyticsSchema }, 503: unavailable },
    handler: (_req, deps) => ok(fromHierarchy(deps, '/analytics')),
  }),
  route<GatewayDeps>({
    method: 'get', path: '/api/v1/orders/hierarchy/status', summary: 'Processing status: projection, statuses, last evaluation, detection run', tag,
    access: readers, responses: { 200: { description: 'The status', schema: HierarchyProcessingStatusSchema }, 503: unavailable },
    handler: (_req, deps) => ok(fromHierarchy(deps, '/status')),
  }),
  route<GatewayDeps, z.infer<typeof DetectionRunIdParams>>({
    method: 'get', path: '/api/v1/orders/hierarchy/runs/:id', summary: 'One detection run with its progress', tag, access: readers,
    params: DetectionRunIdParams,
    responses: { 200: { description: 'The run', schema: DetectionRunSchema }, 404: notFound('run'), 503: unavailable },
    handler: ({ params }, deps) => ok(fromHierarchy(deps, `/runs/${params.id}`)),
  }),
  route<GatewayDeps, z.infer<typeof CustomerPhoneParams>>({
    method: 'get', path: '/api/v1/orders/hierarchy/customer/:phone', summary: "Every family of a customer (any phone spelling), and subs without a main", tag,
    access: orderReaders, params: CustomerPhoneParams,
    responses: { 200: { description: 'The families', schema: CustomerFamiliesSchema }, 404: notFound('customer (no orders for this phone)'), 503: unavailable },
    handler: ({ params }, deps) => ok(fromHierarchy(deps, `/customers/${seg(params.phone)}/families`)),
  }),
  route<GatewayDeps, OrderRefParams>({
    method: 'get', path: '/api/v1/orders/hierarchy/:order_id', summary: "An order's family tree: the root main and every level below", tag,
    access: orderReaders, params: OrderRefParams,
    responses: { 200: { description: 'The tree', schema: FamilyTreeSchema }, 404: notFound('order'), 503: unavailable },
    handler: ({ params }, deps) => ok(fromHierarchy(deps, `/orders/${seg(params.order_id)}/tree`)),
  }),
  route<GatewayDeps, OrderRefParams, z.infer<typeof HierarchySubsQuery>>({
    method: 'get', path: '/api/v1/orders/:order_id/sub-orders', summary: 'The sub orders of a main (direct, or every level)', tag,
    access: orderReaders, params: OrderRefParams, query: HierarchySubsQuery,
    responses: { 200: { description: 'The subs', schema: HierarchySubsSchema }, 404: notFound('order'), 503: unavailable },
    handler: ({ params, query }, deps) => ok(fromHierarchy(deps, `/orders/${seg(params.order_id)}/subs`, query)),
  }),
  route<GatewayDeps, OrderRefParams>({
    method: 'get', path: '/api/v1/orders/:order_id/main-order', summary: 'The main order of a sub, with the link', tag,
    access: orderReaders, params: OrderRefParams,
    responses: { 200: { description: 'The main and the link', schema: HierarchyMainOfSchema }, 404: notFound('order, or it has no main'), 503: unavailable },
    handler: ({ params }, deps) => ok(fromHierarchy(deps, `/orders/${seg(params.order_id)}/main`)),
  }),
  route<GatewayDeps>({
    method: 'get', path: '/api/v1/analytics/hierarchy', summary: 'Hierarchy analytics (same as /orders/hierarchy/analytics)', tag: 'Analytics',
    access: readers, responses: { 200: { description: 'The analytics', schema: HierarchyAnalyticsSchema }, 503: unavailable },
    handler: (_req, deps) => ok(fromHierarchy(deps, '/analytics')),
  }),
];

/**
 * The order hierarchy (domain.md §4): commands go to the hierarchy's queue, reads to its read API.
 * Registered before the order routes so `/orders/hierarchy/...` is never taken for an order id.
 */
export const hierarchyRoutes: AnyRoute<GatewayDeps>[] = [...commandRoutes, ...readRoutes];
