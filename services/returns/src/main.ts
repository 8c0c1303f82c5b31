import { createBostaClient } from '@hvar/bosta';
import { hubQueue, returnsQueue, serviceActionQueue } from '@hvar/contracts';
import { createRuntime, loadConfigOrExit, startInternalHttp, startOutboxRelay, useProducer } from '@hvar/platform';
import { createCityDirectory } from './bosta/cities.js';
import { ReturnsConfigSchema } from './config.js';
import { outbox } from './db/schema.js';
import { settingsFromConfig, type ReturnsDeps } from './deps.js';
import { mountReadApi } from './http.js';
import { VERSION } from './version.js';
import { startReturnsWorker } from './worker.js';

const config = loadConfigOrExit(ReturnsConfigSchema);
const runtime = createRuntime({ name: 'returns', version: VERSION, config });
runtime.shutdown.installSignalHandlers();

const bosta = createBostaClient({
  baseUrl: config.BOSTA_BASE_URL,
  ...(config.BOSTA_API_KEY ? { apiKey: config.BOSTA_API_KEY } : { login: { email: config.BOSTA_EMAIL ?? '', password: config.BOSTA_PASSWORD ?? '' } }),
  timeoutMs: config.BOSTA_TIMEOUT_MS,
  log: runtime.log,
});

// What it produces, through the outbox: its own create jobs, leg statuses (service-action, hub), expected returns (hub).
useProducer(runtime, returnsQueue);
useProducer(runtime, serviceActionQueue);
useProducer(runtime, hubQueue);
const relay = startOutboxRelay({ database: runtime.database, table: outbox, producers: runtime.producers, log: runtime.log });
runtime.shutdown.add('intake', 'outbox relay', () => relay.stop());

const settings = settingsFromConfig(config);
const deps: ReturnsDeps = {
  database: runtime.database,
  log: runtime.log,
  bosta,
  cities: createCityDirectory(bosta, config.RETURNS_CITIES_CACHE_MS),
  kickOutbox: () => relay.kick(),
  settings,
  now: () => new Date(),
};
startReturnsWorker(runtime, deps, { concurrency: config.RETURNS_WORKER_CONCURRENCY });
await startInternalHttp(runtime, config, (app) => mountReadApi(app, { database: runtime.database, log: runtime.log, bosta, awb: settings.awb }));
runtime.log.info({ bosta: config.BOSTA_BASE_URL }, 'returns started');
