import type { SqlTx } from '@hvar/platform';

/**
 * Takes the transaction-scoped advisory lock of every customer (phone), in ascending key order.
 * Every writer of a customer row takes it first (order batches, agent commands), so aggregates are
 * always computed from the orders every earlier writer committed, and writers cannot deadlock on
 * each other. A hash collision only serializes two customers more than needed.
 */
export async function lockCustomers(tx: SqlTx, phones: Iterable<string>): Promise<void> {
  const list = [...new Set(phones)];
  if (list.length === 0) return;
  await tx.query(
    `select count(pg_advisory_xact_lock(k)) from (
       select distinct hashtextextended('service-action:customer:' || p, 0) as k from unnest($1::text[]) as p order by 1
     ) keys`,
    [list],
  );
}
