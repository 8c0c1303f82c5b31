import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBostaClient } from '@hvar/bosta';
import { startSimulator, type SimulatorHandle } from '@hvar/bosta-sim';
import { orderChangedConsumers, syncQueue, type QueueContract, type SyncRun } from '@hvar/contracts';
import {
  closeServer, createLogger, createProducer, createWorker, startOutboxRelay,
  type Database, type OutboxRelay, type Producer,
} from '@hvar/platform';
import { createTestInfra, deletePrefix, waitFor, type TestInfra } from '@hvar/platform/testing';
import type { Worker } from 'bullmq';
import { outbox } from '../src/db/schema.js';
import type { SyncDeps } from '../src/deps.js';
import { startChangeFlusher, type ChangeFlusher } from '../src/runs/change-flusher.js';
import { createSyncHandlers } from '../src/worker.js';
import { openSyncDb } from './harness.js';

/** Options of the in-process test stack. */
export interface StackOptions {
  deliveries: number;
  seed?: number;
  pageSize?: number;
  concurrency?: number;
  /** Run the sync worker in this process (false: a child process runs it). */
  worker?: boolean;
  /** The key the sync uses (default: the simulator's valid key). */
  bostaKey?: string;
}

/** Simulator + webhook endpoint (enqueues like the gateway) + sync worker and outbox relay. */
export interface SyncStack {
  sim: SimulatorHandle;
  apiKey: string;
  database: Database;
  infra: TestInfra;
  queue: Producer<typeof syncQueue>;
  webhookUrl: string;
  /** Asks for a run through the queue (like the gateway) and waits until it finished. */
  runSync(mode: 'full' | 'incremental', timeoutMs?: number): Promise<SyncRun & { status: 'completed' | 'failed' }>;
  /** Calls the simulator's admin API. */
  admin(method: string, path: string, body?: unknown): Promise<unknown>;
  /** The handlers' dependencies (null when the worker runs elsewhere). */
  deps: SyncDeps | null;
  /** Waits until every queued sync job (webhooks, detail refreshes) has been handled. */
  drain(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const WEBHOOK_SECRET = 'test-webhook-secret';
const SIM_START = new Date('2026-01-05T08:00:00.000Z');

/** Starts the stack on an emptied sync schema under a fresh queue prefix. */
export async function startSyncStack(opts: StackOptions): Promise<SyncStack> {
  const database = await openSyncDb();
  const infra = await createTestInfra('sync');
  const conn = { connection: infra.producerRedis, prefix: infra.prefix };
  const queue = createProducer(syncQueue, conn);
  const webhook = await startWebhookEndpoint(queue);
  const apiKey = 'sim-test-key-0123456789';
  const sim = await startSimulator({
    seed: opts.seed ?? 7,
    deliveries: opts.deliveries,
    keys: [{ key: apiKey, scope: 'full' }],
    webhook: { url: webhook.url, headers: { 'X-Bosta-Secret': WEBHOOK_SECRET } },
    now: SIM_START,
    speed: 0,
    webhookRetryDelayMs: 10,
  });
  const log = createLogger({ service: 'sync', level: 'silent' });
  const producers = new Map<string, Producer<QueueContract>>([[syncQueue.name, queue as unknown as Producer<QueueContract>]]);
  for (const c of orderChangedConsumers) producers.set(c.name, createProducer(c, conn) as unknown as Producer<QueueContract>);
  let relay: OutboxRelay | undefined;
  let changes: ChangeFlusher | undefined;
  let worker: Worker | undefined;
  let deps: SyncDeps | null = null;
  if (opts.worker !== false) {
    relay = startOutboxRelay({ database, table: outbox, producers, log, pollMs: 100 });
    changes = startChangeFlusher({ pool: database.pool, log, onFlushed: () => relay?.kick(), pollMs: 500, batchDelayMs: 200 });
    const bosta = createBostaClient({ baseUrl: sim.apiBase, apiKey: opts.bostaKey ?? apiKey, log, retry: { attempts: 10 }, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))) });
    deps = {
      database, pool: database.pool, bosta, log, queue, kickOutbox: () => relay?.kick(), kickChanges: () => changes?.kick(),
      settings: { pageSize: opts.pageSize ?? 200, concurrency: opts.concurrency ?? 4, overlapMs: 600_000, progressLogMs: 60_000 },
    };
    worker = createWorker(syncQueue, createSyncHandlers(deps), { connection: infra.workerRedis, prefix: infra.prefix, log, concurrency: 8 });
  }
  const admin = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${sim.url}/__sim${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`sim ${method} ${path}: ${res.status} ${text}`);
    return text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text;
  };
  return {
    sim, apiKey, database, infra, queue, admin, deps, webhookUrl: webhook.url,
    async runSync(mode, timeoutMs = 60_000) {
      const job = await queue.add('start-run', { mode, requested_by: 'test' });
      const id = await waitFor(async () => ((await job.getState()) === 'completed' ? ((await queue.queue.getJob(job.id ?? ''))?.returnvalue as SyncRun | undefined)?.id : undefined), { timeoutMs: 10_000, message: 'start-run answered' });
      return waitFor(async () => {
        const row = (await database.pool.query<SyncRun>(`select id, status, last_error from sync.runs where id = $1`, [id])).rows[0];
        return row && (row.status === 'completed' || row.status === 'failed') ? (await fullRun(database, id)) : undefined;
      }, { timeoutMs, intervalMs: 50, message: `${mode} run finished` });
    },
    async drain(timeoutMs = 30_000) {
      await waitFor(async () => {
        const c = await queue.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        const pending = await database.pool.query(`select 1 from sync.outbox where relayed_at is null and queue = 'sync'
          union all select 1 from sync.pending_changes limit 1`);
        return Object.values(c).every((n) => n === 0) && pending.rowCount === 0;
      }, { timeoutMs, intervalMs: 50, message: 'sync queue drained' });
    },
    async close() {
      await worker?.close();
      await changes?.stop();
      await relay?.stop();
      await sim.close();
      await closeServer(webhook.server);
      for (const p of producers.values()) await p.close();
      await deletePrefix(infra.producerRedis, infra.prefix);
      await infra.close();
      await database.close();
    },
  };
}

async function fullRun(database: Database, id: string): Promise<SyncRun & { status: 'completed' | 'failed' }> {
  const { toSyncRun } = await import('../src/domain/run-progress.js');
  const row = (await database.pool.query('select * from sync.runs where id = $1', [id])).rows[0] as Parameters<typeof toSyncRun>[0];
  return toSyncRun(row) as SyncRun & { status: 'completed' | 'failed' };
}

/** POST endpoint that checks the secret and enqueues `webhook-received`, exactly like the gateway's route. */
async function startWebhookEndpoint(queue: Producer<typeof syncQueue>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (status: number): void => void res.writeHead(status).end();
      if (req.headers['x-bosta-secret'] !== WEBHOOK_SECRET) return reply(401);
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return reply(400);
      }
      if (!body || typeof body !== 'object' || Array.isArray(body)) return reply(400);
      queue.add('webhook-received', { received_at: new Date().toISOString(), body: body as Record<string, unknown> }).then(() => reply(200), () => reply(503));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/bosta`, server };
}
