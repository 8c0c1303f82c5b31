import {
  OrderFiltersQuery, OrderIdParams, OrderPageSchema, OrderSchema, OrderStatsSchema, OrderTimelineSchema, OrdersQuery,
  PhoneOrdersQuery, PhoneOrdersSchema, PhoneParams, StateAnalysisSchema, TrackingParams,
} from '@hvar/contracts';
import type { z } from 'zod';
import type { GatewayDeps } from '../../deps.js';
import { ProblemSchema } from '../../http/problem.js';
import { route, type AnyRoute, type ResponseSpec } from '../../http/route.js';
import { forwardGet, serviceClient, type ForwardQuery } from '../../http/service-client.js';

/** Roles that read orders. */
const readers = ['agent', 'viewer', 'team_leader', 'hub_agent', 'technician'] as const;
const tag = 'Orders';
const unavailable: ResponseSpec = { description: 'The sync service is not available', schema: ProblemSchema };
const notFound: ResponseSpec = { description: 'No such order', schema: ProblemSchema };

/** Forwards a read to the sync service's internal API. */
function fromSync(deps: GatewayDeps, path: string, query?: ForwardQuery) {
  return forwardGet(serviceClient(deps), 'sync', path, query);
}

const ok = async (body: Promise<unknown>) => ({ status: 200, body: await body });
const seg = encodeURIComponent;

/**
 * Order reads (query pattern): validated here with the contract schemas, answered by the sync
 * service's read model. Specific paths come before `/:id` so `stats` is not taken for an id.
 */
export const orderRoutes: AnyRoute<GatewayDeps>[] = [
  route<GatewayDeps, undefined, OrdersQuery>({
    method: 'get', path: '/api/v1/orders', summary: 'Orders with filters, sort and cursor pagination', tag, access: readers,
    query: OrdersQuery,
    responses: { 200: { description: 'A page of orders', schema: OrderPageSchema }, 503: unavailable },
    handler: ({ query }, deps) => ok(fromSync(deps, '/orders', query)),
  }),
  route<GatewayDeps, undefined, OrderFiltersQuery>({
    method: 'get', path: '/api/v1/orders/stats', summary: 'Order statistics (over the same filters as the list)', tag, access: readers,
    query: OrderFiltersQuery,
    responses: { 200: { description: 'Totals', schema: OrderStatsSchema }, 503: unavailable },
    handler: ({ query }, deps) => ok(fromSync(deps, '/orders/stats', query)),
  }),
  route<GatewayDeps, undefined, OrderFiltersQuery>({
    method: 'get', path: '/api/v1/orders/states', summary: 'State analysis: count, share, money and timings per state', tag, access: readers,
    query: OrderFiltersQuery,
    responses: { 200: { description: 'Per state', schema: StateAnalysisSchema }, 503: unavailable },
    handler: ({ query }, deps) => ok(fromSync(deps, '/orders/states', query)),
  }),
  route<GatewayDeps, z.infer<typeof TrackingParams>>({
    method: 'get', path: '/api/v1/orders/tracking/:trackingNumber', summary: 'One order by Bosta tracking number', tag, access: readers,
    params: TrackingParams,
    responses: { 200: { description: 'The order', schema: OrderSchema }, 404: notFound, 503: unavailable },
    handler: ({ params }, deps) => ok(fromSync(deps, `/orders/tracking/${seg(params.trackingNumber)}`)),
  }),
  route<GatewayDeps, z.infer<typeof PhoneParams>, z.infer<typeof PhoneOrdersQuery>>({
    method: 'get', path: '/api/v1/orders/phone/:phone', summary: "A customer's orders by phone (any spelling), newest first", tag, access: readers,
    params: PhoneParams, query: PhoneOrdersQuery,
    responses: { 200: { description: 'The orders of the normalized phone', schema: PhoneOrdersSchema }, 503: unavailable },
    handler: ({ params, query }, deps) => ok(fromSync(deps, `/orders/phone/${seg(params.phone)}`, query)),
  }),
  route<GatewayDeps, z.infer<typeof OrderIdParams>>({
    method: 'get', path: '/api/v1/orders/:id', summary: 'One order by Bosta id', tag, access: readers,
    params: OrderIdParams,
    responses: { 200: { description: 'The order', schema: OrderSchema }, 404: notFound, 503: unavailable },
    handler: ({ params }, deps) => ok(fromSync(deps, `/orders/${seg(params.id)}`)),
  }),
  route<GatewayDeps, z.infer<typeof OrderIdParams>>({
    method: 'get', path: '/api/v1/orders/:id/timeline', summary: "An order's timeline (REST steps and webhook state changes)", tag, access: readers,
    params: OrderIdParams,
    responses: { 200: { description: 'The timeline', schema: OrderTimelineSchema }, 404: notFound, 503: unavailable },
    handler: ({ params }, deps) => ok(fromSync(deps, `/orders/${seg(params.id)}/timeline`)),
  }),
];
