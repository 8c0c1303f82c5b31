import express, { type Express } from 'express';
import { type Database, type Logger, problemMiddleware } from '@hvar/platform';
import { workflowRoutes } from './read/workflows.routes.js';

/** Dependencies of the internal read API. */
export interface ReadApiDeps {
  database: Database;
  log: Logger;
}

/**
 * Mounts the internal read API (GET only, JSON): workflows (list with filters, one by id or return
 * tracking number) and hub analytics. Parameters are validated with the contract schemas; errors are
 * problem+json the gateway passes through.
 */
export function mountReadApi(app: Express, deps: ReadApiDeps): void {
  const router = express.Router();
  workflowRoutes(router, deps);
  router.use(problemMiddleware(deps.log));
  app.use(router);
}
