import { z } from 'zod';
import { ClassificationDistributionSchema } from './classification.js';
import { CustomerStatsSchema } from './customers.js';
import { HierarchyAnalyticsSchema } from './hierarchy.js';
import { HubAnalyticsSchema } from './hub.js';
import { OrderStatsSchema, StateAnalysisSchema } from './orders.js';
import { ServiceAnalyticsSchema, ServiceDashboardSchema } from './service-actions.js';

/**
 * Analytics composed by the gateway from each owner (domain.md §9). A part whose owner does not
 * answer is null and named in `unavailable`: one service down never hides the others.
 */
const Unavailable = z.array(z.string()).meta({ description: 'Parts whose owning service did not answer (their fields are null)' });
const ratio = (description: string) => z.number().min(0).max(1).nullable().meta({ description });

/** `GET /analytics/orders`: totals, trend, categories, states, cities, SLA, delivery time, returns. */
export const OrdersAnalyticsSchema = z
  .object({
    totals: OrderStatsSchema.nullable(),
    states: StateAnalysisSchema.nullable(),
    classification: ClassificationDistributionSchema.nullable(),
    hierarchy: HierarchyAnalyticsSchema.nullable(),
    sla_compliance: ratio('Orders within SLA / all orders'),
    return_rate: ratio('Returned deliveries (state 46) / all orders'),
    unavailable: Unavailable,
  })
  .meta({ id: 'OrdersAnalytics' });

/** `GET /analytics/financial`: COD revenue by service type, refunds, service costs, courier fees. */
export const FinancialAnalyticsSchema = z
  .object({
    cod_total: z.number().nullable().meta({ description: 'EGP over every order' }),
    cod_by_service_type: z.array(z.object({ service_type: z.string(), count: z.number().int(), cod_total: z.number() })).nullable(),
    bosta_fees: z.number().nullable().meta({ description: "Bosta's fees on the order book (EGP)" }),
    service_costs: z.number().nullable().meta({ description: 'Parts, labour and replacement units of service actions (EGP)' }),
    service_courier_fees: z.number().nullable().meta({ description: 'Return pickups and outbound deliveries of service actions (EGP)' }),
    refunds: z.number().nullable(),
    estimated_costs: z.number().nullable(),
    net_after_service: z.number().nullable().meta({ description: 'cod_total − refunds − service costs − service courier fees − Bosta fees' }),
    unavailable: Unavailable,
  })
  .meta({ id: 'FinancialAnalytics' });
/** Financial analytics. */
export type FinancialAnalytics = z.infer<typeof FinancialAnalyticsSchema>;

/** `GET /analytics/cycle`: the after-sales cycle end to end. */
export const CycleAnalyticsSchema = z
  .object({
    actions_created: z.number().int().nullable(),
    actions_by_status: z.record(z.string(), z.number().int()).nullable(),
    returns_created: z.number().int().nullable(),
    outbound_created: z.number().int().nullable(),
    active_hub_workflows: z.number().int().nullable().meta({ description: 'Workflows waiting for the parcel, a scan, an inspection or a review' }),
    completion_rate: ratio('Completed / all but cancelled actions'),
    average_cycle_days: z.number().nullable().meta({ description: 'Created → completed, completed actions' }),
    unavailable: Unavailable,
  })
  .meta({ id: 'CycleAnalytics' });

/** `GET /analytics/dashboard`: one screen over everything. */
export const DashboardAnalyticsSchema = z
  .object({
    orders: z
      .object({ total: z.number().int(), delivered: z.number().int(), returned: z.number().int(), cod_total: z.number(), sla_compliance: ratio('Orders within SLA') })
      .nullable(),
    hierarchy: z.object({ coverage: z.number(), linked_subs: z.number().int(), subs: z.number().int() }).nullable(),
    service: ServiceDashboardSchema.nullable(),
    service_analytics: ServiceAnalyticsSchema.nullable(),
    customers: CustomerStatsSchema.nullable(),
    hub: HubAnalyticsSchema.nullable(),
    unavailable: Unavailable,
  })
  .meta({ id: 'DashboardAnalytics' });
/** Dashboard analytics. */
export type DashboardAnalytics = z.infer<typeof DashboardAnalyticsSchema>;
