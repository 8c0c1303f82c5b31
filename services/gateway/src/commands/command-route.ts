import type { JobName, JobPayloadInput, QueueContract } from '@hvar/contracts';
import { AppError } from '@hvar/platform';
import { z } from 'zod';
import { principalRef, type Principal } from '../http/auth.js';
import { ProblemSchema } from '../http/problem.js';
import type { Reply, RouteDef } from '../http/route.js';
import type { Access } from '../domain/roles.js';
import type { CommandBus } from './command-bus.js';

/** Header that makes a command safe to retry. */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z.string().regex(/^[A-Za-z0-9_.-]{8,200}$/).optional().meta({
    description: 'Client-chosen key (8-200 of A-Z a-z 0-9 _ . -). Repeating a request with the same key returns the first result.',
  }),
});

/** The 202 answer: the command is queued and will run; poll the operation. */
export const AcceptedSchema = z
  .object({ operation_id: z.uuid(), status: z.literal('pending'), location: z.string() })
  .meta({ id: 'OperationAccepted' });

/** Deps a command route needs. */
export interface CommandDeps {
  commands: CommandBus;
}

/**
 * Declares a `POST` (or `PUT`) route that runs a command in the owning service: validates the body,
 * maps it to the job payload, enqueues, and answers with the job's result, its error, or 202.
 */
export function commandRoute<D extends CommandDeps, Q extends QueueContract, N extends JobName<Q>, P, B>(def: {
  method?: 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  access: Access;
  contract: Q;
  job: N;
  params?: z.ZodType<P>;
  body: z.ZodType<B>;
  /**
   * `principal` is the caller's stable reference (`key-<id>` / `user-<id>`), for payloads that record
   * who asked; `who` is the caller itself (e.g. to tell an API key from a signed-in user).
   */
  toPayload: (body: B, params: P, principal: string, who: Principal | undefined) => JobPayloadInput<Q, N>;
  successStatus?: 200 | 201;
  /** The owning service's refusals (status → when), documented beside 400 in the OpenAPI description. */
  refusals?: Partial<Record<404 | 409 | 422, string>>;
}): RouteDef<D, P, undefined, B> {
  const success = def.successStatus ?? 200;
  const refusals = Object.fromEntries(Object.entries(def.refusals ?? {}).map(([status, description]) => [status, { description, schema: ProblemSchema }]));
  return {
    method: def.method ?? 'post',
    path: def.path,
    summary: def.summary,
    tag: def.tag,
    access: def.access,
    params: def.params,
    body: def.body,
    headers: IdempotencyHeaders,
    responses: {
      [success]: { description: 'Done', schema: def.contract.jobs[def.job]?.result },
      202: { description: 'Accepted; poll the operation at Location', schema: AcceptedSchema },
      400: { description: 'Invalid input', schema: ProblemSchema },
      ...refusals,
    },
    handler: async (req, deps): Promise<Reply> => {
      const principal = req.principal ? principalRef(req.principal) : 'anonymous';
      const header = IdempotencyHeaders.safeParse({ 'idempotency-key': req.headers['idempotency-key'] });
      if (!header.success) {
        throw new AppError('invalid_data', 'Idempotency-Key must be 8-200 characters of A-Z a-z 0-9 _ . -', {
          errors: [{ path: 'headers.idempotency-key', message: 'invalid format' }],
        });
      }
      const key = header.data['idempotency-key'];
      const outcome = await deps.commands.execute({
        contract: def.contract,
        job: def.job,
        payload: def.toPayload(req.body, req.params, principal, req.principal),
        principal,
        idempotencyKey: key,
        requestFingerprint: `${req.method} ${req.path}\n${JSON.stringify(req.body)}`,
      });
      const location = `/api/v1/operations/${outcome.operationId}`;
      if (outcome.status === 'failed') throw outcome.error;
      if (outcome.status === 'pending') {
        return { status: 202, headers: { location }, body: { operation_id: outcome.operationId, status: 'pending', location } };
      }
      return { status: success, headers: { 'x-operation-id': outcome.operationId }, body: outcome.result };
    },
  };
}
