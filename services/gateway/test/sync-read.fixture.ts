import { announceService, type Database } from '@hvar/platform';
import type { Redis } from 'ioredis';
import { startReadApi } from '../../sync/test/read-fixtures.js';

/** The sync service's read API, running in-process and announced in the registry like the real one. */
export interface SyncReadService {
  url: string;
  database: Database;
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
    async stop() {
      if (stopped) return;
      stopped = true;
      await announcement.stop();
      await api.close();
    },
  };
}
