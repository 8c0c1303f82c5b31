import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import { AppError } from '@hvar/platform';
import { isAllowed, type Access } from '../domain/roles.js';
import type { Principal } from './auth.js';
import { fieldErrors, TransportError } from './problem.js';

/** What a handler answers; the route sends it (handlers never touch `res`). */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  cookies?: { name: string; value: string; options: express.CookieOptions }[];
  clearCookies?: string[];
}

/** A request after authentication and validation. */
export interface Validated<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal | undefined;
  requestId: string;
  headers: Request['headers'];
  ip: string | undefined;
  method: string;
  path: string;
}

/** A response a route documents. */
export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
}

/** One public route: everything needed to serve it, check its roles, and document it. */
export interface RouteDef<Deps, P = unknown, Q = unknown, B = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path, e.g. `/api/v1/users/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Extra request headers to document (e.g. Idempotency-Key). */
  headers?: z.ZodObject;
  responses: Record<number, ResponseSpec>;
  /** Extra middleware run after the access check (e.g. a stricter rate limit). */
  before?: RequestHandler[];
  handler: (req: Validated<P, Q, B>, deps: Deps) => Promise<Reply>;
}

/** Type helper: declares a route with inferred param/query/body types. */
export function route<Deps, P = undefined, Q = undefined, B = undefined>(def: RouteDef<Deps, P, Q, B>): RouteDef<Deps, P, Q, B> {
  return def;
}

/** A route of any shape (for registries). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: handlers of all shapes live in one list
export type AnyRoute<Deps> = RouteDef<Deps, any, any, any>;

const MAX_BODY = '1mb';
const jsonParser = express.json({ limit: MAX_BODY, type: ['application/json', 'application/*+json'], strict: true });

/** 401 without credentials, 403 with a role the route does not list. */
function accessCheck(access: Access): RequestHandler {
  return (req, _res, next) => {
    if (access === 'public') return next();
    const principal = req.principal;
    if (!principal) return next(new AppError('unauthorized', 'Credentials required: an API key (Authorization: Bearer) or a session.'));
    if (!isAllowed(principal.role, access)) {
      return next(new AppError('not_allowed', `Role ${principal.role} may not call this route (allowed: ${access.join(', ')}).`));
    }
    next();
  };
}

/** Bodies are JSON only: anything else is 415, before a byte of it is parsed. */
const requireJson: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is(['application/json', 'application/*+json'])) {
    return next(new TransportError('unsupported_media_type', 'Send the body as application/json.'));
  }
  next();
};

function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, root: string, present: boolean): T {
  if (!schema) {
    if (root === 'body' && present) throw new AppError('invalid_data', 'This route takes no body.', { errors: [{ path: 'body', message: 'unexpected body' }] });
    return undefined as T;
  }
  const parsed = schema.safeParse(value ?? (root === 'body' ? undefined : {}));
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, root);
    throw new AppError('invalid_data', `Invalid ${root}: ${errors.slice(0, 3).map((e) => `${e.path} ${e.message}`).join('; ')}`, { errors });
  }
  return parsed.data;
}

/** Adds a route to an express router: access → JSON-only body → parse → validate → handler → reply. */
export function mountRoute<Deps>(router: Router, def: AnyRoute<Deps>, deps: Deps): void {
  // A DELETE takes a JSON body only when it declares one (e.g. the reason of a cancellation).
  const hasBodyMethod = def.method !== 'get' && (def.method !== 'delete' || def.body !== undefined);
  const chain: RequestHandler[] = [accessCheck(def.access), ...(def.before ?? [])];
  if (hasBodyMethod) chain.push(requireJson, jsonParser);
  chain.push((req: Request, res: Response, next: NextFunction) => {
    handle(def, req, res, deps).catch(next);
  });
  router[def.method](def.path, ...chain);
}

async function handle<Deps>(def: AnyRoute<Deps>, req: Request, res: Response, deps: Deps): Promise<void> {
  const validated: Validated<unknown, unknown, unknown> = {
    params: parsePart(def.params, req.params, 'params', false),
    query: parsePart(def.query, req.query, 'query', false),
    body: parsePart(def.body, req.body, 'body', req.body !== undefined),
    principal: req.principal,
    requestId: String(res.getHeader('x-request-id') ?? ''),
    headers: req.headers,
    ip: req.ip,
    method: req.method,
    path: req.path,
  };
  const reply = await def.handler(validated, deps);
  for (const name of reply.clearCookies ?? []) res.clearCookie(name, { path: '/' });
  for (const c of reply.cookies ?? []) res.cookie(c.name, c.value, c.options);
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  if (reply.body === undefined) res.status(reply.status).end();
  // Bytes (e.g. a PDF) are sent as they are, with the content type the handler set in `headers`.
  else if (Buffer.isBuffer(reply.body)) res.status(reply.status).send(reply.body);
  else res.status(reply.status).json(reply.body);
}

/** `/api/v1/users/:id` → `/api/v1/users/{id}` (OpenAPI form). */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, '{$1}');
}
