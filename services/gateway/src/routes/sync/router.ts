import {
  QuarantinePageSchema, QuarantineQuery, StartSyncRunBody, SyncRunIdParams, SyncRunPageSchema, SyncRunSchema, SyncRunsQuery, SyncServiceStatusSchema, SyncStatusSchema,
  syncQueue, type SyncStatus,
} from '@hvar/contracts';
import { AppError } from '@hvar/platform';
import type { z } from 'zod';
import { commandRoute } from '../../commands/command-route.js';
import type { GatewayDeps } from '../../deps.js';
import { ProblemSchema } from '../../http/problem.js';
import { route, type AnyRoute, type ResponseSpec } from '../../http/route.js';
import { forwardGet, serviceClient, type ForwardQuery } from '../../http/service-client.js';

const readers = ['agent', 'viewer', 'team_leader'] as const;
const tag = 'Sync';
const unavailable: ResponseSpec = { description: 'The sync service is not available', schema: ProblemSchema };

function fromSync(deps: GatewayDeps, path: string, query?: ForwardQuery) {
  return forwardGet(serviceClient(deps), 'sync', path, query);
}

/** The sync service's freshness with the lag since its newest webhook, measured at this gateway's clock (the one that stamped `received_at`). */
async function syncStatus(deps: GatewayDeps): Promise<SyncStatus> {
  const parsed = SyncServiceStatusSchema.safeParse(await fromSync(deps, '/status'));
  if (!parsed.success) throw new AppError('dependency_unavailable', 'The sync service answered its status in an unexpected shape.');
  const now = Date.now();
  const last = parsed.data.last_webhook_at;
  const lag = last === null ? null : Math.max(0, Math.floor((now - Date.parse(last)) / 1000));
  return { ...parsed.data, lag_seconds: lag, now: new Date(now).toISOString() };
}

/** Sync runs (start: command to the sync queue; progress: read API), quarantined deliveries and freshness. */
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
  route<GatewayDeps>({
    method: 'get', path: '/api/v1/sync/status', summary: 'Freshness: the newest webhook and the lag since it, webhooks in the last hour, the last completed run', tag, access: readers,
    responses: { 200: { description: 'The sync status', schema: SyncStatusSchema }, 503: unavailable },
    handler: async (_req, deps) => ({ status: 200, body: await syncStatus(deps) }),
  }),
];
