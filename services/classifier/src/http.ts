import express, { type Express } from 'express';
import { type Database, type Logger, problemMiddleware } from '@hvar/platform';
import { classifierRoutes } from './read/classifier.routes.js';

/** Dependencies of the classifier's internal read API. */
export interface ReadApiDeps {
  database: Database;
  log: Logger;
}

/**
 * Mounts the internal read API (GET only, JSON) on the service's internal HTTP app. Parameters are
 * validated with the contract schemas the gateway uses (`@hvar/contracts` http/classification);
 * errors are problem+json the gateway passes through.
 */
export function mountReadApi(app: Express, deps: ReadApiDeps): void {
  const router = express.Router();
  classifierRoutes(router, deps.database);
  router.use(problemMiddleware(deps.log));
  app.use(router);
}
