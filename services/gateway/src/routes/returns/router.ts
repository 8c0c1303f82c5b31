import { ReturnIdParams, ReturnLegPageSchema, ReturnLegSchema, ReturnsQuery } from '@hvar/contracts';
import type { z } from 'zod';
import type { GatewayDeps } from '../../deps.js';
import { ProblemSchema } from '../../http/problem.js';
import { route, type AnyRoute, type ResponseSpec } from '../../http/route.js';
import { forwardGet, forwardGetBinary, serviceClient, type ForwardQuery } from '../../http/service-client.js';
import { seg } from '../order-ref.js';

/** Roles that read returns (agents follow their cases, the hub expects the parcels). */
const readers = ['agent', 'team_leader', 'hub_agent', 'viewer'] as const;
/** Roles that print airway bills. */
const printers = ['agent', 'team_leader', 'hub_agent'] as const;
const tag = 'Returns';
const unavailable: ResponseSpec = { description: 'The returns service (or Bosta, for an airway bill) is not available', schema: ProblemSchema };
const notFound: ResponseSpec = { description: 'No such return', schema: ProblemSchema };
const invalid: ResponseSpec = { description: 'Invalid id or query', schema: ProblemSchema };

type IdParams = z.infer<typeof ReturnIdParams>;

/** Forwards a read to the returns service's internal API. */
function fromReturns(deps: GatewayDeps, path: string, query?: ForwardQuery) {
  return forwardGet(serviceClient(deps), 'returns', path, query);
}

/**
 * Return pickups and outbound deliveries (domain.md §7), read from the returns service: the list
 * with filters, one leg with its history, and its Bosta airway bill (PDF) for printing.
 */
export const returnRoutes: AnyRoute<GatewayDeps>[] = [
  route<GatewayDeps, undefined, z.infer<typeof ReturnsQuery>>({
    method: 'get', path: '/api/v1/returns', summary: 'Return pickups and outbound deliveries (filters: action, status, leg, tracking number), newest first', tag,
    access: readers, query: ReturnsQuery,
    responses: { 200: { description: 'A page of legs', schema: ReturnLegPageSchema }, 400: invalid, 503: unavailable },
    handler: async ({ query }, deps) => ({ status: 200, body: await fromReturns(deps, '/returns', query) }),
  }),
  route<GatewayDeps, IdParams>({
    method: 'get', path: '/api/v1/returns/:id', summary: 'One return pickup or outbound delivery (by id or tracking number), with its history', tag,
    access: readers, params: ReturnIdParams,
    responses: { 200: { description: 'The leg', schema: ReturnLegSchema }, 400: invalid, 404: notFound, 503: unavailable },
    handler: async ({ params }, deps) => ({ status: 200, body: await fromReturns(deps, `/returns/${seg(params.id)}`) }),
  }),
  route<GatewayDeps, IdParams>({
    method: 'get', path: '/api/v1/returns/:id/awb', summary: "The Bosta airway bill (PDF) of a leg's delivery, for printing", tag,
    access: printers, params: ReturnIdParams,
    responses: {
      200: { description: 'The airway bill (application/pdf)' }, 400: invalid, 404: notFound,
      409: { description: 'The leg has no Bosta delivery yet', schema: ProblemSchema }, 503: unavailable,
    },
    handler: async ({ params }, deps) => {
      const pdf = await forwardGetBinary(serviceClient(deps), 'returns', `/returns/${seg(params.id)}/awb`);
      return { status: 200, body: pdf.bytes, headers: { 'content-type': pdf.contentType, 'content-disposition': `inline; filename="awb-${params.id}.pdf"` } };
    },
  }),
];
