import { lockKeys, type SqlTx } from '@hvar/platform';

/**
 * Takes the transaction-scoped advisory lock of every customer (phone), in ascending key order.
 * Every writer of a customer row takes it first (order batches, agent commands), so aggregates are
 * always computed from the orders every earlier writer committed, and writers cannot deadlock on
 * each other. A hash collision only serializes two customers more than needed.
 */
export async function lockCustomers(tx: SqlTx, phones: Iterable<string>): Promise<void> {
  await lockKeys(tx, 'service-action:customer', phones);
}
