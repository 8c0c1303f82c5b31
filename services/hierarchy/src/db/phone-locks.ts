import { lockKeys } from '@hvar/platform';
import type { SqlTx } from './sql.js';

/**
 * Takes the transaction-scoped advisory lock of every phone (customer), in ascending key order:
 * two transactions touching the same customers serialize, and since every writer takes its keys in
 * the same order they cannot deadlock (a late extra lock may; the caller retries then). Keys are
 * 64-bit hashes of the phone; a collision only serializes two customers more than needed.
 */
export async function lockPhones(tx: SqlTx, phones: Iterable<string>): Promise<void> {
  await lockKeys(tx, 'hierarchy', phones);
}
