import type { HierarchyFact, OrderClassification } from '@hvar/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';

/** What one read-model batch did: facts applied, ignored as not newer, parked for unknown orders. */
export interface FactsOutcome {
  received: number;
  applied: number;
  stale: number;
  parked: number;
  /** Parked facts of earlier batches whose order exists now, applied with this batch. */
  unparked: number;
}

/** One kind of read-model fact: its record columns, how it is written, and its revision column. */
interface FactKind {
  kind: 'classification' | 'hierarchy';
  /** `json_to_recordset` column list; `order_id` and `revision` are always there. */
  columns: string;
  assignments: string;
  revisionColumn: string;
}

const CLASSIFICATION: FactKind = {
  kind: 'classification',
  columns: 'order_id text, business_category text, service_type text, order_level int, rule_id text, rule_set_version int, revision bigint',
  assignments: `business_category = i.business_category, service_type = i.service_type, order_level = i.order_level,
    classification_rule_id = i.rule_id, classification_version = i.rule_set_version, classification_revision = i.revision`,
  revisionColumn: 'classification_revision',
};

const HIERARCHY: FactKind = {
  kind: 'hierarchy',
  columns: `order_id text, hierarchy_status text, main_order_id text, main_tracking_number text, relationship_type text,
    relationship_level int, confidence numeric, linked_by text, state_at timestamptz, revision bigint`,
  // A state change seen by sync after the state this evaluation saw keeps the order in review.
  assignments: `hierarchy_status = case when o.hierarchy_status = 'pending_review' and i.state_at < o.state_at
      then 'pending_review' else i.hierarchy_status end,
    main_order_id = i.main_order_id, main_tracking_number = i.main_tracking_number, relationship_type = i.relationship_type,
    relationship_level = i.relationship_level, hierarchy_confidence = i.confidence, hierarchy_linked_by = i.linked_by,
    hierarchy_state_at = i.state_at, hierarchy_revision = i.revision`,
  revisionColumn: 'hierarchy_revision',
};

/**
 * ONE statement per batch: the newest fact per order (a batch may name an order twice), the order
 * rows locked in id order (the page writes lock in the same order: no deadlock), every fact whose
 * revision is newer than the stored one written in one set-based UPDATE, and the facts of orders
 * sync does not have parked (newest revision kept) instead of lost.
 */
function applyFactsQuery(k: FactKind, facts: string): SQL {
  const revision = sql.raw(`o.${k.revisionColumn}`);
  return sql`
    with input as (
      select distinct on (x.order_id) x.* from json_to_recordset(${facts}::json) as x(${sql.raw(k.columns)})
       order by x.order_id, x.revision desc
    ),
    locked as (
      select o.id from sync.orders o where o.id in (select order_id from input) order by o.id for update
    ),
    applied as (
      update sync.orders o set ${sql.raw(k.assignments)}
        from input i join locked l on l.id = i.order_id
       where o.id = i.order_id and (${revision} is null or ${revision} < i.revision)
      returning o.id
    ),
    missing as (
      select i.* from input i where not exists (select 1 from sync.orders o where o.id = i.order_id)
    ),
    parked as (
      insert into sync.parked_facts as p (kind, order_id, revision, fact)
      select ${k.kind}, m.order_id, m.revision, row_to_json(m) from missing m
      on conflict (kind, order_id) do update set revision = excluded.revision, fact = excluded.fact, parked_at = now()
       where excluded.revision > p.revision
      returning p.order_id
    )
    select (select count(*) from input)::int as received, (select count(*) from applied)::int as applied,
           (select count(*) from missing)::int as missing, (select count(*) from parked)::int as parked`;
}

/** Takes the parked facts of this kind whose order exists now (they are applied with the batch). */
async function takeUnparked(tx: NodePgDatabase, kind: FactKind['kind']): Promise<unknown[]> {
  const res = await tx.execute<{ fact: unknown }>(sql`
    delete from sync.parked_facts p
     where p.kind = ${kind} and exists (select 1 from sync.orders o where o.id = p.order_id)
    returning p.fact`);
  return res.rows.map((r) => r.fact);
}

async function applyFacts(tx: NodePgDatabase, k: FactKind, facts: readonly object[]): Promise<FactsOutcome> {
  const unparked = await takeUnparked(tx, k.kind);
  const res = await tx.execute<{ received: number; applied: number; missing: number; parked: number }>(
    applyFactsQuery(k, JSON.stringify([...facts, ...unparked])),
  );
  const row = res.rows[0] ?? { received: 0, applied: 0, missing: 0, parked: 0 };
  return { received: facts.length, applied: row.applied, stale: row.received - row.applied - row.missing, parked: row.missing, unparked: unparked.length };
}

/** Writes classification facts into `sync.orders` (newer revisions only); see `applyFactsQuery`. */
export async function applyClassifications(tx: NodePgDatabase, orders: readonly OrderClassification[]): Promise<FactsOutcome> {
  const facts = orders.map((o) => ({
    order_id: o.order_id, business_category: o.business_category, service_type: o.service_type, order_level: o.order_level,
    rule_id: o.rule_id, rule_set_version: o.rule_set_version, revision: o.revision,
  }));
  return applyFacts(tx, CLASSIFICATION, facts);
}

/**
 * Writes hierarchy facts into `sync.orders` (newer revisions only). The status becomes the fact's,
 * except that an order in `pending_review` whose state is newer than the one the evaluation saw
 * stays in review (domain.md §3).
 */
export async function applyHierarchyFacts(tx: NodePgDatabase, orders: readonly HierarchyFact[]): Promise<FactsOutcome> {
  const facts = orders.map((o) => ({
    order_id: o.order_id, hierarchy_status: o.hierarchy_status, main_order_id: o.main_order_id, main_tracking_number: o.main_tracking_number,
    relationship_type: o.relationship_type, relationship_level: o.relationship_level, confidence: o.confidence, linked_by: o.linked_by,
    state_at: o.state_at, revision: o.revision,
  }));
  return applyFacts(tx, HIERARCHY, facts);
}
