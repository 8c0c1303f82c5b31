import type { ServiceFactsBatch } from '@hvar/contracts';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { FactsOutcome } from './read-model-write.js';

type Counts = { received: number; applied: number };

/**
 * ONE upsert per batch into `sync.customer_facts`: the newest fact per phone, rows locked in phone
 * order, a stored segment replaced only by a newer revision.
 */
const CUSTOMERS_SQL = (facts: string) => sql`
  with input as (
    select distinct on (x.phone) x.* from json_to_recordset(${facts}::json) as x(phone text, segment text, revision bigint)
     order by x.phone, x.revision desc
  ),
  written as (
    insert into sync.customer_facts as c (phone, segment, revision)
    select i.phone, i.segment, i.revision from input i order by i.phone
    on conflict (phone) do update set segment = excluded.segment, revision = excluded.revision, updated_at = now()
     where c.revision < excluded.revision
    returning c.phone
  )
  select (select count(*) from input)::int as received, (select count(*) from written)::int as applied`;

/**
 * ONE upsert per batch into `sync.order_facts` (like the other read-model facts): the newest fact
 * per order, rows locked in order_id order, written only where the service revision is newer. An
 * order sync has not written yet gets its row now; its first write leaves the row alone.
 */
const ORDERS_SQL = (facts: string) => sql`
  with input as (
    select distinct on (x.order_id) x.* from json_to_recordset(${facts}::json) as x(order_id text, actions_count int, service_status text, revision bigint)
     order by x.order_id, x.revision desc
  ),
  written as (
    insert into sync.order_facts as f (order_id, service_actions_count, has_service_actions, service_status, service_revision)
    select i.order_id, i.actions_count, i.actions_count > 0, i.service_status, i.revision from input i order by i.order_id
    on conflict (order_id) do update set service_actions_count = excluded.service_actions_count,
      has_service_actions = excluded.has_service_actions, service_status = excluded.service_status, service_revision = excluded.service_revision
     where f.service_revision is null or f.service_revision < excluded.service_revision
    returning f.order_id
  )
  select (select count(*) from input)::int as received, (select count(*) from written)::int as applied`;

async function run(tx: NodePgDatabase, query: ReturnType<typeof CUSTOMERS_SQL>): Promise<Counts> {
  const res = await tx.execute<Counts>(query);
  return res.rows[0] ?? { received: 0, applied: 0 };
}

/**
 * Writes a `service-facts` batch: customer segments (per phone) then order action summaries (per
 * order), each only where newer than the stored revision. Every batch takes its locks in the same
 * order (customers by phone, then orders by id), so two batches cannot deadlock.
 */
export async function applyServiceFacts(tx: NodePgDatabase, batch: Pick<ServiceFactsBatch, 'customers' | 'orders'>): Promise<FactsOutcome> {
  const customers = batch.customers.length > 0 ? await run(tx, CUSTOMERS_SQL(JSON.stringify(batch.customers))) : { received: 0, applied: 0 };
  const orders = batch.orders.length > 0 ? await run(tx, ORDERS_SQL(JSON.stringify(batch.orders))) : { received: 0, applied: 0 };
  const received = batch.customers.length + batch.orders.length;
  const applied = customers.applied + orders.applied;
  // Stale = distinct facts not newer than the stored ones (a batch naming a key twice counts it once).
  return { received, applied, stale: customers.received + orders.received - applied };
}
