import { hubQueue, returnsQueue, serviceActionQueue, syncQueue } from '@hvar/contracts';
import { createRuntime, loadConfigOrExit, startInternalHttp, startOutboxRelay, useProducer } from '@hvar/platform';
import { ServiceActionConfigSchema } from './config.js';
import { customerReadBumper } from './customers/read-version.js';
import { outbox } from './db/schema.js';
import { settingsFromConfig, type ServiceActionDeps } from './deps.js';
import { mountReadApi } from './http.js';
import { VERSION } from './version.js';
import { SEGMENT_SCHEDULER_ID, startServiceActionWorker } from './worker.js';

const config = loadConfigOrExit(ServiceActionConfigSchema);
const runtime = createRuntime({ name: 'service-action', version: VERSION, config });
runtime.shutdown.installSignalHandlers();

// What it produces, through the outbox: return pickups, outbound deliveries and cancellations (returns), cancelled cases (hub), read-model facts (sync).
const ownQueue = useProducer(runtime, serviceActionQueue);
useProducer(runtime, returnsQueue);
useProducer(runtime, hubQueue);
useProducer(runtime, syncQueue);
const relay = startOutboxRelay({ database: runtime.database, table: outbox, producers: runtime.producers, log: runtime.log });
runtime.shutdown.add('intake', 'outbox relay', () => relay.stop());

const deps: ServiceActionDeps = {
  database: runtime.database,
  log: runtime.log,
  kickOutbox: () => relay.kick(),
  bumpCustomerReads: customerReadBumper(runtime.producerRedis, runtime.prefix, runtime.log),
  ...settingsFromConfig(config),
  now: () => new Date(),
};
startServiceActionWorker(runtime, deps, { concurrency: config.SA_WORKER_CONCURRENCY });
// Segments that change with time alone (idempotent by id: replicas share one schedule).
await ownQueue.queue.upsertJobScheduler(SEGMENT_SCHEDULER_ID, { every: config.SA_SEGMENT_REFRESH_MS }, { name: 'refresh-segments', data: {} });
await startInternalHttp(runtime, config, (app) => mountReadApi(app, { database: runtime.database, log: runtime.log, segments: deps.segments, now: deps.now }));
runtime.log.info('service-action started');
