import { classifierQueue, orderClassifiedConsumers } from '@hvar/contracts';
import { createRuntime, loadConfigOrExit, recoverUnfinishedRuns, startInternalHttp, startOutboxRelay, useProducer } from '@hvar/platform';
import { ClassifierConfigSchema } from './config.js';
import { createRuleEngines, seedRuleSet } from './db/rule-sets.repo.js';
import { outbox } from './db/schema.js';
import type { ClassifierDeps } from './deps.js';
import { DEFAULT_RULE_SET } from './domain/default-rule-set.js';
import { mountReadApi } from './http.js';
import { VERSION } from './version.js';
import { startClassifierWorker } from './worker.js';

const config = loadConfigOrExit(ClassifierConfigSchema);
const runtime = createRuntime({ name: 'classifier', version: VERSION, config });
runtime.shutdown.installSignalHandlers();

// Migrations (db:migrate) seed it too; this makes sure a fresh database has an active v1. Idempotent.
await seedRuleSet(runtime.database.db, DEFAULT_RULE_SET);

// The relay produces order-classified for every consumer and reclassify-all for this service itself.
const queue = useProducer(runtime, classifierQueue);
for (const consumer of orderClassifiedConsumers) useProducer(runtime, consumer);
const relay = startOutboxRelay({ database: runtime.database, table: outbox, producers: runtime.producers, log: runtime.log, pollMs: config.CLASSIFIER_OUTBOX_POLL_MS });
runtime.shutdown.add('intake', 'outbox relay', () => relay.stop());

const deps: ClassifierDeps = {
  database: runtime.database,
  log: runtime.log,
  engines: createRuleEngines(),
  kickOutbox: () => relay.kick(),
  settings: { reclassifyChunk: config.CLASSIFIER_RECLASSIFY_CHUNK },
};
startClassifierWorker(runtime, deps, { concurrency: config.CLASSIFIER_WORKER_CONCURRENCY, lockMs: config.CLASSIFIER_LOCK_MS });
// A run whose job was lost or failed after stalling resumes from its cursor (chunks lock the run row).
await recoverUnfinishedRuns({ database: runtime.database, runsTable: 'classifier.reclassify_runs', producer: queue, job: 'reclassify-all', jobIdPrefix: 'reclassify', log: runtime.log });
await startInternalHttp(runtime, config, (app) => mountReadApi(app, { database: runtime.database, log: runtime.log }));
runtime.log.info('classifier started');
