import { z } from 'zod';
import { AppError } from '@hvar/platform';
import type { GatewayDeps } from '../../deps.js';
import { hashPassword, newOneTimePassword } from '../../domain/secrets.js';
import { route } from '../../http/route.js';
import { ProblemSchema } from '../../http/problem.js';
import { IdParams, PageQuery, PageSchema, decodeCursor, page } from '../common.js';
import { CreateUserBody, UpdateUserBody, UserSchema, toUser } from './validators.js';

const tag = 'Users';
const admin = ['admin'] as const;

/** Admin management of console users. */
export const userRoutes = [
  route<GatewayDeps, undefined, z.infer<typeof PageQuery>>({
    method: 'get', path: '/api/v1/users', summary: 'List users', tag, access: admin, query: PageQuery,
    responses: { 200: { description: 'A page of users', schema: PageSchema(UserSchema) } },
    handler: async ({ query }, { repo }) => {
      const rows = await repo.listUsers(query.limit + 1, decodeCursor(query.cursor));
      return { status: 200, body: page(rows, query.limit, toUser) };
    },
  }),
  route<GatewayDeps, undefined, undefined, z.infer<typeof CreateUserBody>>({
    method: 'post', path: '/api/v1/users', summary: 'Create a user', tag, access: admin, body: CreateUserBody,
    responses: {
      201: { description: 'Created; `one_time_password` only when no password was given', schema: UserSchema.extend({ one_time_password: z.string().optional() }) },
      409: { description: 'Email already used', schema: ProblemSchema },
    },
    handler: async ({ body }, { repo }) => {
      const oneTime = body.password ? undefined : newOneTimePassword();
      const row = await repo.createUser({
        email: body.email, name: body.name, role: body.role,
        password_hash: await hashPassword(body.password ?? oneTime ?? ''),
        must_change_password: oneTime !== undefined,
      });
      if (!row) throw new AppError('conflict', `A user with email ${body.email} already exists.`, { code: 'email_taken' });
      return { status: 201, headers: { location: `/api/v1/users/${row.id}` }, body: { ...toUser(row), one_time_password: oneTime } };
    },
  }),
  route<GatewayDeps, z.infer<typeof IdParams>>({
    method: 'get', path: '/api/v1/users/:id', summary: 'Get a user', tag, access: admin, params: IdParams,
    responses: { 200: { description: 'The user', schema: UserSchema }, 404: { description: 'No such user', schema: ProblemSchema } },
    handler: async ({ params }, { repo }) => {
      const row = await repo.getUser(params.id);
      if (!row) throw new AppError('not_found', `No user ${params.id}.`);
      return { status: 200, body: toUser(row) };
    },
  }),
  route<GatewayDeps, z.infer<typeof IdParams>, undefined, z.infer<typeof UpdateUserBody>>({
    method: 'patch', path: '/api/v1/users/:id', summary: 'Change a user (name, role, disabled, password)', tag, access: admin,
    params: IdParams, body: UpdateUserBody,
    responses: { 200: { description: 'The user', schema: UserSchema }, 404: { description: 'No such user', schema: ProblemSchema } },
    handler: async ({ params, body }, { repo, principals }) => {
      const row = await repo.updateUser(params.id, {
        name: body.name, role: body.role,
        disabled_at: body.disabled === undefined ? undefined : body.disabled ? new Date() : null,
        ...(body.password ? { password_hash: await hashPassword(body.password), must_change_password: true } : {}),
      });
      if (!row) throw new AppError('not_found', `No user ${params.id}.`);
      // Disabling, a role change or a password reset ends the user's sessions.
      if (body.disabled || body.role || body.password) await repo.deleteUserSessions(row.id);
      // Any change (a new name too) shows at once, on every gateway instance.
      await principals.forget({ kind: 'user', id: row.id });
      return { status: 200, body: toUser(row) };
    },
  }),
  route<GatewayDeps, z.infer<typeof IdParams>>({
    method: 'delete', path: '/api/v1/users/:id', summary: 'Disable a user (kept for the audit trail)', tag, access: admin, params: IdParams,
    responses: { 204: { description: 'Disabled' }, 404: { description: 'No such user', schema: ProblemSchema } },
    handler: async ({ params }, { repo, principals }) => {
      const row = await repo.updateUser(params.id, { disabled_at: new Date() });
      if (!row) throw new AppError('not_found', `No user ${params.id}.`);
      await repo.deleteUserSessions(row.id);
      await principals.forget({ kind: 'user', id: row.id });
      return { status: 204 };
    },
  }),
];
