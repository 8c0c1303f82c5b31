import type { DetectionRun } from '@hvar/contracts';
import { AppError, type Logger, retryTransaction } from '@hvar/platform';
import type pg from 'pg';
import { lockPhones } from '../db/phone-locks.js';
import { inTransaction, poolQuery, type SqlTx } from '../db/sql.js';
import type { HierarchySettings } from '../domain/types.js';
import { evaluateCustomers } from '../evaluate/evaluate-customers.js';
import { runById } from './runs.repo.js';

/** What executing a detection run needs. */
export interface DetectionDeps {
  pool: pg.Pool;
  log: Logger;
  settings: HierarchySettings & { detectionChunk: number };
  /** Relays committed outbox rows now. */
  kickOutbox: () => void;
}

interface ChunkRun {
  scope: 'all' | 'customer';
  phone: string | null;
  cursor_phone: string | null;
  status: string;
}

/**
 * Runs (or resumes) a detection run: customer chunks in phone order, each one transaction that
 * locks its customers, re-evaluates them, emits the facts that changed and advances the run's
 * cursor. A run restarted after a crash continues after the last committed chunk, so it ends as an
 * uninterrupted run would. Answers the run as it ended.
 */
export async function executeDetection(deps: DetectionDeps, runId: string): Promise<DetectionRun> {
  const run = await startRun(deps.pool, runId);
  if (run.status === 'running') {
    let last = Date.now();
    for (;;) {
      const step = await retryTransaction(() => inTransaction(deps.pool, (tx) => detectChunk(tx, runId, deps.settings)));
      if (step.facts > 0) deps.kickOutbox();
      if (step.done) break;
      if (Date.now() - last > 5_000) {
        last = Date.now();
        deps.log.info({ runId, customersDone: step.customersDone }, 'detection progress');
      }
    }
  }
  return requireRun(deps.pool, runId);
}

/** Marks a queued run running, with its customer total; answers the run (any status). */
async function startRun(pool: pg.Pool, runId: string): Promise<DetectionRun> {
  await pool.query(
    `update hierarchy.detection_runs set status = 'running', started_at = coalesce(started_at, now()),
       customers_total = coalesce(customers_total, case when scope = 'customer' then 1
                                                       else (select count(distinct phone)::int from hierarchy.orders) end)
     where id = $1::uuid and status in ('queued', 'running')`,
    [runId],
  );
  return requireRun(pool, runId);
}

async function requireRun(pool: pg.Pool, runId: string): Promise<DetectionRun> {
  const run = await runById(poolQuery(pool), runId);
  if (!run) throw new AppError('not_found', `detection run ${runId} not found`);
  return run;
}

/** One chunk: the next customers after the cursor, evaluated and committed with the cursor. */
async function detectChunk(tx: SqlTx, runId: string, settings: DetectionDeps['settings']): Promise<{ done: boolean; facts: number; customersDone: number }> {
  const [run] = await tx.query<ChunkRun>(`select scope, phone, cursor_phone, status from hierarchy.detection_runs where id = $1::uuid for update`, [runId]);
  if (!run || run.status !== 'running') return { done: true, facts: 0, customersDone: 0 };
  const phones = await nextPhones(tx, run, settings.detectionChunk);
  const last = phones.at(-1);
  if (last === undefined) {
    await finishRun(tx, runId);
    return { done: true, facts: 0, customersDone: 0 };
  }
  await lockPhones(tx, phones);
  const selection = run.scope === 'customer' ? { phones } : { after: run.cursor_phone ?? '', last };
  const only = run.scope === 'customer' ? undefined : new Set(phones);
  const result = await evaluateCustomers(tx, selection, { cause: 'detection', settings, only });
  const done = run.scope === 'customer' || phones.length < settings.detectionChunk;
  const [after] = await tx.query<{ customers_done: number }>(
    `update hierarchy.detection_runs set cursor_phone = $2, customers_done = customers_done + $3, orders_seen = orders_seen + $4,
       links_created = links_created + $5, links_deactivated = links_deactivated + $6, facts_emitted = facts_emitted + $7,
       status = case when $8 then 'completed' else status end, finished_at = case when $8 then now() else finished_at end
     where id = $1::uuid returning customers_done`,
    [runId, last, phones.length, result.orders, result.created, result.deactivated, result.facts, done],
  );
  return { done, facts: result.facts, customersDone: after?.customers_done ?? 0 };
}

/** The next customers of the run: its one phone, or the next `limit` phones after the cursor. */
async function nextPhones(tx: SqlTx, run: ChunkRun, limit: number): Promise<string[]> {
  if (run.scope === 'customer') return run.cursor_phone === null && run.phone !== null ? [run.phone] : [];
  const rows = await tx.query<{ phone: string }>(
    `select distinct phone from hierarchy.orders where phone > $1 order by phone limit $2`,
    [run.cursor_phone ?? '', limit],
  );
  return rows.map((r) => r.phone);
}

async function finishRun(tx: SqlTx, runId: string): Promise<void> {
  await tx.query(`update hierarchy.detection_runs set status = 'completed', finished_at = now() where id = $1::uuid`, [runId]);
}

/** Records a failure on the run: the last error, and status `failed` when the job will not be retried. */
export async function recordRunFailure(pool: pg.Pool, runId: string, error: string, final: boolean): Promise<void> {
  await pool.query(
    `update hierarchy.detection_runs set last_error = $2,
       status = case when $3 then 'failed' else status end, finished_at = case when $3 then now() else finished_at end
     where id = $1::uuid and status in ('queued', 'running')`,
    [runId, error.slice(0, 2_000), final],
  );
}
