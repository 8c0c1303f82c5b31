import { randomUUID } from 'node:crypto';
import cookieParser from 'cookie-parser';
import express, { type Express, type RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { failSpan, withIncomingSpan } from '@hvar/platform';
import type { GatewayDeps, GatewaySetup } from './deps.js';
import { principalRef, resolvePrincipal } from './http/auth.js';
import { createPrincipalCache, type PrincipalCache } from './http/principal-cache.js';
import { createRegistryCache } from './http/service-client.js';
import { docsRouter } from './http/docs.js';
import { consoleRouter } from './http/console.js';
import { buildOpenApi } from './http/openapi.js';
import { TransportError, errorMiddleware, problem, sendProblem } from './http/problem.js';
import { queuesBoard } from './http/queues-board.js';
import { mountRoute, type AnyRoute } from './http/route.js';
import { apiRoutes } from './routes/index.js';
import { createWebhookIntake } from './routes/webhooks/router.js';
import { knownQueues, servicesHealth, systemReadiness } from './routes/system/status.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Request id from the client when sane, else a new one; echoed in `X-Request-Id`. */
const requestId: RequestHandler = (req, res, next) => {
  const given = req.headers['x-request-id'];
  res.setHeader('x-request-id', typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID());
  next();
};

/** One server span per request, continued from `traceparent` when the caller sent one. */
const tracing: RequestHandler = (req, res, next) => {
  withIncomingSpan(`${req.method} ${req.path}`, req.headers, (span) => {
    res.on('finish', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) failSpan(span, `HTTP ${res.statusCode}`);
      span.end();
    });
    next();
  });
};

/** Records who changed what (method, path, status; never bodies). */
function auditTrail(deps: GatewayDeps): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const started = Date.now();
    res.on('finish', () => {
      void deps.repo
        .audit({
          principal: req.principal ? principalRef(req.principal) : null,
          method: req.method,
          path: req.originalUrl.split('?')[0] ?? req.path,
          status: res.statusCode,
          request_id: String(res.getHeader('x-request-id') ?? ''),
          duration_ms: Date.now() - started,
        })
        .catch((err: unknown) => deps.log.warn({ err }, 'audit write failed'));
    });
    next();
  };
}

function problemLimiter(limit: number, windowMs: number, key: (req: express.Request) => string): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: key,
    handler: (_req, res) => sendProblem(res, problem('rate_limited', 'Too many requests; slow down and retry after the time in RateLimit headers.')),
  });
}

/** Everything the app exposes to `main.ts` and tests. */
export interface GatewayApp {
  app: Express;
  routes: AnyRoute<GatewayDeps>[];
  openapi: object;
  /** The credential cache (tests wait on `principals.listening`). */
  principals: PrincipalCache;
  close(): Promise<void>;
}

/**
 * Builds the gateway: request id → security headers → tracing → principal → rate limit → audit →
 * routes (each: access → JSON body → validation → handler) → one problem+json error middleware.
 * `extraRoutes` lets tests mount command routes on contracts of their own. The principal and registry
 * caches are built here and closed by `close()`.
 */
export function createGatewayApp(setup: GatewaySetup, extraRoutes: AnyRoute<GatewayDeps>[] = []): GatewayApp {
  const principals = createPrincipalCache({
    ttlMs: setup.config.AUTH_CACHE_TTL_MS, redisUrl: setup.config.REDIS_URL, redis: setup.redis, prefix: setup.prefix, log: setup.log,
  });
  const deps: GatewayDeps = { ...setup, principals, registry: createRegistryCache(setup.redis, setup.prefix, setup.config.REGISTRY_CACHE_MS) };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.TRUST_PROXY_HOPS);
  const clientKey = (req: express.Request): string => (req.principal ? principalRef(req.principal) : `ip-${ipKeyGenerator(req.ip ?? '')}`);
  const webhooks = createWebhookIntake(deps);
  const routes = [...apiRoutes(problemLimiter(deps.config.LOGIN_RATE_LIMIT, 15 * 60_000, (req) => `login-${ipKeyGenerator(req.ip ?? '')}`)), ...webhooks.routes, ...extraRoutes];
  const openapi = buildOpenApi(routes, deps.version);
  const board = queuesBoard({
    basePath: '/admin/queues', redis: deps.redis, prefix: deps.prefix,
    listQueueNames: async () => knownQueues(await servicesHealth(deps)),
  });

  app.use(requestId, tracing);
  app.use('/admin/queues', helmet({ contentSecurityPolicy: false }));
  app.use(helmet());
  app.use(cookieParser());
  app.use(resolvePrincipal(deps.repo, principals));

  app.get('/healthz', (_req, res) => res.json({ status: 'ok', service: 'gateway', version: deps.version }));
  app.get('/readyz', async (_req, res) => {
    const readiness = await systemReadiness(deps);
    res.status(readiness.ready ? 200 : 503).json(readiness);
  });
  app.get('/openapi.json', (_req, res) => res.json(openapi));
  app.use(docsRouter());
  app.use(consoleRouter(deps.config.CONSOLE_DIR));

  app.use('/admin/queues', adminGuard, board.refresh, board.router);

  // Webhooks sit outside the client rate limit and the audit log: Bosta sends bursts from few
  // addresses, the secret authenticates them, and the sync service records every call it applies.
  const hooks = express.Router();
  for (const r of webhooks.routes) mountRoute(hooks, r, deps);
  app.use(hooks);

  const api = express.Router();
  api.use(problemLimiter(deps.config.RATE_LIMIT_PER_MINUTE, 60_000, clientKey));
  api.use(auditTrail(deps));
  for (const r of routes) mountRoute(api, r, deps);
  api.use((req, _res, next) => next(new TransportError('route_not_found', `No route ${req.method} ${req.path}.`)));
  app.use(api);
  app.use(errorMiddleware(deps.log));

  return { app, routes, openapi, principals, close: async () => { await Promise.all([board.close(), webhooks.close(), principals.close()]); } };
}

/** bull-board is for admins only; others get the same problem+json answers as the API. */
const adminGuard: RequestHandler = (req, res, next) => {
  if (!req.principal) return sendProblem(res, problem('unauthorized', 'Sign in as an admin to see the queues.'));
  if (req.principal.role !== 'admin') return sendProblem(res, problem('not_allowed', 'Only admins may see the queues.'));
  next();
};
