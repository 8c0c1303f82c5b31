import { createServer, type Server } from 'node:http';
import express, { type Express } from 'express';
import type { ServiceMetrics } from './metrics.js';

/** A named readiness check; it throws (or rejects) when the dependency is not usable. */
export type ReadinessCheck = () => Promise<unknown>;

/** Options of `createOpsApp`. */
export interface OpsOptions {
  service: string;
  version: string;
  checks: Record<string, ReadinessCheck>;
  metrics: ServiceMetrics;
  /** Refreshes gauges (queue depths) right before a scrape. */
  beforeScrape?: () => Promise<void>;
  checkTimeoutMs?: number;
}

/** Result of running every readiness check. */
export interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean; ms: number; error?: string }>;
}

/** Runs every check in parallel, each bounded by a timeout. */
export async function runChecks(checks: Record<string, ReadinessCheck>, timeoutMs = 2_000): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      const started = Date.now();
      try {
        await withTimeout(check(), timeoutMs, `${name} check timed out`);
        return [name, { ok: true, ms: Date.now() - started }] as const;
      } catch (err) {
        return [name, { ok: false, ms: Date.now() - started, error: err instanceof Error ? err.message : String(err) }] as const;
      }
    }),
  );
  const results: Readiness['checks'] = {};
  for (const [name, result] of entries) results[name] = result;
  return { ready: entries.every(([, r]) => r.ok), checks: results };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * An express app with `/healthz` (the process answers), `/readyz` (every dependency answers) and
 * Prometheus `/metrics`. Services mount their internal read API on it; the gateway mounts its public
 * API next to these.
 */
export function createOpsApp(opts: OpsOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: opts.service, version: opts.version, uptime_s: Math.round(process.uptime()) });
  });
  app.get('/readyz', async (_req, res) => {
    const readiness = await runChecks(opts.checks, opts.checkTimeoutMs);
    res.status(readiness.ready ? 200 : 503).json({ service: opts.service, version: opts.version, ...readiness });
  });
  app.get('/metrics', async (_req, res) => {
    await opts.beforeScrape?.().catch(() => undefined);
    res.type(opts.metrics.registry.contentType).send(await opts.metrics.registry.metrics());
  });
  return app;
}

/** Starts listening; resolves with the server once bound. */
export async function listen(app: Express, port: number, host: string): Promise<Server> {
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

/** Stops accepting connections and waits for open requests; idle keep-alive sockets are closed. */
export async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeIdleConnections();
  });
}
