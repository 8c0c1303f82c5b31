import express, { type Express } from 'express';
import { type Database, type Logger, problemMiddleware } from '@hvar/platform';
import type { SegmentSettings } from './deps.js';
import { actionRoutes } from './read/actions.routes.js';
import { customerRoutes } from './read/customers.routes.js';

/** Dependencies of the internal read API. */
export interface ReadApiDeps {
  database: Database;
  log: Logger;
  segments: SegmentSettings;
  now: () => Date;
}

/**
 * Mounts the internal read API (GET only, JSON): customers (list with filters, one, stats,
 * analytics, interactions, segment history) and service actions (list, one with transitions, by
 * order family, analytics, dashboard). Parameters are validated with the contract schemas; errors
 * are problem+json the gateway passes through.
 */
export function mountReadApi(app: Express, deps: ReadApiDeps): void {
  const router = express.Router();
  customerRoutes(router, deps);
  actionRoutes(router, deps);
  router.use(problemMiddleware(deps.log));
  app.use(router);
}
