import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ProblemSchema } from './problem.js';
import { openApiPath, type AnyRoute } from './route.js';

/**
 * Builds the OpenAPI 3.1 description from the route table: the same zod schemas validate requests
 * and document them, so the description cannot drift from the behaviour.
 */
export function buildOpenApi<D>(routes: AnyRoute<D>[], version: string): object {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'apiKey', { type: 'http', scheme: 'bearer', description: 'API key: `Authorization: Bearer hvar_…`' });
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'hvar_session' });
  for (const r of routes) {
    const secured = r.access !== 'public';
    registry.registerPath({
      method: r.method,
      path: openApiPath(r.path),
      summary: r.summary,
      tags: [r.tag],
      description: secured ? `Roles: ${r.access === 'public' ? 'public' : ['admin', ...r.access.filter((x) => x !== 'admin')].join(', ')}` : 'Public.',
      security: secured ? [{ apiKey: [] }, { session: [] }] : [],
      request: {
        params: r.params as z.ZodObject | undefined,
        query: r.query as z.ZodObject | undefined,
        headers: r.headers,
        body: r.body ? { required: true, content: { 'application/json': { schema: r.body } } } : undefined,
      },
      responses: {
        ...Object.fromEntries(
          Object.entries(r.responses).map(([status, spec]) => [
            status,
            spec.schema ? { description: spec.description, content: { [Number(status) >= 400 ? 'application/problem+json' : 'application/json']: { schema: spec.schema } } } : { description: spec.description },
          ]),
        ),
        ...(secured ? { 401: problemResponse('No or invalid credentials'), 403: problemResponse('Role not allowed') } : {}),
        ...(r.body || r.query || r.params ? { 400: problemResponse('Invalid input') } : {}),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'HVAR Cycle API',
      version,
      description: 'After-sales and order lifecycle for merchants shipping through Bosta. Errors are RFC 9457 problem details.',
    },
    servers: [{ url: '/' }],
  });
}

function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: ProblemSchema } } };
}
