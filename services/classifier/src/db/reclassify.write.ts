import type { OrderClassification, ServiceType } from '@hvar/contracts';
import type { Database, Tx } from '@hvar/platform';
import { sql } from 'drizzle-orm';
import type { Classification, RuleEngine } from '../domain/rule-engine.js';
import { classificationChanged, insertHistory, type HistoryEntry } from './history.write.js';
import { writeOrderClassified } from './order-classified.outbox.js';
import { retryTransaction } from '@hvar/platform';
import { lockRulesShared, type RuleEngines } from './rule-sets.repo.js';

/** A run that can proceed, as the handler needs it. */
export interface StartedRun {
  id: string;
  rule_set_version: number;
}

/**
 * Marks a queued (or resumed) run running and counts the orders it will visit, once. Undefined when
 * the run is finished, failed or superseded (a redelivered job then does nothing); null when no
 * such run exists.
 */
export async function startRun(database: Database, runId: string): Promise<StartedRun | undefined | null> {
  const res = await database.db.execute<{ id: string; rule_set_version: number }>(sql`
    update classifier.reclassify_runs set status = 'running', started_at = coalesce(started_at, now()),
      orders_total = coalesce(orders_total, (select count(*)::int from classifier.classifications))
    where id = ${runId} and status in ('queued', 'running')
    returning id, rule_set_version`);
  const row = res.rows[0];
  if (row) return row;
  const exists = await database.db.execute(sql`select 1 from classifier.reclassify_runs where id = ${runId}`);
  return exists.rows.length > 0 ? undefined : null;
}

/** Records a failure on the run; the final attempt marks it failed. */
export async function recordRunError(database: Database, runId: string, message: string, final: boolean): Promise<void> {
  await database.db.execute(sql`
    update classifier.reclassify_runs set last_error = ${message.slice(0, 2_000)},
      status = case when ${final} and status = 'running' then 'failed' else status end,
      finished_at = case when ${final} and status = 'running' then now() else finished_at end
    where id = ${runId}`);
}

/** What one chunk did. */
export interface ChunkOutcome {
  /** `more`: call again; `done`: the run completed; `stopped`: the run is no longer running (superseded, failed). */
  next: 'more' | 'done' | 'stopped';
  orders: number;
  changed: number;
}

interface StoredRow extends Record<string, unknown> {
  order_id: string;
  tracking_number: string;
  receiver_phone: string;
  type_code: number;
  state_code: number;
  state_at: string;
  cod_piastres: string;
  created_at: string;
  delivered_at: string | null;
  product_name: string | null;
  business_reference: string | null;
  unique_business_reference: string | null;
  business_category: string;
  service_type: ServiceType;
  order_level: number;
  rule_id: string;
  rule_set_version: number;
}

/**
 * Re-classifies the next `size` orders after the run's cursor in ONE transaction and advances the
 * cursor in it: a run interrupted anywhere resumes after its last committed chunk. The run row is
 * locked first, so two workers on the same run take turns, and a run superseded by a newer
 * publication stops at its next chunk.
 */
export async function reclassifyChunk(database: Database, engines: RuleEngines, runId: string, size: number): Promise<ChunkOutcome> {
  return retryTransaction(() =>
    database.db.transaction(async (tx) => {
      await lockRulesShared(tx);
      const run = await lockRun(tx, runId);
      if (run?.status !== 'running') return { next: 'stopped', orders: 0, changed: 0 };
      const engine = await engines.forVersion(tx, run.rule_set_version);
      const rows = await lockNextOrders(tx, run.cursor, size);
      const changed = await rewrite(tx, engine, rows);
      const last = rows.at(-1)?.order_id ?? run.cursor;
      const done = rows.length < size;
      await tx.execute(sql`
        update classifier.reclassify_runs set cursor = ${last}, orders_done = orders_done + ${rows.length},
          orders_changed = orders_changed + ${changed}, chunks_done = chunks_done + 1,
          status = case when ${done} then 'completed' else status end,
          finished_at = case when ${done} then now() else finished_at end
        where id = ${runId}`);
      return { next: done ? 'done' : 'more', orders: rows.length, changed };
    }),
  );
}

async function lockRun(tx: Tx, runId: string): Promise<{ status: string; rule_set_version: number; cursor: string | null } | undefined> {
  const res = await tx.execute<{ status: string; rule_set_version: number; cursor: string | null }>(
    sql`select status, rule_set_version, cursor from classifier.reclassify_runs where id = ${runId} for update`,
  );
  return res.rows[0];
}

const iso = (column: string) => sql.raw(`to_json(${column}) #>> '{}'`);

async function lockNextOrders(tx: Tx, cursor: string | null, size: number): Promise<StoredRow[]> {
  const res = await tx.execute<StoredRow>(sql`
    select order_id, tracking_number, receiver_phone, type_code, state_code, ${iso('state_at')} as state_at, cod_piastres,
      ${iso('created_at')} as created_at, ${iso('delivered_at')} as delivered_at, product_name, business_reference,
      unique_business_reference, business_category, service_type, order_level, rule_id, rule_set_version
    from classifier.classifications
    where ${cursor}::text is null or order_id > ${cursor}
    order by order_id limit ${size} for update`);
  return res.rows;
}

/** Writes the new classification (or only the version) of rows that need it; returns how many changed. */
async function rewrite(tx: Tx, engine: RuleEngine, rows: StoredRow[]): Promise<number> {
  const writes: { order_id: string; result: Classification; changed: boolean; row: StoredRow }[] = [];
  for (const row of rows) {
    const cod = Number(row.cod_piastres);
    const result = engine.classify({ type_code: row.type_code, state_code: row.state_code, cod_piastres: cod });
    if (!result) throw new Error(`rule set v${engine.version} matches no rule for order ${row.order_id}`);
    const changed = classificationChanged(row, result);
    if (changed || row.rule_set_version !== engine.version) writes.push({ order_id: row.order_id, result, changed, row });
  }
  if (writes.length === 0) return 0;
  const revisions = await updateRows(tx, engine.version, writes);
  const changed = writes.filter((w) => w.changed);
  const to = (w: (typeof writes)[number]) => ({ ...w.result, rule_set_version: engine.version });
  const history: HistoryEntry[] = changed.map((w) => ({
    order_id: w.order_id, revision: revisions.get(w.order_id) ?? 0, cause: 'reclassify', state_code: w.row.state_code, from: w.row, to: to(w),
  }));
  await insertHistory(tx, history);
  await writeOrderClassified(tx, 'reclassify', changed.map((w) => toFact(w.row, to(w), revisions.get(w.order_id) ?? 0)));
  return changed.length;
}

async function updateRows(tx: Tx, version: number, writes: { order_id: string; result: Classification; changed: boolean }[]): Promise<Map<string, number>> {
  const json = JSON.stringify(writes.map((w) => ({ order_id: w.order_id, changed: w.changed, ...w.result })));
  // The revision moves only with the outcome: a new version alone is recorded but not re-announced.
  const res = await tx.execute<{ order_id: string; revision: string }>(sql`
    update classifier.classifications c set business_category = x.business_category, service_type = x.service_type,
      order_level = x.order_level, rule_id = x.rule_id, rule_set_version = ${version},
      revision = case when x.changed then nextval('classifier.revision_seq') else c.revision end,
      classified_at = case when x.changed then now() else c.classified_at end
    from json_to_recordset(${json}::json) as x(order_id text, changed boolean, business_category text, service_type text, order_level int, rule_id text)
    where c.order_id = x.order_id
    returning c.order_id, c.revision`);
  return new Map(res.rows.map((r) => [r.order_id, Number(r.revision)]));
}

function toFact(row: StoredRow, to: Classification & { rule_set_version: number }, revision: number): OrderClassification {
  return {
    order_id: row.order_id, tracking_number: row.tracking_number, receiver_phone: row.receiver_phone, type_code: row.type_code,
    state_code: row.state_code, state_at: row.state_at, cod_piastres: Number(row.cod_piastres), created_at: row.created_at,
    delivered_at: row.delivered_at, product_name: row.product_name, business_reference: row.business_reference,
    unique_business_reference: row.unique_business_reference, business_category: to.business_category, service_type: to.service_type,
    order_level: to.order_level, rule_id: to.rule_id, rule_set_version: to.rule_set_version, revision,
    changed: true, state_changed: false, previous_service_type: row.service_type,
    customer: null,
  };
}
