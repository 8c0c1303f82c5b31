import {
  QuarantinePageSchema, QuarantineQuery, StartSyncRunBody, SyncRunIdParams, SyncRunPageSchema, SyncRunSchema, SyncRunsQuery, syncQueue,
} from '@hvar/contracts';
import type { z } from 'zod';
import { commandRoute } from '../../commands/command-route.js';
import type { GatewayDeps } from '../../deps.js';
import { ProblemSchema } from '../../http/problem.js';
import { route, type AnyRoute, type ResponseSpec } from '../../http/route.js';
import { forwardGet, type ForwardQuery } from '../../http/service-client.js';

const readers = ['agent', 'viewer', 'team_leader'] as const;
const tag = 'Sync';
const unavailable: ResponseSpec = { description: 'The sync service is not available', schema: ProblemSchema };

function fromSync(deps: GatewayDeps, path: string, query?: ForwardQuery) {
  return forwardGet({ redis: deps.redis, prefix: deps.prefix, timeoutMs: deps.config.SERVICE_READ_TIMEOUT_MS }, 'sync', path, query);
}

/** Sync runs (start: command to the sync queue; progress: read API) and quarantined deliveries. */
export const syncRoutes: AnyRoute<GatewayDeps>[] = [
  commandRoute<GatewayDeps, typeof syncQueue, 'start-run', undefined, z.infer<typeof StartSyncRunBody>>({
    path: '/api/v1/sync/runs', summary: 'Start a full or incremental sync run', tag, access: ['admin'],
    contract: syncQueue, job: 'start-run', body: StartSyncRunBody,
    toPayload: (body, _params, principal) => ({ mode: body.mode, requested_by: principal }),
    successStatus: 201,
  }),
  route<GatewayDeps, undefined, SyncRunsQuery>({
    method: 'get', path: '/api/v1/sync/runs', summary: 'Sync runs, newest first, with progress', tag, access: readers,
    query: SyncRunsQuery,
    responses: { 200: { description: 'A page of runs', schema: SyncRunPageSchema }, 503: unavailable },
    handler: async ({ query }, deps) => ({ status: 200, body: await fromSync(deps, '/runs', query) }),
  }),
  route<GatewayDeps, z.infer<typeof SyncRunIdParams>>({
    method: 'get', path: '/api/v1/sync/runs/:id', summary: 'One sync run: pages done and total, deliveries/s, ETA', tag, access: readers,
    params: SyncRunIdParams,
    responses: { 200: { description: 'The run', schema: SyncRunSchema }, 404: { description: 'No such run', schema: ProblemSchema }, 503: unavailable },
    handler: async ({ params }, deps) => ({ status: 200, body: await fromSync(deps, `/runs/${params.id}`) }),
  }),
  route<GatewayDeps, undefined, QuarantineQuery>({
    method: 'get', path: '/api/v1/sync/quarantine', summary: 'Deliveries that could not be normalized, with the reason', tag, access: readers,
    query: QuarantineQuery,
    responses: { 200: { description: 'A page of quarantined deliveries', schema: QuarantinePageSchema }, 503: unavailable },
    handler: async ({ query }, deps) => ({ status: 200, body: await fromSync(deps, '/quarantine', query) }),
  }),
];
