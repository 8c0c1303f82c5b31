import express, { type Express } from 'express';
import { adminRouter, type AdminDeps } from './http/admin.routes.js';
import { deliveriesRouter } from './http/deliveries.routes.js';
import { bostaErrorHandler, sendError } from './http/envelope.js';
import { authGuard, faultGuard } from './http/guards.js';
import { publicRouter, referenceRouter } from './http/reference.routes.js';
import { SimApiError } from './domain/errors.js';
import type { KeyScope, Simulator } from './sim.js';

/** Service version reported by /healthz. */
export const VERSION = '0.1.0';

/**
 * The simulator's HTTP app: Bosta's API under `/api/v2` (faults, then auth, then routes), the
 * admin API under `/__sim`, and `/healthz` + `/readyz` for the supervisor.
 */
export function createSimulatorApp(sim: Simulator, deps: Omit<AdminDeps, 'tokens'>): Express {
  const tokens = new Map<string, KeyScope>();
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'extended');
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok', service: 'bosta-sim', version: VERSION, uptime_s: Math.round(process.uptime()) }));
  app.get('/readyz', (_req, res) => void res.json({ service: 'bosta-sim', version: VERSION, ready: true, checks: { store: { ok: true, deliveries: sim.store.size } } }));

  const json = express.json({ limit: '20mb' });
  const api = express.Router();
  api.use(faultGuard(sim));
  api.use(json);
  api.use(publicRouter(sim, tokens));
  api.use(authGuard(sim, tokens));
  api.use(deliveriesRouter(sim));
  api.use(referenceRouter(sim));
  api.use((req, res) => sendError(res, new SimApiError(404, 404, `Cannot ${req.method} ${req.originalUrl}`)));
  api.use(bostaErrorHandler(sim.opts.log));
  app.use('/api/v2', api);

  app.use('/__sim', json, adminRouter(sim, { ...deps, tokens }));
  app.use((req, res) => void res.status(404).json({ error: `Cannot ${req.method} ${req.path}` }));
  app.use(bostaErrorHandler(sim.opts.log));
  return app;
}
