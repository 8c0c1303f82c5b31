import type { ActionType, ServiceType } from '@hvar/contracts';
import { AppError, type SqlTx } from '@hvar/platform';

/** An order of the projection, with its main from the hierarchy when it has one. */
export interface KnownOrder {
  order_id: string;
  tracking_number: string;
  phone: string;
  service_type: ServiceType;
  state_code: number;
  cod_piastres: number;
  created_at: Date;
  product_name: string | null;
  main_order_id: string | null;
  main_tracking_number: string | null;
}

const SELECT = `select o.order_id, o.tracking_number, o.phone, o.service_type, o.state_code, o.cod_piastres::float8 as cod_piastres, o.created_at, o.product_name,
                       m.main_order_id, m.main_tracking_number
                  from service_action.orders o left join service_action.order_mains m on m.order_id = o.order_id`;

/** An order by Bosta `_id` or tracking number. */
export async function findOrder(tx: Pick<SqlTx, 'query'>, ref: string): Promise<KnownOrder | undefined> {
  const rows = await tx.query<KnownOrder>(`${SELECT} where o.order_id = $1 or o.tracking_number = $1 limit 1`, [ref]);
  return rows[0];
}

/** Which sub orders suit an action of a type (the hierarchy's service types). */
const SUB_TYPES: Record<ActionType, ServiceType[]> = {
  maintenance: ['maintenance'],
  service: ['service'],
  replace_part: ['maintenance', 'exchange', 'return_pickup'],
  replace_full: ['exchange', 'return_pickup'],
  return_refund: ['return', 'return_pickup'],
};

/** The main and sub an action links to. */
export interface OrderLink {
  main: KnownOrder;
  sub: KnownOrder | null;
}

/**
 * Resolves the order an agent named for a case: it must exist (404) and belong to the customer (422).
 * When it is itself a sub in the hierarchy, its main becomes the case's main and it the sub; else
 * the sub is the most recent sub of that main suiting the action type that no other agent's open case
 * uses (an automatic action of the same order does not count: it only follows the order) (none when the hierarchy has none, or `useHierarchy` is false).
 */
export async function resolveOrderLink(tx: SqlTx, ref: string, phone: string, type: ActionType, useHierarchy: boolean): Promise<OrderLink> {
  const order = await findOrder(tx, ref);
  if (!order) throw new AppError('not_found', `order ${ref} not found`, { code: 'order_not_found', details: { order_id: ref } });
  if (order.phone !== phone) {
    throw new AppError('unprocessable', `order ${ref} belongs to another customer, not ${phone}`, { code: 'order_of_other_customer', details: { order_id: ref } });
  }
  if (!useHierarchy) return { main: order, sub: null };
  if (order.main_order_id) {
    const main = await findOrder(tx, order.main_order_id);
    if (main && main.phone === phone) return { main, sub: order };
  }
  const subs = await tx.query<KnownOrder>(
    `${SELECT} where m.main_order_id = $1 and o.service_type = any($2::text[])
        and not exists (select 1 from service_action.actions a where a.sub_order_id = o.order_id and not a.auto_detected and a.status not in ('cancelled', 'rejected'))
      order by o.created_at desc limit 1`,
    [order.order_id, SUB_TYPES[type]],
  );
  return { main: order, sub: subs[0] ?? null };
}
