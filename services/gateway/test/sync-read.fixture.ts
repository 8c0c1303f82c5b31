import { announceService, type Database } from '@hvar/platform';
import type { Redis } from 'ioredis';
import { startReadApi, type ReadApiHarness } from '../../sync/test/read-fixtures.js';

/** The sync service's read API, running in-process and announced in the registry like the real one. */
export interface SyncReadService {
  url: string;
  database: Database;
  /** Inserts orders with their read-model rows (every order the read API shows has one). */
  insertOrders: ReadApiHarness['insertOrders'];
  /** Stops answering and deregisters (a service stopped on purpose). */
  stop(): Promise<void>;
}

/** The sync tests' read-API harness (migrated, emptied schema, random port), announced under `prefix`. */
export async function startSyncRead(redis: Redis, prefix: string): Promise<SyncReadService> {
  const api = await startReadApi();
  const announcement = announceService(redis, prefix, { name: 'sync', instance: 'test', version: 'test', internal_url: api.url, queues: ['sync'], started_at: new Date().toISOString() });
  let stopped = false;
  return {
    url: api.url,
    database: api.database,
    insertOrders: (rows) => api.insertOrders(rows),
    async stop() {
      if (stopped) return;
      stopped = true;
      await announcement.stop();
      await api.close();
    },
  };
}
