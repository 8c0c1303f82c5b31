import {
  CreateCustomerCommandSchema, CreateInteractionCommandSchema, CustomerDetailSchema, CustomerNoQuery, CustomerPageSchema, CustomersAnalyticsSchema,
  CustomerStatsSchema, CustomersQuery, InteractionListSchema, SegmentHistorySchema, UpdateCustomerCommandSchema,
  UpdateInteractionCommandSchema, serviceActionQueue,
} from '@hvar/contracts';
import { z } from 'zod';
import { commandRoute } from '../../commands/command-route.js';
import type { GatewayDeps } from '../../deps.js';
import { ProblemSchema } from '../../http/problem.js';
import { readCache } from '../../http/read-cache.js';
import { route, type AnyRoute, type ResponseSpec } from '../../http/route.js';
import { forwardGet, serviceClient, type ForwardQuery } from '../../http/service-client.js';
import { seg } from '../order-ref.js';
import { Phone } from '../phone.js';

/** Roles that read customers. */
const readers = ['agent', 'viewer', 'team_leader'] as const;
/** Roles that create, update and erase customers and record interactions. */
const writers = ['agent', 'team_leader'] as const;
const tag = 'Customers';
const unavailable: ResponseSpec = { description: 'The service-action service is not available', schema: ProblemSchema };
const notFound = (what: string): ResponseSpec => ({ description: `No such ${what}`, schema: ProblemSchema });
const badInput: ResponseSpec = { description: 'Invalid phone or parameters', schema: ProblemSchema };

/** `POST /customers`: a customer who may have no orders yet (phone in any spelling). */
export const CreateCustomerBody = z.strictObject({ ...CreateCustomerCommandSchema.omit({ requested_by: true }).shape, phone: Phone });

const nonEmpty = (c: object) => Object.keys(c).length > 0;
/** `PUT /customers/:phone`: the profile fields to set (they become agent-managed). */
export const UpdateCustomerBody = z.strictObject(UpdateCustomerCommandSchema.shape.changes.shape).partial().refine(nonEmpty, 'nothing to change');

/** `DELETE /customers/:phone`: erase personal data, with the reason. */
export const EraseCustomerBody = z.strictObject({ reason: z.string().trim().min(1).max(1_000) });

/** `POST /customers/:phone/interactions`. */
export const CreateInteractionBody = z.strictObject(CreateInteractionCommandSchema.omit({ phone: true, requested_by: true }).shape);

/** `PUT /customers/:phone/interactions/:interaction_id`: update, resolve or close. */
export const UpdateInteractionBody = z.strictObject(UpdateInteractionCommandSchema.shape.changes.shape).partial().refine(nonEmpty, 'nothing to change');

/** `:phone` of a customer, any spelling (normalized to E.164). */
export const CustomerPathParams = z.strictObject({ phone: Phone });
type CustomerPathParams = z.infer<typeof CustomerPathParams>;
/** `:phone` and `:interaction_id`. */
export const InteractionPathParams = z.strictObject({ phone: Phone, interaction_id: z.uuid() });
type InteractionPathParams = z.infer<typeof InteractionPathParams>;
type NoQuery = z.infer<typeof CustomerNoQuery>;

function fromService(deps: GatewayDeps, path: string, query?: ForwardQuery) {
  return forwardGet(serviceClient(deps), 'service-action', path, query);
}
const ok = async (body: Promise<unknown>) => ({ status: 200, body: await body });
/** A customer read through the gateway's customers read cache (the route's access check ran before). */
function cached(deps: GatewayDeps, path: string, query?: ForwardQuery) {
  return readCache(deps, 'customers').get('service-action', path, query);
}

/** Commands: the service-action queue's customer jobs. */
const commandRoutes: AnyRoute<GatewayDeps>[] = [
  commandRoute<GatewayDeps, typeof serviceActionQueue, 'create-customer', undefined, z.infer<typeof CreateCustomerBody>>({
    path: '/api/v1/customers', summary: 'Create a customer (who may have no orders yet); the given fields become agent-managed', tag,
    access: writers, contract: serviceActionQueue, job: 'create-customer', body: CreateCustomerBody,
    toPayload: (body, _params, principal) => ({ ...body, requested_by: principal }),
    successStatus: 201, refusals: { 409: 'A customer with this phone already exists (customer_exists)' },
  }),
  commandRoute<GatewayDeps, typeof serviceActionQueue, 'update-customer', CustomerPathParams, z.infer<typeof UpdateCustomerBody>>({
    method: 'put', path: '/api/v1/customers/:phone', summary: "Update a customer's profile (fields become agent-managed; orders no longer overwrite them)", tag,
    access: writers, contract: serviceActionQueue, job: 'update-customer', params: CustomerPathParams, body: UpdateCustomerBody,
    toPayload: (body, params, principal) => ({ phone: params.phone, changes: body, requested_by: principal }),
    refusals: { 404: 'Unknown customer', 409: 'The customer was erased (customer_erased)' },
  }),
  commandRoute<GatewayDeps, typeof serviceActionQueue, 'erase-customer', CustomerPathParams, z.infer<typeof EraseCustomerBody>>({
    method: 'delete', path: '/api/v1/customers/:phone', summary: 'Erase a customer: personal data anonymized (also in their orders and interactions), aggregates kept', tag,
    access: writers, contract: serviceActionQueue, job: 'erase-customer', params: CustomerPathParams, body: EraseCustomerBody,
    toPayload: (body, params, principal) => ({ phone: params.phone, reason: body.reason, requested_by: principal }),
    refusals: { 404: 'Unknown customer', 409: 'Already erased (customer_already_erased)' },
  }),
  commandRoute<GatewayDeps, typeof serviceActionQueue, 'create-interaction', CustomerPathParams, z.infer<typeof CreateInteractionBody>>({
    path: '/api/v1/customers/:phone/interactions', summary: 'Record an interaction with a customer (call, WhatsApp, SMS, email, visit)', tag,
    access: writers, contract: serviceActionQueue, job: 'create-interaction', params: CustomerPathParams, body: CreateInteractionBody,
    toPayload: (body, params, principal) => ({ ...body, phone: params.phone, requested_by: principal }),
    successStatus: 201, refusals: { 404: 'Unknown customer', 409: 'The customer was erased (customer_erased)' },
  }),
  commandRoute<GatewayDeps, typeof serviceActionQueue, 'update-interaction', InteractionPathParams, z.infer<typeof UpdateInteractionBody>>({
    method: 'put', path: '/api/v1/customers/:phone/interactions/:interaction_id', summary: 'Update, resolve or close an interaction', tag,
    access: writers, contract: serviceActionQueue, job: 'update-interaction', params: InteractionPathParams, body: UpdateInteractionBody,
    toPayload: (body, params, principal) => ({ phone: params.phone, interaction_id: params.interaction_id, changes: body, requested_by: principal }),
    refusals: { 404: 'Unknown customer or interaction', 409: 'A closed interaction cannot be reopened (interaction_closed)' },
  }),
];

/** Reads; `/customers/stats` and `/customers/analytics` come before `/customers/:phone`. */
const readRoutes: AnyRoute<GatewayDeps>[] = [
  route<GatewayDeps, undefined, CustomersQuery>({
    method: 'get', path: '/api/v1/customers', summary: 'Customers with the seed filters (return_rate_min in percent, satisfaction 0-1), sort and cursor', tag,
    access: readers, query: CustomersQuery,
    responses: { 200: { description: 'A page of customers', schema: CustomerPageSchema }, 503: unavailable },
    handler: ({ query }, deps) => cached(deps, '/customers', query),
  }),
  route<GatewayDeps, undefined, NoQuery>({
    method: 'get', path: '/api/v1/customers/stats', summary: 'Customer counts per segment and totals', tag, access: readers, query: CustomerNoQuery,
    responses: { 200: { description: 'The stats', schema: CustomerStatsSchema }, 503: unavailable },
    handler: (_req, deps) => cached(deps, '/customers/stats'),
  }),
  route<GatewayDeps, undefined, NoQuery>({
    method: 'get', path: '/api/v1/customers/analytics', summary: 'Segment and lifetime value distributions, return rate, churn levels, top customers', tag,
    access: readers, query: CustomerNoQuery, responses: { 200: { description: 'The analytics', schema: CustomersAnalyticsSchema }, 503: unavailable },
    handler: (_req, deps) => ok(fromService(deps, '/customers/analytics')),
  }),
  route<GatewayDeps, CustomerPathParams, NoQuery>({
    method: 'get', path: '/api/v1/customers/:phone', summary: 'One customer (any phone spelling) with explained analytics', tag, access: readers,
    params: CustomerPathParams, query: CustomerNoQuery,
    responses: { 200: { description: 'The customer', schema: CustomerDetailSchema }, 400: badInput, 404: notFound('customer'), 503: unavailable },
    handler: ({ params }, deps) => cached(deps, `/customers/${seg(params.phone)}`),
  }),
  route<GatewayDeps, CustomerPathParams, NoQuery>({
    method: 'get', path: '/api/v1/customers/:phone/interactions', summary: "A customer's interactions, newest first", tag, access: readers,
    params: CustomerPathParams, query: CustomerNoQuery,
    responses: { 200: { description: 'The interactions', schema: InteractionListSchema }, 400: badInput, 404: notFound('customer'), 503: unavailable },
    handler: ({ params }, deps) => cached(deps, `/customers/${seg(params.phone)}/interactions`),
  }),
  route<GatewayDeps, CustomerPathParams, NoQuery>({
    method: 'get', path: '/api/v1/customers/:phone/segments', summary: "A customer's segment changes with their reasons", tag, access: readers,
    params: CustomerPathParams, query: CustomerNoQuery,
    responses: { 200: { description: 'The segment history', schema: SegmentHistorySchema }, 400: badInput, 404: notFound('customer'), 503: unavailable },
    handler: ({ params }, deps) => cached(deps, `/customers/${seg(params.phone)}/segments`),
  }),
  route<GatewayDeps, undefined, NoQuery>({
    method: 'get', path: '/api/v1/analytics/customers', summary: 'Customer analytics (same as /customers/analytics)', tag: 'Analytics', access: readers, query: CustomerNoQuery,
    responses: { 200: { description: 'The analytics', schema: CustomersAnalyticsSchema }, 503: unavailable },
    handler: (_req, deps) => ok(fromService(deps, '/customers/analytics')),
  }),
];

/** Customers (domain.md §5): commands go to the service-action queue, reads to its read API. */
export const customerRoutes: AnyRoute<GatewayDeps>[] = [...commandRoutes, ...readRoutes];
