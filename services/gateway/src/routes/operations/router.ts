import { z } from 'zod';
import { AppError } from '@hvar/platform';
import type { GatewayDeps } from '../../deps.js';
import { ROLES } from '../../domain/roles.js';
import { principalRef } from '../../http/auth.js';
import { ProblemSchema, problem } from '../../http/problem.js';
import { route } from '../../http/route.js';
import { IdParams } from '../common.js';

const OperationSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['pending', 'completed', 'failed']),
    queue: z.string(),
    job: z.string(),
    created_at: z.iso.datetime(),
    finished_at: z.iso.datetime().nullable(),
    result: z.unknown().optional(),
    error: ProblemSchema.optional(),
  })
  .meta({ id: 'Operation' });

/** Polling a command that answered 202. */
export const operationRoutes = [
  route<GatewayDeps, z.infer<typeof IdParams>>({
    method: 'get', path: '/api/v1/operations/:id', summary: 'State of a command (after a 202)', tag: 'Operations', access: ROLES,
    params: IdParams,
    responses: { 200: { description: 'The operation', schema: OperationSchema }, 404: { description: 'Unknown operation', schema: ProblemSchema } },
    handler: async ({ params, principal }, { repo, commands }) => {
      const op = await repo.getOperation(params.id);
      // Someone else's operation is reported as missing, not forbidden: ids are not to be probed.
      if (!op || !principal || (principal.role !== 'admin' && op.principal !== principalRef(principal))) {
        throw new AppError('not_found', `No operation ${params.id}.`);
      }
      const outcome = await commands.poll(op);
      const fresh = (await repo.getOperation(op.id)) ?? op;
      return {
        status: 200,
        body: {
          id: op.id,
          status: outcome.status,
          queue: op.queue,
          job: op.job_name,
          created_at: op.created_at.toISOString(),
          finished_at: fresh.finished_at?.toISOString() ?? null,
          result: outcome.status === 'completed' ? outcome.result : undefined,
          error: outcome.status === 'failed' ? problem(outcome.error.type, outcome.error.message, { errors: outcome.error.options.errors }) : undefined,
        },
      };
    },
  }),
];
