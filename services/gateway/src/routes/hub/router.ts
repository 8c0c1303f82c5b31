import {
  CreateWorkflowCommandSchema, HubAnalyticsSchema, HubWorkflowPageSchema, HubWorkflowRefParams, HubWorkflowSchema, HubWorkflowsQuery, InspectCommandSchema,
  ReviewCommandSchema, ScanCommandSchema, ScanResultSchema, hubQueue,
} from '@hvar/contracts';
import { z } from 'zod';
import { commandRoute } from '../../commands/command-route.js';
import type { GatewayDeps } from '../../deps.js';
import { ProblemSchema } from '../../http/problem.js';
import { route, type AnyRoute, type ResponseSpec, type RouteDef } from '../../http/route.js';
import { forwardGet, serviceClient, type ForwardQuery } from '../../http/service-client.js';
import { seg } from '../order-ref.js';
import { Phone } from '../phone.js';
import { composeScanContext, HubScanAnswerSchema, scanMessage } from './scan-context.js';

/** Roles that scan and inspect at the hub. */
const hubWorkers = ['hub_agent', 'team_leader'] as const;
/** Roles that read workflows (agents follow their cases through the hub). */
const readers = ['agent', 'viewer', 'team_leader', 'hub_agent', 'technician'] as const;
const tag = 'Hub';
const unavailable: ResponseSpec = { description: 'The hub service is not available', schema: ProblemSchema };

/** `POST /service-actions/hub-scan` (the seed's fields; `hub_agent` defaults to the caller's name). */
export const HubScanBody = z.strictObject({
  return_tracking_number: ScanCommandSchema.shape.return_tracking_number,
  hub_name: ScanCommandSchema.shape.hub_name,
  hub_agent: ScanCommandSchema.shape.hub_agent.optional().meta({ description: "Who scanned (default: the caller's name)" }),
});

/** `POST /service-actions/hub-inspection`: every field of domain.md §8 (the seed's five, the rest optional). */
export const HubInspectionBody = z.strictObject(InspectCommandSchema.omit({ requested_by: true }).shape);

/** `POST /service-actions/team-leader-review`: the return (tracking number or workflow id) and the decision. */
export const TeamLeaderReviewBody = z.strictObject({
  ...ReviewCommandSchema.omit({ requested_by: true, team_leader: true }).shape,
  team_leader: ReviewCommandSchema.shape.team_leader.optional().meta({ description: "Who decided (default: the caller's name)" }),
});

/** `POST /hub/workflows`: register an expected return by hand (`customer_phone` in any spelling). */
export const CreateWorkflowBody = z.strictObject({ ...CreateWorkflowCommandSchema.omit({ requested_by: true }).shape, customer_phone: Phone });

/** `PUT /hub/workflows/:id`: assign the hub or agent before the scan. */
export const UpdateWorkflowBody = z
  .strictObject({ hub_name: z.string().trim().min(1).max(100), hub_agent: z.string().trim().min(1).max(100) })
  .partial()
  .refine((c) => Object.keys(c).length > 0, 'nothing to change');

/** `POST /hub/workflows/:id/confirm`: no fields (an empty body or none). */
export const ConfirmBody = z.strictObject({}).default({});

/** `:id` of a workflow in commands (uuid). */
const WorkflowIdParams = z.strictObject({ id: z.uuid() });
type WorkflowIdParams = z.infer<typeof WorkflowIdParams>;
/** `:id` of a workflow in reads: its id or the return tracking number. */
const WorkflowRefParams = z.strictObject({ id: HubWorkflowRefParams.shape.ref });

function fromHub(deps: GatewayDeps, path: string, query?: ForwardQuery) {
  return forwardGet(serviceClient(deps), 'hub', path, query);
}
const ok = async (body: Promise<unknown>) => ({ status: 200, body: await body });

/**
 * The scan: the hub's command, then the scan screen composed from the owners. A 202 (the hub is
 * slow or down) is answered as is; a context part whose owner is down is null with a note.
 */
function scanRoute(): AnyRoute<GatewayDeps> {
  const base: RouteDef<GatewayDeps, undefined, undefined, z.infer<typeof HubScanBody>> = commandRoute<GatewayDeps, typeof hubQueue, 'scan', undefined, z.infer<typeof HubScanBody>>({
    path: '/api/v1/service-actions/hub-scan', summary: 'Scan a returned parcel at a hub: marks it received and answers the scan screen (case, customer, family, tickets)', tag,
    access: hubWorkers, contract: hubQueue, job: 'scan', body: HubScanBody,
    toPayload: (body, _params, principal, who) => ({ ...body, hub_agent: body.hub_agent ?? who?.name ?? principal, requested_by: principal }),
    refusals: { 404: 'Unknown code: no return with this tracking number is expected (code unknown_return)', 409: 'The case was cancelled (code case_cancelled, with the reason)' },
  });
  const composed: RouteDef<GatewayDeps, undefined, undefined, z.infer<typeof HubScanBody>> = {
    ...base,
    responses: { ...base.responses, 200: { description: 'Scanned (or scanned before: repeated=true, nothing changed), with the scan screen', schema: HubScanAnswerSchema } },
    handler: async (req, deps) => {
      const reply = await base.handler(req, deps);
      if (reply.status !== 200) return reply;
      const scan = ScanResultSchema.parse(reply.body);
      const context = await composeScanContext(deps, scan.workflow);
      return { ...reply, body: { scan, message: scanMessage(scan.workflow, scan.repeated), context } };
    },
  };
  return composed;
}

const commandRoutes: AnyRoute<GatewayDeps>[] = [
  scanRoute(),
  commandRoute<GatewayDeps, typeof hubQueue, 'inspect', undefined, z.infer<typeof HubInspectionBody>>({
    path: '/api/v1/service-actions/hub-inspection', summary: 'Record the inspection of a scanned return (the team-leader review rule applies)', tag,
    access: hubWorkers, contract: hubQueue, job: 'inspect', body: HubInspectionBody,
    toPayload: (body, _params, principal) => ({ ...body, requested_by: principal }),
    refusals: { 404: 'Unknown code (unknown_return)', 409: 'Not scanned, inspected already (a new inspection only after requires_changes), or the case was cancelled' },
  }),
  commandRoute<GatewayDeps, typeof hubQueue, 'review', undefined, z.infer<typeof TeamLeaderReviewBody>>({
    path: '/api/v1/service-actions/team-leader-review', summary: "A team leader's decision on a review: approved, rejected or requires_changes", tag,
    access: ['team_leader'], contract: hubQueue, job: 'review', body: TeamLeaderReviewBody,
    toPayload: (body, _params, principal, who) => ({ ...body, team_leader: body.team_leader ?? who?.name ?? principal, requested_by: principal }),
    refusals: { 404: 'Unknown code or workflow', 409: 'No review is pending on this return' },
  }),
  commandRoute<GatewayDeps, typeof hubQueue, 'create-workflow', undefined, z.infer<typeof CreateWorkflowBody>>({
    path: '/api/v1/hub/workflows', summary: 'Register a return the hub expects (when no return-created event brought it)', tag,
    access: ['agent', 'team_leader'], contract: hubQueue, job: 'create-workflow', body: CreateWorkflowBody,
    toPayload: (body, _params, principal) => ({ ...body, requested_by: principal }),
    successStatus: 201,
    refusals: { 409: 'The tracking number is registered for another case' },
  }),
  commandRoute<GatewayDeps, typeof hubQueue, 'update-workflow', WorkflowIdParams, z.infer<typeof UpdateWorkflowBody>>({
    method: 'put', path: '/api/v1/hub/workflows/:id', summary: 'Assign the hub or agent of a workflow (before its scan)', tag,
    access: hubWorkers, contract: hubQueue, job: 'update-workflow', params: WorkflowIdParams, body: UpdateWorkflowBody,
    toPayload: (changes, params, principal) => ({ workflow_id: params.id, changes, requested_by: principal }),
    refusals: { 404: 'Unknown workflow', 409: 'Scanned already, or the case was cancelled' },
  }),
  commandRoute<GatewayDeps, typeof hubQueue, 'confirm-workflow', WorkflowIdParams, z.infer<typeof ConfirmBody>>({
    path: '/api/v1/hub/workflows/:id/confirm', summary: 'Confirm an inspected workflow whose review is settled (a confirmed one is answered as is)', tag,
    access: hubWorkers, contract: hubQueue, job: 'confirm-workflow', params: WorkflowIdParams, body: ConfirmBody,
    toPayload: (_body, params, principal) => ({ workflow_id: params.id, requested_by: principal }),
    refusals: { 404: 'Unknown workflow', 409: 'Not inspected, a review is pending, rejected, or cancelled' },
  }),
];

const readRoutes: AnyRoute<GatewayDeps>[] = [
  route<GatewayDeps, undefined, z.infer<typeof HubWorkflowsQuery>>({
    method: 'get', path: '/api/v1/hub/workflows', summary: 'Hub workflows with filters (status, hub, agent, review), newest first', tag, access: readers, query: HubWorkflowsQuery,
    responses: { 200: { description: 'A page of workflows', schema: HubWorkflowPageSchema }, 503: unavailable },
    handler: ({ query }, deps) => ok(fromHub(deps, '/workflows', query)),
  }),
  route<GatewayDeps>({
    method: 'get', path: '/api/v1/hub/analytics', summary: 'Hub analytics: by confirmation type and status, quality, reviews, scan-to-confirm time, per hub and agent', tag,
    access: ['agent', 'viewer', 'team_leader', 'hub_agent'], responses: { 200: { description: 'The analytics', schema: HubAnalyticsSchema }, 503: unavailable },
    handler: (_req, deps) => ok(fromHub(deps, '/analytics')),
  }),
  route<GatewayDeps, z.infer<typeof WorkflowRefParams>>({
    method: 'get', path: '/api/v1/hub/workflows/:id', summary: 'One workflow by id or return tracking number, with its inspection and review', tag,
    access: readers, params: WorkflowRefParams,
    responses: { 200: { description: 'The workflow', schema: HubWorkflowSchema }, 404: { description: 'No such workflow', schema: ProblemSchema }, 503: unavailable },
    handler: ({ params }, deps) => ok(fromHub(deps, `/workflows/${seg(params.id)}`)),
  }),
];

/**
 * Hub confirmation (domain.md §8): the seed's scan, inspection and review under `/service-actions/`
 * (registered before the service-action routes, so they are never taken for an action id), and the
 * workflows under `/hub/`. Commands go to the hub's queue, reads to its read API.
 */
export const hubRoutes: AnyRoute<GatewayDeps>[] = [...commandRoutes, ...readRoutes];
