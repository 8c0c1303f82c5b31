import { z } from 'zod';
import { AppError } from '@hvar/platform';
import type { GatewayDeps } from '../../deps.js';
import { Role } from '../../domain/roles.js';
import { newApiKey, sha256 } from '../../domain/secrets.js';
import { principalRef } from '../../http/auth.js';
import { ProblemSchema } from '../../http/problem.js';
import { route } from '../../http/route.js';
import type { ApiKeyRow } from '../../db/repo.js';
import { IdParams, PageQuery, PageSchema, decodeCursor, page } from '../common.js';

const tag = 'API keys';
const admin = ['admin'] as const;

const ApiKeySchema = z
  .object({
    id: z.uuid(), name: z.string(), role: Role, key_prefix: z.string(), created_by: z.string(),
    created_at: z.iso.datetime(), last_used_at: z.iso.datetime().nullable(), revoked: z.boolean(),
  })
  .meta({ id: 'ApiKey' });

const CreateApiKeyBody = z.strictObject({ name: z.string().trim().min(1).max(100), role: Role });

function toApiKey(row: ApiKeyRow): z.infer<typeof ApiKeySchema> {
  return {
    id: row.id, name: row.name, role: row.role, key_prefix: row.key_prefix, created_by: row.created_by,
    created_at: row.created_at.toISOString(), last_used_at: row.last_used_at?.toISOString() ?? null, revoked: row.revoked_at !== null,
  };
}

/** Admin management of API keys (machines: merchant systems, scripts). */
export const apiKeyRoutes = [
  route<GatewayDeps, undefined, z.infer<typeof PageQuery>>({
    method: 'get', path: '/api/v1/api-keys', summary: 'List API keys', tag, access: admin, query: PageQuery,
    responses: { 200: { description: 'A page of keys (never the keys themselves)', schema: PageSchema(ApiKeySchema) } },
    handler: async ({ query }, { repo }) => {
      const rows = await repo.listApiKeys(query.limit + 1, decodeCursor(query.cursor));
      return { status: 200, body: page(rows, query.limit, toApiKey) };
    },
  }),
  route<GatewayDeps, undefined, undefined, z.infer<typeof CreateApiKeyBody>>({
    method: 'post', path: '/api/v1/api-keys', summary: 'Create an API key (shown once)', tag, access: admin, body: CreateApiKeyBody,
    responses: { 201: { description: 'Created; `key` is shown only now', schema: ApiKeySchema.extend({ key: z.string() }) } },
    handler: async ({ body, principal }, { repo, principals }) => {
      const key = newApiKey();
      const row = await repo.createApiKey({
        name: body.name, role: body.role, key_hash: sha256(key), key_prefix: key.slice(0, 12),
        created_by: principal ? principalRef(principal) : 'system',
      });
      // A key remembered as unknown must work at once.
      await principals.forget({ kind: 'key', hash: row.key_hash });
      return { status: 201, headers: { location: `/api/v1/api-keys/${row.id}` }, body: { ...toApiKey(row), key } };
    },
  }),
  route<GatewayDeps, z.infer<typeof IdParams>>({
    method: 'delete', path: '/api/v1/api-keys/:id', summary: 'Revoke an API key', tag, access: admin, params: IdParams,
    responses: { 204: { description: 'Revoked' }, 404: { description: 'No such key', schema: ProblemSchema } },
    handler: async ({ params }, { repo, principals }) => {
      const row = await repo.revokeApiKey(params.id);
      if (!row) throw new AppError('not_found', `No API key ${params.id}.`);
      await principals.forget({ kind: 'key', hash: row.key_hash });
      return { status: 204 };
    },
  }),
];
