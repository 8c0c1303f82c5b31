import {
  ActionOrderParams, ActionRefParams, ActionSubtypeSchema, ActionTypeSchema, ActionsQuery, AddressSchema, AmountSchema, FamilyActionsSchema, PartSchema,
  ServiceActionPageSchema, ServiceActionSchema, ServiceAnalyticsSchema, ServiceDashboardSchema, UpdateActionCommandSchema, serviceActionQueue,
} from '@hvar/contracts';
import { z } from 'zod';
import { commandRoute } from '../../commands/command-route.js';
import type { GatewayDeps } from '../../deps.js';
import { ProblemSchema } from '../../http/problem.js';
import { route, type AnyRoute, type ResponseSpec } from '../../http/route.js';
import { forwardGet, serviceClient, type ForwardQuery } from '../../http/service-client.js';
import { seg } from '../order-ref.js';
import { Phone } from '../phone.js';

/** Roles that read cases (the hub and technicians see the cases they work on). */
const readers = ['agent', 'viewer', 'team_leader', 'hub_agent', 'technician'] as const;
/** Roles that open and manage cases. */
const agents = ['agent', 'team_leader'] as const;
/** Roles that execute (technicians repair; agents and team leaders record refunds and replacements). */
const executors = ['technician', 'agent', 'team_leader'] as const;
const tag = 'Service actions';
const unavailable: ResponseSpec = { description: 'The service-action service is not available', schema: ProblemSchema };
const notFound = (what: string): ResponseSpec => ({ description: `No such ${what}`, schema: ProblemSchema });

const text = (max: number) => z.string().trim().min(1).max(max);

/** `POST /service-actions` (the seed's fields; `customer_phone` in any spelling). */
export const CreateActionBody = z.strictObject({
  customer_phone: Phone,
  action_type: ActionTypeSchema,
  action_subtype: ActionSubtypeSchema.optional(),
  service_reason: text(1_000),
  service_notes: text(2_000).optional(),
  main_order_id: text(64).optional().meta({ description: "Bosta _id or tracking number of the customer's order (optional: customers without an order)" }),
  link_to_hierarchy: z.boolean().default(true).meta({ description: 'Take the sub order from the order hierarchy' }),
  product_name: text(200).optional(),
  product_sku: text(64).optional(),
  product_description: text(1_000).optional(),
  customer_name: text(200).optional(),
  customer_email: z.email().max(200).optional(),
  pickup_address: AddressSchema.optional().meta({ description: "Where Bosta picks the product up (default: the customer's primary address)" }),
  on_site: z.boolean().default(false).meta({ description: 'Work at the customer: no return pickup' }),
});

/** `PUT /service-actions/:action_id`: editable fields only. */
export const UpdateActionBody = UpdateActionCommandSchema.shape.changes;

/** `DELETE /service-actions/:action_id`: cancel, with the reason. */
export const CancelBody = z.strictObject({ reason: text(1_000) });

/** Body of the execution routes (which fields are required depends on the action type; the service names what is missing). */
export const ExecuteBody = z.strictObject({
  technician: text(200).optional(),
  parts: z.array(PartSchema).max(100).optional().meta({ description: 'replace-part: the parts used' }),
  labour_cost: AmountSchema.optional().meta({ description: 'EGP; default from configuration' }),
  notes: text(2_000).optional(),
  maintenance_notes: text(2_000).optional().meta({ description: "The seed's name for notes" }),
  new_product_sku: text(64).optional().meta({ description: 'replace-full: the replacement unit' }),
  new_product_name: text(200).optional(),
  amount: AmountSchema.optional().meta({ description: 'refund: EGP, at most the original COD unless a team leader approved more' }),
});

/** `POST /service-actions/:action_id/link-order`. */
export const LinkOrderBody = z.strictObject({ order_id: text(64).meta({ description: 'Bosta _id or tracking number of a main order of the same customer' }) });

/** `POST /service-actions/:action_id/retry-return`. */
export const RetryReturnBody = z.strictObject({ reason: text(1_000), pickup_address: AddressSchema.optional() });

/** `:action_id`: id or case number. */
const ActionParams = z.strictObject({ action_id: ActionRefParams.shape.ref });
type ActionParams = z.infer<typeof ActionParams>;

/** `GET /service-actions` query (the customer's phone in any spelling). */
export const ListActionsQuery = ActionsQuery.extend({ customer_phone: Phone.optional() });

function fromService(deps: GatewayDeps, path: string, query?: ForwardQuery) {
  return forwardGet(serviceClient(deps), 'service-action', path, query);
}
const ok = async (body: Promise<unknown>) => ({ status: 200, body: await body });

const executionRefusals = {
  404: 'Unknown action',
  409: 'Not executable now (hub confirmation or approval missing, wrong route for the action type, executed already)',
  422: 'Refund above the original COD without an approved limit',
};

/** One execution route: `kind` tells the service which execution was asked for. */
function executionRoute(path: string, kind: 'execute' | 'replace_part' | 'replace_full' | 'maintenance' | 'refund', summary: string) {
  return commandRoute<GatewayDeps, typeof serviceActionQueue, 'execute-action', ActionParams, z.infer<typeof ExecuteBody>>({
    path: `/api/v1/service-actions/:action_id/${path}`, summary, tag, access: executors, contract: serviceActionQueue, job: 'execute-action',
    params: ActionParams, body: ExecuteBody,
    toPayload: ({ maintenance_notes, notes, ...body }, params, principal) => ({ ...body, notes: notes ?? maintenance_notes, action_id: params.action_id, kind, requested_by: principal }),
    refusals: executionRefusals,
  });
}

const commandRoutes: AnyRoute<GatewayDeps>[] = [
  commandRoute<GatewayDeps, typeof serviceActionQueue, 'create-action', undefined, z.infer<typeof CreateActionBody>>({
    path: '/api/v1/service-actions', summary: 'Open a service action (unknown phone: the customer is created; the return pickup is requested)', tag,
    access: agents, contract: serviceActionQueue, job: 'create-action', body: CreateActionBody,
    toPayload: (body, _params, principal) => ({ ...body, requested_by: principal }),
    successStatus: 201,
    refusals: { 404: 'The main order is unknown', 422: 'The main order belongs to another customer' },
  }),
  commandRoute<GatewayDeps, typeof serviceActionQueue, 'update-action', ActionParams, z.infer<typeof UpdateActionBody>>({
    method: 'put', path: '/api/v1/service-actions/:action_id', summary: 'Update editable fields of an action', tag,
    access: agents, contract: serviceActionQueue, job: 'update-action', params: ActionParams, body: UpdateActionBody,
    toPayload: (changes, params, principal) => ({ action_id: params.action_id, changes, requested_by: principal }),
    refusals: { 404: 'Unknown action', 409: 'The action is closed, or the pickup exists already (address)' },
  }),
  commandRoute<GatewayDeps, typeof serviceActionQueue, 'cancel-action', ActionParams, z.infer<typeof CancelBody>>({
    method: 'delete', path: '/api/v1/service-actions/:action_id', summary: 'Cancel an action (before the product is received)', tag,
    access: agents, contract: serviceActionQueue, job: 'cancel-action', params: ActionParams, body: CancelBody,
    toPayload: (body, params, principal) => ({ action_id: params.action_id, reason: body.reason, requested_by: principal }),
    refusals: { 404: 'Unknown action', 409: 'Not cancellable in its status (the allowed transitions are listed)' },
  }),
  commandRoute<GatewayDeps, typeof serviceActionQueue, 'link-order', ActionParams, z.infer<typeof LinkOrderBody>>({
    path: '/api/v1/service-actions/:action_id/link-order', summary: 'Link an action to a main order of its customer (the sub order from the hierarchy)', tag,
    access: agents, contract: serviceActionQueue, job: 'link-order', params: ActionParams, body: LinkOrderBody,
    toPayload: (body, params, principal) => ({ action_id: params.action_id, order_id: body.order_id, requested_by: principal }),
    refusals: { 404: 'Unknown action or order', 409: 'The action is closed', 422: 'The order belongs to another customer' },
  }),
  commandRoute<GatewayDeps, typeof serviceActionQueue, 'retry-return', ActionParams, z.infer<typeof RetryReturnBody>>({
    path: '/api/v1/service-actions/:action_id/retry-return', summary: 'Request the return pickup again (after it failed or Bosta refused it)', tag,
    access: agents, contract: serviceActionQueue, job: 'retry-return', params: ActionParams, body: RetryReturnBody,
    toPayload: (body, params, principal) => ({ action_id: params.action_id, ...body, requested_by: principal }),
    refusals: { 404: 'Unknown action', 409: 'The pickup did not fail, or the action is on site' },
  }),
  executionRoute('execute', 'execute', "Execute an action according to its type"),
  executionRoute('replace-part', 'replace_part', 'Replace a part (technician, parts): repaired product ships back'),
  executionRoute('replace-full', 'replace_full', 'Replace the unit (new_product_sku): the replacement ships'),
  executionRoute('maintenance', 'maintenance', 'Maintenance or service (technician, notes): the product ships back'),
  executionRoute('refund', 'refund', 'Record the refund (amount): the action completes'),
];

const readRoutes: AnyRoute<GatewayDeps>[] = [
  route<GatewayDeps, undefined, z.infer<typeof ListActionsQuery>>({
    method: 'get', path: '/api/v1/service-actions', summary: 'Service actions with filters, newest first', tag, access: readers, query: ListActionsQuery,
    responses: { 200: { description: 'A page of actions', schema: ServiceActionPageSchema }, 503: unavailable },
    handler: ({ query }, deps) => ok(fromService(deps, '/actions', query)),
  }),
  route<GatewayDeps>({
    method: 'get', path: '/api/v1/service-actions/analytics', summary: 'Service analytics: by type and status, by link, resolution days, costs vs order value, completion rate', tag,
    access: ['agent', 'viewer', 'team_leader'], responses: { 200: { description: 'The analytics', schema: ServiceAnalyticsSchema }, 503: unavailable },
    handler: (_req, deps) => ok(fromService(deps, '/actions/analytics')),
  }),
  route<GatewayDeps>({
    method: 'get', path: '/api/v1/service-actions/dashboard', summary: 'What needs doing now: open cases by status, attention, reviews, execution', tag,
    access: readers, responses: { 200: { description: 'The dashboard', schema: ServiceDashboardSchema }, 503: unavailable },
    handler: (_req, deps) => ok(fromService(deps, '/actions/dashboard')),
  }),
  route<GatewayDeps, z.infer<typeof ActionOrderParams>>({
    method: 'get', path: '/api/v1/service-actions/hierarchy/:order_id', summary: "The actions of every order in an order's family", tag,
    access: readers, params: ActionOrderParams,
    responses: { 200: { description: 'The family and its actions', schema: FamilyActionsSchema }, 404: notFound('order'), 503: unavailable },
    handler: ({ params }, deps) => ok(fromService(deps, `/actions/hierarchy/${seg(params.order_id)}`)),
  }),
  route<GatewayDeps, ActionParams>({
    method: 'get', path: '/api/v1/service-actions/:action_id', summary: 'One action with its full transition history and costs', tag,
    access: readers, params: ActionParams,
    responses: { 200: { description: 'The action', schema: ServiceActionSchema }, 404: notFound('action'), 503: unavailable },
    handler: ({ params }, deps) => ok(fromService(deps, `/actions/${seg(params.action_id)}`)),
  }),
  route<GatewayDeps>({
    method: 'get', path: '/api/v1/analytics/service', summary: 'Service analytics (same as /service-actions/analytics)', tag: 'Analytics',
    access: ['agent', 'viewer', 'team_leader'], responses: { 200: { description: 'The analytics', schema: ServiceAnalyticsSchema }, 503: unavailable },
    handler: (_req, deps) => ok(fromService(deps, '/actions/analytics')),
  }),
];

/**
 * Service actions (domain.md §6): commands go to the service-action queue, reads to its read API.
 * Fixed paths (`analytics`, `dashboard`, `hierarchy/...`) come before `/:action_id`.
 */
export const serviceActionRoutes: AnyRoute<GatewayDeps>[] = [...readRoutes, ...commandRoutes];
