import { createLogger, createShutdown, loadConfigOrExit } from '@hvar/platform';
import { SimConfigSchema } from './config.js';
import { startSimulator } from './index.js';
import { readState, restoreState, writeState } from './persist.js';
import type { KeyScope } from './sim.js';

const config = loadConfigOrExit(SimConfigSchema);
const log = createLogger({ service: 'bosta-sim', level: config.LOG_LEVEL });
const shutdown = createShutdown({ deadlineMs: config.SHUTDOWN_TIMEOUT_MS, log });
shutdown.installSignalHandlers();

const keys: { key: string; scope: KeyScope }[] = [{ key: config.SIM_API_KEY, scope: 'full' }];
if (config.SIM_READ_KEY) keys.push({ key: config.SIM_READ_KEY, scope: 'read' });
if (config.SIM_READ_WRITE_KEY) keys.push({ key: config.SIM_READ_WRITE_KEY, scope: 'read_write' });
const saved = config.SIM_STATE_FILE ? await readState(config.SIM_STATE_FILE) : undefined;
const usable = saved && saved.seed === config.SIM_SEED ? saved : undefined;
if (saved && !usable) log.warn({ file: config.SIM_STATE_FILE }, 'state file is for another seed; ignored');

const started = Date.now();
const sim = await startSimulator({
  port: config.SIM_PORT ?? config.INTERNAL_PORT,
  host: config.SIM_HOST ?? config.INTERNAL_HOST,
  seed: config.SIM_SEED,
  deliveries: config.SIM_DELIVERIES,
  customers: config.SIM_CUSTOMERS,
  keys,
  users: config.SIM_USER_EMAIL && config.SIM_USER_PASSWORD ? [{ email: config.SIM_USER_EMAIL, password: config.SIM_USER_PASSWORD }] : [],
  webhook: config.SIM_WEBHOOK_URL ? { url: config.SIM_WEBHOOK_URL, headers: { [config.SIM_WEBHOOK_HEADER]: config.SIM_WEBHOOK_SECRET ?? '' } } : undefined,
  speed: config.SIM_SPEED,
  now: usable ? new Date(usable.genesis) : undefined,
  beforeListen: usable ? (s) => restoreState(s, usable) : undefined,
  log,
});
shutdown.add('intake', 'http', () => sim.close());

const stateFile = config.SIM_STATE_FILE;
if (stateFile) {
  const timer = setInterval(() => void writeState(stateFile, sim.simulator).catch((err: unknown) => log.error({ err }, 'state file write failed')), 30_000);
  timer.unref();
  shutdown.add('producers', 'state file', async () => {
    clearInterval(timer);
    await writeState(stateFile, sim.simulator);
  });
}
log.info({ url: sim.url, deliveries: sim.simulator.store.size, ms: Date.now() - started, restored: Boolean(usable) }, 'bosta simulator listening');
