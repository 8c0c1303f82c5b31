import express, { type Express } from 'express';
import { type Database, type Logger, problemMiddleware } from '@hvar/platform';
import type { BostaPort, LegSettings } from './deps.js';
import { legRoutes } from './read/legs.routes.js';

/** Dependencies of the internal read API. */
export interface ReadApiDeps {
  database: Database;
  log: Logger;
  bosta: Pick<BostaPort, 'massAwb'>;
  awb: LegSettings['awb'];
}

/**
 * Mounts the internal read API (GET only): legs (list with filters, one with its history) as JSON,
 * and a leg's airway bill as PDF. Parameters are validated with the contract schemas; errors are
 * problem+json the gateway passes through.
 */
export function mountReadApi(app: Express, deps: ReadApiDeps): void {
  const router = express.Router();
  legRoutes(router, deps);
  router.use(problemMiddleware(deps.log));
  app.use(router);
}
