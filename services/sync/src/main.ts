import { createBostaClient } from '@hvar/bosta';
import { orderChangedConsumers, syncQueue } from '@hvar/contracts';
import { createRuntime, loadConfigOrExit, startInternalHttp, startOutboxRelay, useProducer } from '@hvar/platform';
import { SyncConfigSchema } from './config.js';
import { outbox } from './db/schema.js';
import type { SyncDeps } from './deps.js';
import { mountReadApi } from './http.js';
import { startChangeFlusher } from './runs/change-flusher.js';
import { recoverRuns, scheduleIncremental } from './runs/schedule.js';
import { VERSION } from './version.js';
import { startSyncWorker } from './worker.js';

const config = loadConfigOrExit(SyncConfigSchema);
const runtime = createRuntime({ name: 'sync', version: VERSION, config });
runtime.shutdown.installSignalHandlers();

const bosta = createBostaClient({
  baseUrl: config.BOSTA_BASE_URL,
  ...(config.BOSTA_API_KEY ? { apiKey: config.BOSTA_API_KEY } : { login: { email: config.BOSTA_EMAIL ?? '', password: config.BOSTA_PASSWORD ?? '' } }),
  timeoutMs: config.BOSTA_TIMEOUT_MS,
  log: runtime.log,
});
const queue = useProducer(runtime, syncQueue);
for (const consumer of orderChangedConsumers) useProducer(runtime, consumer);
const relay = startOutboxRelay({ database: runtime.database, table: outbox, producers: runtime.producers, log: runtime.log });
runtime.shutdown.add('intake', 'outbox relay', () => relay.stop());
const changes = startChangeFlusher({ pool: runtime.database.pool, log: runtime.log, onFlushed: () => relay.kick() });
runtime.shutdown.add('intake', 'webhook change flusher', () => changes.stop());

const deps: SyncDeps = {
  database: runtime.database,
  pool: runtime.database.pool,
  bosta,
  log: runtime.log,
  queue,
  kickOutbox: () => relay.kick(),
  kickChanges: () => changes.kick(),
  settings: {
    pageSize: config.SYNC_PAGE_SIZE,
    concurrency: config.SYNC_CONCURRENCY,
    overlapMs: config.SYNC_OVERLAP_MS,
    progressLogMs: config.SYNC_PROGRESS_LOG_MS,
  },
};
startSyncWorker(runtime, deps, { concurrency: config.SYNC_WORKER_CONCURRENCY, lockMs: config.SYNC_LOCK_MS });
// Runs first: a tick taken right away then sees the first-start full run and stands aside.
await recoverRuns(deps, { fullOnFirstStart: config.SYNC_FULL_ON_FIRST_START });
await scheduleIncremental(deps, config.SYNC_INCREMENTAL_EVERY_MS);
await startInternalHttp(runtime, config, (app) => mountReadApi(app, { database: runtime.database, log: runtime.log }));
runtime.log.info({ bosta: config.BOSTA_BASE_URL }, 'sync started');
