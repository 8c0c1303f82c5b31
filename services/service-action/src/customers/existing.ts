import { AppError, type SqlTx } from '@hvar/platform';
import { lockCustomers } from './lock.js';

/** 404 `customer_not_found`. */
export function customerNotFound(phone: string): AppError {
  return new AppError('not_found', `No customer with phone ${phone}.`, { code: 'customer_not_found' });
}

/** Locks the customer of `phone` and reads whether it is erased (404 `customer_not_found` when unknown). */
export async function lockExisting(tx: SqlTx, phone: string): Promise<{ erased: boolean }> {
  await lockCustomers(tx, [phone]);
  const [row] = await tx.query<{ erased: boolean }>('select erased from service_action.customers where phone = $1', [phone]);
  if (!row) throw customerNotFound(phone);
  return row;
}
