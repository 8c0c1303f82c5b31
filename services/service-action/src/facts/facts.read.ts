import { lockKeys, type SqlTx } from '@hvar/platform';

/** A customer's fact as stored (the segment is validated when the batch is built). */
export interface CustomerFactRow {
  phone: string;
  segment: string;
}

/** An order's service-action summary as stored. */
export interface OrderFactRow {
  order_id: string;
  actions_count: number;
  service_status: string | null;
}

/**
 * Takes the transaction-scoped advisory lock of every fact key (phone or order id), in ascending
 * key order. Two transactions emitting facts of the same key serialize: the later one reads after
 * the earlier one committed and takes a larger revision, so the newest revision always carries the
 * newest state (read before the lock, a commit in between could be lost behind a larger revision).
 */
export async function lockFactKeys(tx: SqlTx, keys: readonly string[]): Promise<void> {
  await lockKeys(tx, 'service-facts', keys);
}

/** Segments of the customers among these phones (unknown phones have no fact). */
export async function readCustomerFacts(tx: SqlTx, phones: readonly string[]): Promise<CustomerFactRow[]> {
  if (phones.length === 0) return [];
  return tx.query<CustomerFactRow>(
    'select phone, segment from service_action.customers where phone = any($1::text[]) order by phone',
    [phones],
  );
}

/**
 * Per order: the actions naming it as main, sub or source order (each action once, even when it
 * names the order twice) and the status of the most recent of them. An order with no action left
 * gets 0 and null: the read model must forget an action that was moved to another order.
 */
export async function readOrderFacts(tx: SqlTx, orderIds: readonly string[]): Promise<OrderFactRow[]> {
  if (orderIds.length === 0) return [];
  return tx.query<OrderFactRow>(
    `select i.order_id,
            count(a.action_id)::int as actions_count,
            (array_agg(a.status order by a.created_at desc, a.action_id desc) filter (where a.action_id is not null))[1] as service_status
       from (select distinct unnest($1::text[]) as order_id) i
       left join service_action.actions a on i.order_id in (a.main_order_id, a.sub_order_id, a.source_order_id)
      group by i.order_id
      order by i.order_id`,
    [orderIds],
  );
}
