import type { Database, Logger, Runtime } from '@hvar/platform';
import type { Redis } from 'ioredis';
import type { CommandBus } from './commands/command-bus.js';
import type { GatewayConfig } from './config.js';
import type { GatewayRepo } from './db/repo.js';

/** What route handlers may use. Built once in `main.ts` (or by a test). */
export interface GatewayDeps {
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
