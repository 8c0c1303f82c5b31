import { z } from 'zod';
import { CustomerSchema, CustomerSegmentSchema, InteractionSchema } from '../messages/service-action.js';
import { PageOf, PageParams, QueryBool } from './query.js';

const text = (max = 100) => z.string().trim().min(1).max(max);

/** `:phone` of a customer: any common spelling of an Egyptian mobile (normalized by the service). */
export const CustomerParams = z.strictObject({ phone: z.string().min(1).max(40) });

/** `:phone` and `:interaction_id`. */
export const CustomerInteractionParams = z.strictObject({ phone: z.string().min(1).max(40), interaction_id: z.uuid() });

/** A read without query parameters (an unknown one is a 400). */
export const CustomerNoQuery = z.strictObject({});

/** Fields `sort` accepts; `-field` sorts descending. */
export const CUSTOMER_SORT_FIELDS = ['last_order_at', 'total_value', 'total_orders', 'return_rate'] as const;
const SORTS = CUSTOMER_SORT_FIELDS.flatMap((f) => [f, `-${f}`]) as [string, ...string[]];

/** `GET /customers`: the seed's filters, sort and cursor. Unknown parameters are rejected. */
export const CustomersQuery = z.strictObject({
  segment: CustomerSegmentSchema.optional().meta({ description: 'new, regular, vip or problematic' }),
  return_rate_min: z.coerce.number().min(0).max(100).optional().meta({ description: 'Return rate at least, in PERCENT (0-100), e.g. 20' }),
  order_count_min: z.coerce.number().int().min(0).max(1_000_000).optional().meta({ description: 'At least this many orders' }),
  last_order_days: z.coerce.number().int().min(1).max(36_500).optional().meta({ description: 'Last order within the last N days' }),
  satisfaction_min: z.coerce.number().min(0).max(1).optional().meta({ description: 'Satisfaction score at least (0-1)' }),
  city: text().optional().meta({ description: 'Primary city (case-insensitive, exact)' }),
  zone: text().optional().meta({ description: 'Primary zone (case-insensitive, exact)' }),
  has_maintenance_orders: QueryBool.optional().meta({ description: 'Has (true) or has no (false) maintenance orders' }),
  sort: z.enum(SORTS).default('-last_order_at').meta({
    description: `One of ${CUSTOMER_SORT_FIELDS.join(', ')}; prefix - for descending. Default -last_order_at (customers without orders last)`,
  }),
  ...PageParams,
});
/** Parsed `GET /customers` query. */
export type CustomersQuery = z.infer<typeof CustomersQuery>;

/** A page of customers. */
export const CustomerPageSchema = PageOf(CustomerSchema).meta({ id: 'CustomerPage' });
/** A page of customers. */
export type CustomerPage = z.infer<typeof CustomerPageSchema>;

/** Analytics of one customer, each estimate explained in `reasons`. */
export const CustomerAnalyticsSchema = z
  .object({
    lifetime_value: z.number().meta({ description: "EGP: delivered orders' positive COD" }),
    order_frequency_per_month: z.number().meta({ description: "Orders per month over the customer's span (at least one month)" }),
    return_rate: z.number().meta({ description: '0-1' }),
    days_since_last_order: z.number().int().nullable(),
    median_interval_days: z.number().nullable().meta({ description: 'Median days between consecutive orders (null with fewer than two)' }),
    churn_risk: z.number().min(0).max(1).nullable().meta({ description: '0 within the usual interval, 1 at three usual intervals; null without orders' }),
    churn_level: z.enum(['low', 'medium', 'high']).nullable(),
    next_purchase_date: z.string().nullable().meta({ description: 'Last order + median interval (null with fewer than two orders)' }),
    health_score: z.number().int().min(0).max(100),
    reasons: z.array(z.string()).meta({ description: 'How each number was reached' }),
  })
  .meta({ id: 'CustomerAnalytics' });
/** Analytics of one customer. */
export type CustomerAnalyticsView = z.infer<typeof CustomerAnalyticsSchema>;

/** `GET /customers/:phone`: the customer and their analytics. */
export const CustomerDetailSchema = CustomerSchema.extend({ analytics: CustomerAnalyticsSchema }).meta({ id: 'CustomerDetail' });
/** A customer with analytics. */
export type CustomerDetail = z.infer<typeof CustomerDetailSchema>;

/** `GET /customers/:phone/interactions`: newest first. */
export const InteractionListSchema = z.object({ phone: z.string(), items: z.array(InteractionSchema) }).meta({ id: 'InteractionList' });
/** A customer's interactions. */
export type InteractionList = z.infer<typeof InteractionListSchema>;

/** One segment change. */
export const SegmentChangeSchema = z
  .object({ from_segment: CustomerSegmentSchema.nullable(), to_segment: CustomerSegmentSchema, reason: z.string(), at: z.string() })
  .meta({ id: 'SegmentChange' });

/** `GET /customers/:phone/segments`: every segment change, oldest first. */
export const SegmentHistorySchema = z.object({ phone: z.string(), items: z.array(SegmentChangeSchema) }).meta({ id: 'SegmentHistory' });
/** A customer's segment history. */
export type SegmentHistory = z.infer<typeof SegmentHistorySchema>;

const bySegment = z.object({ new: z.number().int(), regular: z.number().int(), vip: z.number().int(), problematic: z.number().int() });

/** `GET /customers/stats`: counts and totals. */
export const CustomerStatsSchema = z
  .object({
    total_customers: z.number().int(),
    with_orders: z.number().int(),
    erased: z.number().int(),
    by_segment: bySegment,
    total_orders: z.number().int(),
    total_value: z.number().meta({ description: 'EGP' }),
    avg_order_value: z.number().meta({ description: 'EGP: total value over the delivered, positive-COD orders it sums' }),
    avg_return_rate: z.number().meta({ description: '0-1, over customers with orders' }),
    avg_satisfaction: z.number().nullable(),
    with_maintenance_orders: z.number().int(),
  })
  .meta({ id: 'CustomerStats' });
/** Customer stats. */
export type CustomerStats = z.infer<typeof CustomerStatsSchema>;

/** `GET /customers/analytics` (and `/analytics/customers`): distributions over every customer. */
export const CustomersAnalyticsSchema = z
  .object({
    customers: z.number().int(),
    segment_distribution: bySegment,
    ltv_distribution: z.array(z.object({ bucket: z.string(), min: z.number(), max: z.number().nullable(), customers: z.number().int() }))
      .meta({ description: 'Customers per lifetime value range (EGP; max exclusive, null = no upper bound)' }),
    avg_lifetime_value: z.number(),
    avg_return_rate: z.number().meta({ description: '0-1, over customers with orders' }),
    churn_risk: z.object({ low: z.number().int(), medium: z.number().int(), high: z.number().int(), unknown: z.number().int() })
      .meta({ description: 'Customers per churn level (unknown = no orders)' }),
    top_customers: z.array(z.object({
      phone: z.string(), full_name: z.string().nullable(), customer_segment: CustomerSegmentSchema, total_value: z.number(), total_orders: z.number().int(),
    })).meta({ description: 'The ten highest lifetime values' }),
  })
  .meta({ id: 'CustomersAnalytics' });
/** Customers analytics. */
export type CustomersAnalytics = z.infer<typeof CustomersAnalyticsSchema>;
