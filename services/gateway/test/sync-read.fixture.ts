import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { sql } from 'drizzle-orm';
import { announceService, closeServer, createDatabase, createLogger, listen, type Database } from '@hvar/platform';
import type { Redis } from 'ioredis';
import { migrateSync } from '../../sync/src/db/migrate.js';
import { orders, quarantine, runs, timelineEvents } from '../../sync/src/db/schema.js';
import { mountReadApi } from '../../sync/src/http.js';

/** The sync service's read API, running in-process and announced in the registry like the real one. */
export interface SyncReadService {
  url: string;
  database: Database;
  /** Stops answering and deregisters (a service stopped on purpose). */
  stop(): Promise<void>;
}

/** Migrates and empties the sync schema, then serves `mountReadApi` on a random port under `prefix`. */
export async function startSyncRead(redis: Redis, prefix: string): Promise<SyncReadService> {
  const database = createDatabase({ url: process.env.DATABASE_URL ?? '', applicationName: 'gateway-test-sync' });
  await migrateSync(database);
  await database.db.execute(sql`truncate ${orders}, ${timelineEvents}, ${runs}, ${quarantine}`);
  const app = express();
  mountReadApi(app, { database, log: createLogger({ service: 'sync', level: 'silent' }) });
  const server: Server = await listen(app, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const announcement = announceService(redis, prefix, { name: 'sync', instance: 'test', version: 'test', internal_url: url, queues: ['sync'], started_at: new Date().toISOString() });
  let stopped = false;
  return {
    url,
    database,
    async stop() {
      if (stopped) return;
      stopped = true;
      await announcement.stop();
      await closeServer(server);
      await database.close();
    },
  };
}
