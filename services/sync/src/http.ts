import express, { type Express } from 'express';
import { type Database, type Logger, problemMiddleware } from '@hvar/platform';
import { orderRoutes } from './read/orders.routes.js';
import { syncRoutes } from './read/sync.routes.js';

/** Dependencies of the sync service's internal read API. */
export interface ReadApiDeps {
  database: Database;
  log: Logger;
}

/**
 * Mounts the internal read API (GET only, JSON) on the service's internal HTTP app: orders with
 * filters, sort and cursor pagination, single orders, stats, state analysis, timelines, sync runs,
 * quarantine and freshness (newest webhook, last completed run). Query and path parameters are validated with the same contract schemas the gateway
 * uses (`@hvar/contracts` http); errors are problem+json the gateway passes through.
 */
export function mountReadApi(app: Express, deps: ReadApiDeps): void {
  const router = express.Router();
  orderRoutes(router, deps.database);
  syncRoutes(router, deps.database);
  router.use(problemMiddleware(deps.log));
  app.use(router);
}
