import type { Server } from 'node:http';
import { closeServer, createLogger, listen, type Logger } from '@hvar/platform';
import { createSimulatorApp } from './app.js';
import { loadDemo } from './loader.js';
import { Simulator, type KeyScope } from './sim.js';
import { prewarm } from './store/store.js';

export { Simulator, type KeyScope } from './sim.js';

/** Options of `startSimulator` (interfaces.md, Simulator). */
export interface SimulatorOptions {
  /** 0 = random free port. */
  port?: number;
  host?: string;
  seed?: number;
  /** Demo deliveries to generate at start (default 0). */
  deliveries?: number;
  customers?: number;
  keys?: { key: string; scope: KeyScope }[];
  users?: { email: string; password: string }[];
  /** Global webhook (the dashboard setting); per-delivery `webhookUrl` overrides it. */
  webhook?: { url: string; headers: Record<string, string> };
  /** Sim clock start (default: now). */
  now?: Date;
  /** Sim ms per real ms; 0 = only /__sim/advance moves time (default 0). */
  speed?: number;
  log?: Logger;
  /** Delay before the first webhook retry (doubles each time), default 100 ms. */
  webhookRetryDelayMs?: number;
  /** Render the JSON of the demo deliveries in the background after start (default true). */
  prewarm?: boolean;
  /** Runs after the demo data is loaded, before the port opens (state file restore). */
  beforeListen?: (sim: Simulator) => void;
}

/** A running simulator. */
export interface SimulatorHandle {
  /** `http://host:port` */
  url: string;
  /** `url + '/api/v2'` */
  apiBase: string;
  /** The in-process simulator (ground truth, persistence). */
  simulator: Simulator;
  close(): Promise<void>;
}

const TICK_MS = 250;

/** Starts the Bosta simulator HTTP server with its demo data. */
export async function startSimulator(opts: SimulatorOptions): Promise<SimulatorHandle> {
  const seed = opts.seed ?? 42;
  const customers = opts.customers ?? Math.max(1, Math.ceil((opts.deliveries ?? 0) / 4));
  const sim = new Simulator({
    seed,
    now: (opts.now ?? new Date()).getTime(),
    speed: opts.speed ?? 0,
    keys: opts.keys ?? [],
    users: opts.users ?? [],
    webhook: opts.webhook,
    log: opts.log ?? createLogger({ service: 'bosta-sim', level: 'silent' }),
    webhookRetryDelayMs: opts.webhookRetryDelayMs,
  });
  const initial = opts.deliveries ?? 0;
  loadDemo(sim, initial, customers);
  const app = createSimulatorApp(sim, {
    generate: (count, batchSeed) => loadDemo(sim, count, Math.max(1, Math.ceil(count / 4)), batchSeed),
    reset: () => {
      sim.store.clear();
      sim.nextDemoSeq = 0;
      sim.counters.requests = 0;
      sim.counters.faultsInjected = 0;
    },
  });
  opts.beforeListen?.(sim);
  const host = opts.host ?? '127.0.0.1';
  const server: Server = await listen(app, opts.port ?? 0, host);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port ?? 0;
  const ticker = sim.clock.speed > 0 ? setInterval(() => sim.tick(), TICK_MS) : undefined;
  ticker?.unref();
  const stopPrewarm = opts.prewarm === false ? undefined : prewarm(sim.store);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    apiBase: `${url}/api/v2`,
    simulator: sim,
    async close() {
      if (ticker) clearInterval(ticker);
      stopPrewarm?.();
      await closeServer(server);
      await sim.dispatcher.close();
    },
  };
}
