import express, { type Express } from 'express';
import type { Queue } from 'bullmq';
import { type Database, type Logger, problemMiddleware } from '@hvar/platform';
import { orderRoutes } from './read/orders.routes.js';
import { statusRoutes } from './read/status.routes.js';

/** Dependencies of the hierarchy's internal read API. */
export interface ReadApiDeps {
  database: Database;
  log: Logger;
  /** The hierarchy queue, for the status page's waiting jobs (optional). */
  queue?: Queue;
}

/**
 * Mounts the internal read API (GET only, JSON) on the service's internal HTTP app: family trees,
 * subs of a main, main of a sub, link history, a customer's families, processing status, analytics
 * and detection runs. Parameters are validated with the contract schemas (`@hvar/contracts` http);
 * errors are problem+json the gateway passes through.
 */
export function mountReadApi(app: Express, deps: ReadApiDeps): void {
  const router = express.Router();
  orderRoutes(router, deps.database);
  statusRoutes(router, deps.database, deps.queue);
  router.use(problemMiddleware(deps.log));
  app.use(router);
}
