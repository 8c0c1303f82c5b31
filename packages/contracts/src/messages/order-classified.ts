import { z } from 'zod';
import { OrderCustomerSchema } from './order-changed.js';

const isoDate = z.iso.datetime({ offset: true });

/**
 * What an order is for the after-sales cycle. `main` orders are real sales; `maintenance`,
 * `service`, `return` (negative COD), `return_pickup` and `exchange` are follow-ups that the
 * hierarchy links to a main; `operational` is everything else (domain.md §3-4).
 */
export const ServiceTypeSchema = z.enum(['main', 'maintenance', 'service', 'return', 'return_pickup', 'exchange', 'operational']);
/** A service type. */
export type ServiceType = z.infer<typeof ServiceTypeSchema>;

/** Service types the hierarchy treats as sub orders (everything but `main` and `operational`). */
export const SUB_SERVICE_TYPES: readonly ServiceType[] = ['maintenance', 'service', 'return', 'return_pickup', 'exchange'];

/**
 * One classified order: the order facts the hierarchy needs (so it keeps its own projection without
 * reading the sync service) and the classification with the rule and rule-set version behind it.
 */
export const OrderClassificationSchema = z.object({
  order_id: z.string().min(1),
  tracking_number: z.string().regex(/^\d+$/),
  receiver_phone: z.string().regex(/^\+201[0125]\d{8}$/),
  type_code: z.number().int(),
  state_code: z.number().int(),
  /** When the order entered its current state: consumers apply facts by this, never backwards. */
  state_at: isoDate,
  cod_piastres: z.number().int(),
  created_at: isoDate,
  delivered_at: isoDate.nullable(),
  product_name: z.string().nullable(),
  business_reference: z.string().nullable(),
  unique_business_reference: z.string().nullable(),
  business_category: z.string().min(1),
  service_type: ServiceTypeSchema,
  order_level: z.number().int().min(0).max(9),
  rule_id: z.string().min(1),
  rule_set_version: z.number().int().positive(),
  /** The classifier's revision of this order's classification (grows with every write). */
  revision: z.number().int().nonnegative(),
  /** The classification differs from the previous one (or is the first). */
  changed: z.boolean(),
  /** The state code differs from the one the previous classification saw. */
  state_changed: z.boolean(),
  previous_service_type: ServiceTypeSchema.nullable(),
  /** The receiver and address from the order change (null from a re-classification: nothing to update). */
  customer: OrderCustomerSchema.nullable().default(null),
});
/** One classified order. */
export type OrderClassification = z.infer<typeof OrderClassificationSchema>;

/** Most orders in one `order-classified` job. */
export const ORDER_CLASSIFIED_MAX_BATCH = 1_000;

/** `order-classified`: every order of an `order-changed` batch (or of a re-classify chunk), classified. */
export const OrderClassifiedBatchSchema = z.object({
  /** The outbox id of the batch: stable across redeliveries, the consumers' inbox key. */
  batch_id: z.string().min(1),
  cause: z.enum(['order-changed', 'reclassify']),
  orders: z.array(OrderClassificationSchema).min(1).max(ORDER_CLASSIFIED_MAX_BATCH),
});
/** An `order-classified` batch. */
export type OrderClassifiedBatch = z.infer<typeof OrderClassifiedBatchSchema>;
