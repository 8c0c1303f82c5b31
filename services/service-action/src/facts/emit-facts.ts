import { randomUUID } from 'node:crypto';
import {
  SERVICE_FACTS_MAX_BATCH, ServiceFactsBatchSchema, serviceFactsConsumers, type ServiceFactsBatch,
} from '@hvar/contracts';
import type { SqlTx } from '@hvar/platform';
import { lockFactKeys, readCustomerFacts, readOrderFacts } from './facts.read.js';

/** Whose facts to emit: customers by phone, orders by id (both optional). */
export interface FactsScope {
  phones?: string[];
  orderIds?: string[];
}

type CustomerFact = ServiceFactsBatch['customers'][number];
type OrderFact = ServiceFactsBatch['orders'][number];

/**
 * Writes `service-facts` messages for exactly the given phones and orders into the outbox, in the
 * caller's transaction (call it last, after the writes the facts must show): customer segments
 * and per-order action summaries, all under one revision from `fact_revision_seq` taken after the
 * keys' locks. Batches carry at most `SERVICE_FACTS_MAX_BATCH` customers and orders; each consumer
 * queue gets its own message, the outbox id as batch id. Nothing to say, no message.
 */
export async function emitServiceFacts(tx: SqlTx, scope: FactsScope): Promise<void> {
  const phones = [...new Set(scope.phones ?? [])];
  const orderIds = [...new Set(scope.orderIds ?? [])];
  if (phones.length + orderIds.length === 0) return;
  await lockFactKeys(tx, [...phones, ...orderIds]);
  const [customerRows, orderRows] = [await readCustomerFacts(tx, phones), await readOrderFacts(tx, orderIds)];
  if (customerRows.length + orderRows.length === 0) return;
  const [row] = await tx.query<{ revision: number }>(`select nextval('service_action.fact_revision_seq')::float8 as revision`);
  const revision = row?.revision ?? 0;
  const customers: CustomerFact[] = customerRows.map((c) => ({ phone: c.phone, segment: c.segment as CustomerFact['segment'], revision }));
  const orders: OrderFact[] = orderRows.map((o) => ({
    order_id: o.order_id, actions_count: o.actions_count, service_status: o.service_status as OrderFact['service_status'], revision,
  }));
  await writeMessages(tx, customers, orders);
}

async function writeMessages(tx: SqlTx, customers: CustomerFact[], orders: OrderFact[]): Promise<void> {
  const messages: { id: string; queue: string; job_name: string; payload: ServiceFactsBatch }[] = [];
  for (let i = 0; i < Math.max(customers.length, orders.length); i += SERVICE_FACTS_MAX_BATCH) {
    // Validated once per batch (a bad segment or status fails the caller's transaction); each
    // consumer gets its own message, hence its own inbox key.
    const parsed = ServiceFactsBatchSchema.parse({
      batch_id: 'pending', customers: customers.slice(i, i + SERVICE_FACTS_MAX_BATCH), orders: orders.slice(i, i + SERVICE_FACTS_MAX_BATCH),
    });
    for (const consumer of serviceFactsConsumers) {
      const id = randomUUID();
      messages.push({ id, queue: consumer.name, job_name: 'service-facts', payload: { ...parsed, batch_id: id } });
    }
  }
  await tx.query(
    `insert into service_action.outbox (id, queue, job_name, payload)
     select x.id, x.queue, x.job_name, x.payload from json_to_recordset($1::json) as x(id uuid, queue text, job_name text, payload jsonb)`,
    [JSON.stringify(messages)],
  );
}
