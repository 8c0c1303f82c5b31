import type { SqlTx } from './sql.js';

/**
 * Takes the transaction-scoped advisory lock of every phone (customer), in ascending key order:
 * two transactions touching the same customers serialize, and since every writer takes its keys in
 * the same order they cannot deadlock (a late extra lock may; the caller retries then). Keys are
 * 64-bit hashes of the phone; a collision only serializes two customers more than needed.
 */
export async function lockPhones(tx: SqlTx, phones: Iterable<string>): Promise<void> {
  const list = [...new Set(phones)];
  if (list.length === 0) return;
  await tx.query(
    `select count(pg_advisory_xact_lock(k)) from (
       select distinct hashtextextended('hierarchy:' || p, 0) as k from unnest($1::text[]) as p order by 1
     ) keys`,
    [list],
  );
}
