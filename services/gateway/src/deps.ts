import type { Database, Logger, Runtime } from '@hvar/platform';
import type { Redis } from 'ioredis';
import type { CommandBus } from './commands/command-bus.js';
import type { GatewayConfig } from './config.js';
import type { GatewayRepo } from './db/repo.js';
import type { PrincipalCache } from './http/principal-cache.js';
import type { RegistryCache } from './http/service-client.js';

/** What the gateway is built from. Made once in `main.ts` (or by a test). */
export interface GatewaySetup {
  config: GatewayConfig;
  log: Logger;
  repo: GatewayRepo;
  database: Database;
  redis: Redis;
  prefix: string;
  commands: CommandBus;
  version: string;
  runtime?: Runtime;
}

/** What route handlers may use: the setup plus the caches `createGatewayApp` builds (and closes). */
export interface GatewayDeps extends GatewaySetup {
  /** Credential lookups; a route that ends or changes a credential calls `principals.forget`. */
  principals: PrincipalCache;
  /** The service registry as forwarded reads see it (`serviceClient(deps)`). */
  registry: RegistryCache;
}
