import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, createDatabase, createLogger, createRedis, listen, type Database } from '@hvar/platform';
import type { Redis } from 'ioredis';
import { sql } from 'drizzle-orm';
import { createGatewayApp, type GatewayApp } from '../src/app.js';
import { bootstrapAdmin } from '../src/bootstrap-admin.js';
import { createCommandBus, type CommandBus } from '../src/commands/command-bus.js';
import { loadGatewayConfig, type GatewayConfig } from '../src/config.js';
import { createGatewayRepo, type GatewayRepo } from '../src/db/repo.js';
import { migrateGateway } from '../src/db/migrate.js';
import type { GatewayDeps, GatewaySetup } from '../src/deps.js';
import type { Role } from '../src/domain/roles.js';
import type { AnyRoute } from '../src/http/route.js';

/** A running gateway on a random port, against the real test Redis and PostgreSQL. */
export interface TestGateway {
  url: string;
  adminKey: string;
  prefix: string;
  config: GatewayConfig;
  database: Database;
  redis: Redis;
  repo: GatewayRepo;
  commands: CommandBus;
  gateway: GatewayApp;
  /** Sends a request; `key` is sent as a bearer token. */
  request(method: string, path: string, init?: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<Response>;
  /** Creates an API key with a role through the admin API and returns it. */
  keyFor(role: Role): Promise<string>;
  close(): Promise<void>;
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with \`npm test\`, which starts Redis and PostgreSQL`);
  return value;
}

/** Empties the gateway's tables so each test file starts from nothing. */
export async function resetGatewaySchema(database: Database): Promise<void> {
  await database.db.execute(sql`truncate gateway.sessions, gateway.api_keys, gateway.operations, gateway.audit_log, gateway.users cascade`);
}

/**
 * Starts a gateway for tests, on an emptied gateway schema. `env` overrides config; `extraRoutes`
 * mounts test-only routes; `replicaOf` starts another instance of that gateway (same queue prefix,
 * database and admin key; the schema is left as it is).
 */
export async function startTestGateway(opts: { env?: Record<string, string>; extraRoutes?: (deps: GatewaySetup) => AnyRoute<GatewayDeps>[]; adminKey?: string | null; replicaOf?: TestGateway } = {}): Promise<TestGateway> {
  const prefix = opts.replicaOf?.prefix ?? `t${randomUUID().slice(0, 8)}`;
  const adminKey = opts.replicaOf ? opts.replicaOf.adminKey || undefined
    : opts.adminKey === null ? undefined : (opts.adminKey ?? `test-admin-${randomBytes(16).toString('hex')}`);
  const config = loadGatewayConfig({
    DATABASE_URL: requireEnv('DATABASE_URL'),
    REDIS_URL: requireEnv('REDIS_URL'),
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    COMMAND_WAIT_MS: '1500',
    RATE_LIMIT_PER_MINUTE: '100000',
    ...(process.env.CONSOLE_DIR ? { CONSOLE_DIR: process.env.CONSOLE_DIR } : {}),
    ...(adminKey ? { HVAR_ADMIN_API_KEY: adminKey } : {}),
    ...opts.env,
  });
  const database = createDatabase({ url: config.DATABASE_URL, applicationName: 'gateway-test' });
  await migrateGateway(database);
  if (!opts.replicaOf) await resetGatewaySchema(database);
  const redis = createRedis(config.REDIS_URL, 'producer');
  const blocking = createRedis(config.REDIS_URL, 'worker');
  const log = createLogger({ service: 'gateway', level: 'silent' });
  const repo = createGatewayRepo(database.db);
  const commands = createCommandBus({ repo, connection: redis, blockingConnection: blocking, prefix, waitMs: config.COMMAND_WAIT_MS });
  const deps: GatewaySetup = { config, log, repo, database, redis, prefix, commands, version: 'test' };
  const gateway = createGatewayApp(deps, opts.extraRoutes?.(deps) ?? []);
  await bootstrapAdmin(repo, config.HVAR_ADMIN_API_KEY, log, () => undefined);
  // Until it hears credential changes the gateway does not cache; tests of the cache need it on.
  await gateway.principals.listening;
  const server: Server = await listen(gateway.app, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const request: TestGateway['request'] = (method, path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.key) headers.authorization = `Bearer ${init.key}`;
    let body: string | undefined = init.raw;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    return fetch(url + path, { method, headers, body });
  };

  return {
    url, adminKey: adminKey ?? '', prefix, config, database, redis, repo, commands, gateway, request,
    async keyFor(role) {
      const res = await request('POST', '/api/v1/api-keys', { key: adminKey, body: { name: `test ${role}`, role } });
      if (res.status !== 201) throw new Error(`could not create a ${role} key: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { key: string }).key;
    },
    async close() {
      await closeServer(server);
      await commands.close();
      await gateway.close();
      await Promise.all([redis.quit(), blocking.quit()]);
      await database.close();
    },
  };
}
