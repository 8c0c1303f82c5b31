import { randomUUID } from 'node:crypto';
import { HIERARCHY_CHANGED_MAX_BATCH, HierarchyChangedBatchSchema, hierarchyChangedConsumers, type HierarchyChangedBatch, type HierarchyFact } from '@hvar/contracts';
import type { SqlTx } from '../db/sql.js';
import type { OrderFacts } from '../domain/facts.js';

/** Why facts are emitted (the `cause` of `hierarchy-changed`). */
export type FactsCause = HierarchyChangedBatch['cause'];

/** One order's facts and the state time the evaluation saw. */
export interface FactsToEmit {
  facts: OrderFacts;
  /** Epoch ms. */
  state_at: number;
}

/**
 * Writes `hierarchy-changed` messages (batches of at most 1,000 facts, one message per consumer
 * queue, the outbox id as batch id) and the evaluation's row. The revision is taken from the
 * sequence now: callers hold the customers' locks, so a later evaluation of the same orders always
 * gets a larger one. Returns the revision (null when there was nothing to emit).
 */
export async function emitFacts(tx: SqlTx, items: readonly FactsToEmit[], cause: FactsCause, customers: number): Promise<number | null> {
  if (items.length === 0) return null;
  const [row] = await tx.query<{ revision: number }>(`select nextval('hierarchy.fact_revision_seq')::float8 as revision`);
  const revision = row?.revision ?? 0;
  const facts: HierarchyFact[] = items.map((i) => ({ ...i.facts, state_at: new Date(i.state_at).toISOString(), revision }));
  const messages: { id: string; queue: string; job_name: string; payload: HierarchyChangedBatch }[] = [];
  for (let i = 0; i < facts.length; i += HIERARCHY_CHANGED_MAX_BATCH) {
    // Validated once per batch; each consumer gets its own message (its own inbox key).
    const parsed = HierarchyChangedBatchSchema.parse({ batch_id: 'pending', cause, orders: facts.slice(i, i + HIERARCHY_CHANGED_MAX_BATCH) });
    for (const consumer of hierarchyChangedConsumers) {
      const id = randomUUID();
      messages.push({ id, queue: consumer.name, job_name: 'hierarchy-changed', payload: { ...parsed, batch_id: id } });
    }
  }
  await tx.query(
    `insert into hierarchy.outbox (id, queue, job_name, payload)
     select x.id, x.queue, x.job_name, x.payload from json_to_recordset($1::json) as x(id uuid, queue text, job_name text, payload jsonb)`,
    [JSON.stringify(messages)],
  );
  await tx.query('insert into hierarchy.evaluations (revision, cause, customers, facts) values ($1, $2, $3, $4)', [revision, cause, customers, facts.length]);
  return revision;
}
