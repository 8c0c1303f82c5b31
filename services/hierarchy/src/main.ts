import { hierarchyChangedConsumers, hierarchyQueue } from '@hvar/contracts';
import { createRuntime, loadConfigOrExit, recoverUnfinishedRuns, startInternalHttp, startOutboxRelay, useProducer } from '@hvar/platform';
import { HierarchyConfigSchema } from './config.js';
import { outbox } from './db/schema.js';
import type { HierarchyDeps } from './deps.js';
import { mountReadApi } from './http.js';
import { VERSION } from './version.js';
import { startHierarchyWorker } from './worker.js';

const config = loadConfigOrExit(HierarchyConfigSchema);
const runtime = createRuntime({ name: 'hierarchy', version: VERSION, config });
runtime.shutdown.installSignalHandlers();

// Its own queue (detect → execute-detection) and every consumer of hierarchy-changed, through the outbox.
const queue = useProducer(runtime, hierarchyQueue);
for (const consumer of hierarchyChangedConsumers) useProducer(runtime, consumer);
const relay = startOutboxRelay({ database: runtime.database, table: outbox, producers: runtime.producers, log: runtime.log });
runtime.shutdown.add('intake', 'outbox relay', () => relay.stop());

const deps: HierarchyDeps = {
  database: runtime.database,
  log: runtime.log,
  kickOutbox: () => relay.kick(),
  settings: { windowDays: config.HIERARCHY_WINDOW_DAYS, detectionChunk: config.HIERARCHY_DETECTION_CHUNK },
};
startHierarchyWorker(runtime, deps, { concurrency: config.HIERARCHY_WORKER_CONCURRENCY, lockMs: config.HIERARCHY_LOCK_MS });
// A run whose job was lost or failed after stalling resumes from its cursor (chunks lock the run row).
await recoverUnfinishedRuns({ database: runtime.database, runsTable: 'hierarchy.detection_runs', producer: queue, job: 'execute-detection', jobIdPrefix: 'detection', log: runtime.log });
await startInternalHttp(runtime, config, (app) => mountReadApi(app, { database: runtime.database, log: runtime.log, queue: queue.queue }));
runtime.log.info({ windowDays: config.HIERARCHY_WINDOW_DAYS }, 'hierarchy started');
