import { z } from 'zod';

const isoDate = z.iso.datetime({ offset: true });

/**
 * Who received an order and where, as Bosta has it: the customer service keeps the latest per phone
 * (names, primary address). Null when a producer does not carry it (then nothing is overwritten).
 */
export const OrderCustomerSchema = z.object({
  name: z.string().nullable(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  city: z.string().nullable(),
  zone: z.string().nullable(),
  district: z.string().nullable(),
  address: z.string().nullable(),
});
/** An order's receiver and drop-off address. */
export type OrderCustomer = z.infer<typeof OrderCustomerSchema>;

/**
 * One changed order as its consumers need it: identity, the facts classification and the hierarchy
 * read (type, state, COD, phone, dates, product), what changed, and the row version that orders
 * entries of the same order. Consumers needing more read the sync service's internal API.
 */
export const OrderChangeSchema = z.object({
  order_id: z.string().min(1),
  tracking_number: z.string().regex(/^\d+$/),
  change: z.enum(['created', 'state_changed', 'updated']),
  state_code: z.number().int(),
  previous_state_code: z.number().int().nullable(),
  state_at: isoDate,
  type_code: z.number().int(),
  cod_piastres: z.number().int(),
  receiver_phone: z.string().regex(/^\+201[0125]\d{8}$/),
  created_at: isoDate,
  delivered_at: isoDate.nullable(),
  returned_at: isoDate.nullable(),
  product_name: z.string().nullable(),
  business_reference: z.string().nullable(),
  unique_business_reference: z.string().nullable(),
  /**
   * The sync's version of the order row this entry was read from: taken under the row lock of each
   * write, so a later write of the order always carries a larger one. Two entries with the same
   * `state_at` are ordered by it (the higher one holds the newer data). Messages queued before
   * versions existed have none and count as 0, older than any versioned write.
   */
  sync_version: z.number().int().nonnegative().default(0),
  customer: OrderCustomerSchema.nullable().default(null),
});
/** One changed order. */
export type OrderChange = z.infer<typeof OrderChangeSchema>;

/** Most orders in one `order-changed` job: a search page, never one job per delivery. */
export const ORDER_CHANGED_MAX_BATCH = 1_000;

/** `order-changed`: a batch of orders whose data or state changed, in one sync transaction. */
export const OrderChangedBatchSchema = z.object({
  /** The outbox id of the batch: stable across redeliveries, the consumers' inbox key. */
  batch_id: z.string().min(1),
  source: z.enum(['backfill', 'incremental', 'webhook', 'detail']),
  orders: z.array(OrderChangeSchema).min(1).max(ORDER_CHANGED_MAX_BATCH),
});
/** An `order-changed` batch. */
export type OrderChangedBatch = z.infer<typeof OrderChangedBatchSchema>;
