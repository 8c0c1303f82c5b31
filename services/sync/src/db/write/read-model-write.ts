import type { HierarchyFact, OrderClassification } from '@hvar/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';

/** What one read-model batch did: facts received, applied, ignored as not newer than the stored ones. */
export interface FactsOutcome {
  received: number;
  applied: number;
  stale: number;
}

/** One kind of read-model fact: its record columns and how a newer fact is written into `sync.order_facts`. */
interface FactKind {
  /** `json_to_recordset` column list; `order_id` and `revision` are always there. */
  record: string;
  /** The `order_facts` columns a fact fills, and the input expressions that fill them (same order). */
  columns: string;
  values: string;
  /** `set` list of the upsert (`f` = the stored row, `excluded` = the fact). */
  assignments: string;
  revisionColumn: string;
}

const CLASSIFICATION: FactKind = {
  record: 'order_id text, business_category text, service_type text, order_level int, rule_id text, rule_set_version int, revision bigint',
  columns: 'order_id, business_category, service_type, order_level, classification_rule_id, classification_version, classification_revision',
  values: 'i.order_id, i.business_category, i.service_type, i.order_level, i.rule_id, i.rule_set_version, i.revision',
  assignments: `business_category = excluded.business_category, service_type = excluded.service_type, order_level = excluded.order_level,
    classification_rule_id = excluded.classification_rule_id, classification_version = excluded.classification_version,
    classification_revision = excluded.classification_revision`,
  revisionColumn: 'classification_revision',
};

const HIERARCHY: FactKind = {
  record: `order_id text, hierarchy_status text, main_order_id text, main_tracking_number text, relationship_type text,
    relationship_level int, confidence numeric, linked_by text, state_at timestamptz, revision bigint`,
  columns: `order_id, hierarchy_status, main_order_id, main_tracking_number, relationship_type, relationship_level,
    hierarchy_confidence, hierarchy_linked_by, hierarchy_state_at, hierarchy_revision`,
  values: `i.order_id, i.hierarchy_status, i.main_order_id, i.main_tracking_number, i.relationship_type, i.relationship_level,
    i.confidence, i.linked_by, i.state_at, i.revision`,
  // A state change seen by sync after the state this evaluation saw keeps the order in review
  // (`sync.orders` is only read: its wide rows are never written for a fact).
  assignments: `hierarchy_status = case when f.hierarchy_status = 'pending_review'
        and excluded.hierarchy_state_at < (select o.state_at from sync.orders o where o.id = excluded.order_id)
      then 'pending_review' else excluded.hierarchy_status end,
    main_order_id = excluded.main_order_id, main_tracking_number = excluded.main_tracking_number,
    relationship_type = excluded.relationship_type, relationship_level = excluded.relationship_level,
    hierarchy_confidence = excluded.hierarchy_confidence, hierarchy_linked_by = excluded.hierarchy_linked_by,
    hierarchy_state_at = excluded.hierarchy_state_at, hierarchy_revision = excluded.hierarchy_revision`,
  revisionColumn: 'hierarchy_revision',
};

/**
 * ONE upsert per batch: the newest fact per order (a batch may name an order twice), upserted into
 * `sync.order_facts` in order_id order (rows locked in that order: no deadlock between batches), a
 * stored row changed only where the fact's revision is newer. An order sync has not written yet
 * gets its row now; the order's first write leaves it alone (`ORDER_FACTS_SQL`).
 */
function upsertFactsQuery(k: FactKind, facts: string): SQL {
  const revision = sql.raw(`f.${k.revisionColumn}`);
  return sql`
    with input as (
      select distinct on (x.order_id) x.* from json_to_recordset(${facts}::json) as x(${sql.raw(k.record)})
       order by x.order_id, x.revision desc
    ),
    written as (
      insert into sync.order_facts as f (${sql.raw(k.columns)})
      select ${sql.raw(k.values)} from input i order by i.order_id
      on conflict (order_id) do update set ${sql.raw(k.assignments)}
       where ${revision} is null or ${revision} < ${sql.raw(`excluded.${k.revisionColumn}`)}
      returning f.order_id
    )
    select (select count(*) from input)::int as received, (select count(*) from written)::int as applied`;
}

async function upsertFacts(tx: NodePgDatabase, k: FactKind, facts: readonly object[]): Promise<FactsOutcome> {
  const res = await tx.execute<{ received: number; applied: number }>(upsertFactsQuery(k, JSON.stringify(facts)));
  const row = res.rows[0] ?? { received: 0, applied: 0 };
  return { received: facts.length, applied: row.applied, stale: row.received - row.applied };
}

/**
 * Locks the stored facts rows of these orders, in order_id order. A separate statement on purpose:
 * the upsert that follows then reads `sync.orders` with a snapshot taken after the locks, so a state
 * change committed by a page or webhook write (which moves the order and puts its facts row in
 * review in one transaction) is either seen whole or waits for this batch.
 */
async function lockFacts(tx: NodePgDatabase, orderIds: readonly string[]): Promise<void> {
  const ids = [...new Set(orderIds)];
  await tx.execute(sql`
    select order_id from sync.order_facts where order_id = any(${sql.param(ids)}::text[]) order by order_id for update`);
}

/** Writes classification facts into `sync.order_facts` (newer revisions only); see `upsertFactsQuery`. */
export async function applyClassifications(tx: NodePgDatabase, orders: readonly OrderClassification[]): Promise<FactsOutcome> {
  const facts = orders.map((o) => ({
    order_id: o.order_id, business_category: o.business_category, service_type: o.service_type, order_level: o.order_level,
    rule_id: o.rule_id, rule_set_version: o.rule_set_version, revision: o.revision,
  }));
  return upsertFacts(tx, CLASSIFICATION, facts);
}

/**
 * Writes hierarchy facts into `sync.order_facts` (newer revisions only). The status becomes the
 * fact's, except that an order in `pending_review` whose state is newer than the one the evaluation
 * saw stays in review (domain.md §3).
 */
export async function applyHierarchyFacts(tx: NodePgDatabase, orders: readonly HierarchyFact[]): Promise<FactsOutcome> {
  const facts = orders.map((o) => ({
    order_id: o.order_id, hierarchy_status: o.hierarchy_status, main_order_id: o.main_order_id, main_tracking_number: o.main_tracking_number,
    relationship_type: o.relationship_type, relationship_level: o.relationship_level, confidence: o.confidence, linked_by: o.linked_by,
    state_at: o.state_at, revision: o.revision,
  }));
  await lockFacts(tx, orders.map((o) => o.order_id));
  return upsertFacts(tx, HIERARCHY, facts);
}
