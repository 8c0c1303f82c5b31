import type { OrderChange, OrderClassification, ServiceType } from '@hvar/contracts';
import type { Tx } from '@hvar/platform';
import { sql } from 'drizzle-orm';
import { changeCause, classifiedFromChange, latestPerOrder, type PreviousClassification } from '../domain/order-facts.js';
import type { Classification, RuleEngine } from '../domain/rule-engine.js';
import { classificationChanged, insertHistory, type HistoryEntry } from './history.write.js';
import { writeOrderClassified } from './order-classified.outbox.js';
import { ConcurrentWriteError } from '@hvar/platform';
import { activeVersion, lockRulesShared, type RuleEngines } from './rule-sets.repo.js';

/** What applying one order-changed batch did (stored as the inbox result). */
export interface OrderChangesResult {
  rule_set_version: number;
  applied: number;
  /** Older than the stored (state time, sync version): skipped entirely (not written, not emitted). */
  stale: number;
  changed: number;
  messages: number;
}

/**
 * Applies an order-changed batch inside the caller's transaction, set-based: every order is
 * classified with the active rule set, existing rows are locked in order-id order, one multi-row
 * upsert writes the orders whose change is not older than the stored one (taking each revision
 * after the row lock), history records every changed classification, and one `order-classified`
 * batch per consumer carries every applied order.
 */
export async function applyOrderChanges(tx: Tx, engines: RuleEngines, changes: readonly OrderChange[]): Promise<OrderChangesResult> {
  const orders = latestPerOrder(changes);
  const engine = await activeEngine(tx, engines);
  const results = orders.map((o) => classifyOrFail(engine, o));
  const previous = await lockPrevious(tx, orders.map((o) => o.order_id));
  const written = await upsert(tx, orders, results, engine.version);
  for (const [id, row] of written) {
    if (!row.inserted && !previous.has(id)) throw new ConcurrentWriteError(`order ${id} was inserted by a concurrent batch`);
  }
  const { facts, history } = outcomes(orders, results, written, previous, engine.version);
  await insertHistory(tx, history);
  const messages = await writeOrderClassified(tx, 'order-changed', facts);
  return { rule_set_version: engine.version, applied: facts.length, stale: orders.length - facts.length, changed: history.length, messages };
}

/** The announced fact of every written order, and a history entry for each changed classification. */
function outcomes(
  orders: OrderChange[],
  results: Classification[],
  written: Map<string, { revision: number }>,
  previous: Map<string, PreviousClassification>,
  version: number,
): { facts: OrderClassification[]; history: HistoryEntry[] } {
  const facts: OrderClassification[] = [];
  const history: HistoryEntry[] = [];
  orders.forEach((order, i) => {
    const revision = written.get(order.order_id)?.revision;
    const result = results[i];
    if (revision === undefined || !result) return;
    const before = previous.get(order.order_id);
    const changed = classificationChanged(before ?? null, result);
    const to = { ...result, rule_set_version: version };
    facts.push(classifiedFromChange(order, { ...to, revision, changed }, before));
    if (changed) history.push({ order_id: order.order_id, revision, cause: changeCause(before, order.state_code), state_code: order.state_code, from: before ?? null, to });
  });
  return { facts, history };
}

async function activeEngine(tx: Tx, engines: RuleEngines): Promise<RuleEngine> {
  await lockRulesShared(tx);
  const version = await activeVersion(tx);
  if (version === undefined) throw new Error('no active rule set (classifier migrations seed version 1)');
  return engines.forVersion(tx, version);
}

function classifyOrFail(engine: RuleEngine, order: OrderChange): Classification {
  const result = engine.classify(order);
  // A published set is complete (validated), so this is a broken invariant, not bad input.
  if (!result) throw new Error(`rule set v${engine.version} matches no rule for order ${order.order_id}`);
  return result;
}

interface PreviousRow extends Record<string, unknown> {
  order_id: string;
  state_code: number;
  business_category: string;
  service_type: ServiceType;
  order_level: number;
  rule_id: string;
  rule_set_version: number;
}

/** Locks the orders' existing rows (in order-id order: no deadlock between batches) and reads them. */
async function lockPrevious(tx: Tx, ids: string[]): Promise<Map<string, PreviousClassification>> {
  const res = await tx.execute<PreviousRow>(sql`
    select order_id, state_code, business_category, service_type, order_level, rule_id, rule_set_version
    from classifier.classifications where order_id = any(${sql.param(ids)}::text[])
    order by order_id for update`);
  return new Map(res.rows.map((r) => [r.order_id, r]));
}

/**
 * One upsert for the batch. A change older than the stored one is not written (and not returned):
 * an earlier state time, or the same state time with a lower sync row version (two copies of the
 * same state whose data changed in between, handled by concurrent jobs in either order). An equal
 * pair is a redelivery of the same copy and is written again.
 * The revision of an updated row is taken in SET, after the row lock. A row that was inserted by a
 * concurrent batch after `lockPrevious` comes back as updated without a previous value: the
 * transaction is run again so its history and flags are right.
 */
async function upsert(
  tx: Tx,
  orders: OrderChange[],
  results: Classification[],
  version: number,
): Promise<Map<string, { revision: number; inserted: boolean }>> {
  const rows = orders.map((o, i) => ({ ...o, ...results[i], rule_set_version: version }));
  const res = await tx.execute<{ order_id: string; revision: string; inserted: boolean }>(sql`
    insert into classifier.classifications as c (
      order_id, tracking_number, receiver_phone, type_code, state_code, state_at, cod_piastres, created_at, delivered_at, returned_at,
      product_name, business_reference, unique_business_reference, business_category, service_type, order_level, rule_id, rule_set_version, sync_version,
      revision)
    select x.order_id, x.tracking_number, x.receiver_phone, x.type_code, x.state_code, x.state_at, x.cod_piastres, x.created_at, x.delivered_at, x.returned_at,
      x.product_name, x.business_reference, x.unique_business_reference, x.business_category, x.service_type, x.order_level, x.rule_id, x.rule_set_version,
      x.sync_version, nextval('classifier.revision_seq')
    from json_to_recordset(${JSON.stringify(rows)}::json) as x(
      order_id text, tracking_number text, receiver_phone text, type_code int, state_code int, state_at timestamptz, cod_piastres bigint,
      created_at timestamptz, delivered_at timestamptz, returned_at timestamptz, product_name text, business_reference text,
      unique_business_reference text, business_category text, service_type text, order_level int, rule_id text, rule_set_version int,
      sync_version bigint)
    order by x.order_id
    on conflict (order_id) do update set
      tracking_number = excluded.tracking_number, receiver_phone = excluded.receiver_phone, type_code = excluded.type_code,
      state_code = excluded.state_code, state_at = excluded.state_at, cod_piastres = excluded.cod_piastres, created_at = excluded.created_at,
      delivered_at = excluded.delivered_at, returned_at = excluded.returned_at, product_name = excluded.product_name,
      business_reference = excluded.business_reference, unique_business_reference = excluded.unique_business_reference,
      business_category = excluded.business_category, service_type = excluded.service_type, order_level = excluded.order_level,
      rule_id = excluded.rule_id, rule_set_version = excluded.rule_set_version, sync_version = excluded.sync_version,
      revision = nextval('classifier.revision_seq'), classified_at = now()
    where (c.state_at, c.sync_version) <= (excluded.state_at, excluded.sync_version)
    returning c.order_id, c.revision, (c.xmax = 0) as inserted`);
  return new Map(res.rows.map((r) => [r.order_id, { revision: Number(r.revision), inserted: r.inserted }]));
}
