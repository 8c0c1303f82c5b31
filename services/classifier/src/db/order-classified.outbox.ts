import { ORDER_CLASSIFIED_MAX_BATCH, orderClassifiedConsumers, type OrderClassification, type OrderClassifiedBatch } from '@hvar/contracts';
import type { Tx } from '@hvar/platform';
import { sql } from 'drizzle-orm';

const CONSUMERS = orderClassifiedConsumers.map((c) => c.name);

/**
 * Writes `order-classified` batches (at most ORDER_CLASSIFIED_MAX_BATCH orders each) into the
 * outbox, one message per consumer queue, each with its own id as `batch_id` (the consumers' inbox
 * key). The payload is sent once and copied per consumer by PostgreSQL (the
 * jsonb conversion of a large batch costs more than the insert itself). It is not parsed with zod
 * here: every field comes from a parsed order-changed batch, a stored row or a validated rule set,
 * and the consumers parse it on arrival.
 */
export async function writeOrderClassified(tx: Tx, cause: OrderClassifiedBatch['cause'], orders: readonly OrderClassification[]): Promise<number> {
  let messages = 0;
  for (let i = 0; i < orders.length; i += ORDER_CLASSIFIED_MAX_BATCH) {
    const payload: OrderClassifiedBatch = { batch_id: '', cause, orders: orders.slice(i, i + ORDER_CLASSIFIED_MAX_BATCH) };
    // The JSON is converted to jsonb once (materialized), then stamped with each message's id.
    await tx.execute(sql`
      with p as materialized (select ${JSON.stringify(payload)}::jsonb as payload)
      insert into classifier.outbox (id, queue, job_name, payload)
      select m.id, m.queue, 'order-classified', jsonb_set(p.payload, '{batch_id}', to_jsonb(m.id::text))
      from p, (select gen_random_uuid() as id, q as queue from unnest(${sql.param(CONSUMERS)}::text[]) as q) as m`);
    messages += CONSUMERS.length;
  }
  return messages;
}
