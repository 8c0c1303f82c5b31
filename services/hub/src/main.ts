import { hubQueue, serviceActionQueue } from '@hvar/contracts';
import { createRuntime, loadConfigOrExit, startInternalHttp, startOutboxRelay, useProducer } from '@hvar/platform';
import { HubConfigSchema } from './config.js';
import { outbox } from './db/schema.js';
import { reviewSettingsFromConfig, type HubDeps } from './deps.js';
import { mountReadApi } from './http.js';
import { VERSION } from './version.js';
import { startHubWorker } from './worker.js';

const config = loadConfigOrExit(HubConfigSchema);
const runtime = createRuntime({ name: 'hub', version: VERSION, config });
runtime.shutdown.installSignalHandlers();

// What it produces, through the outbox: return-received, inspection-completed, review-decided (service-action).
useProducer(runtime, serviceActionQueue);
const relay = startOutboxRelay({ database: runtime.database, table: outbox, producers: runtime.producers, log: runtime.log });
runtime.shutdown.add('intake', 'outbox relay', () => relay.stop());

const deps: HubDeps = {
  database: runtime.database,
  log: runtime.log,
  kickOutbox: () => relay.kick(),
  review: reviewSettingsFromConfig(config),
  now: () => new Date(),
};
startHubWorker(runtime, deps, { concurrency: config.HUB_WORKER_CONCURRENCY });
await startInternalHttp(runtime, config, (app) => mountReadApi(app, { database: runtime.database, log: runtime.log }));
runtime.log.info({ queue: hubQueue.name, review: deps.review }, 'hub started');
