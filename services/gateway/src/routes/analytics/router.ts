import {
  ClassificationDistributionSchema, CustomerStatsSchema, CycleAnalyticsSchema, DashboardAnalyticsSchema, FinancialAnalyticsSchema, HierarchyAnalyticsSchema, HubAnalyticsSchema,
  OrderStatsSchema, OrdersAnalyticsSchema, ServiceAnalyticsSchema, ServiceDashboardSchema, StateAnalysisSchema, type HubAnalytics,
} from '@hvar/contracts';
import { z } from 'zod';
import type { GatewayDeps } from '../../deps.js';
import { route, type AnyRoute } from '../../http/route.js';
import { forwardGet, serviceClient } from '../../http/service-client.js';

const readers = ['agent', 'viewer', 'team_leader'] as const;
const tag = 'Analytics';
const NoQuery = z.strictObject({});

/** One part of a composed answer: the owner's answer parsed with its contract, or null when the owner did not answer. */
interface Part<T> {
  name: string;
  value: T | null;
}

/** Reads one owner's analytics; a service that is down, slow or answers something else gives null (and is named), never a failed page. */
async function part<T>(deps: GatewayDeps, name: string, service: string, path: string, schema: z.ZodType<T>): Promise<Part<T>> {
  try {
    const body = await forwardGet(serviceClient(deps), service, path);
    const parsed = schema.safeParse(body);
    return { name, value: parsed.success ? parsed.data : null };
  } catch {
    return { name, value: null };
  }
}

const missing = (...parts: Part<unknown>[]) => parts.filter((p) => p.value === null).map((p) => p.name);
const share = (n: number, total: number) => (total > 0 ? Math.round((n / total) * 10_000) / 10_000 : null);
const money = (n: number) => Math.round(n * 100) / 100;

const fetchers = {
  stats: (deps: GatewayDeps) => part(deps, 'orders', 'sync', '/orders/stats', OrderStatsSchema),
  states: (deps: GatewayDeps) => part(deps, 'order_states', 'sync', '/orders/states', StateAnalysisSchema),
  classification: (deps: GatewayDeps) => part(deps, 'classification', 'classifier', '/analytics/distribution', ClassificationDistributionSchema),
  hierarchy: (deps: GatewayDeps) => part(deps, 'hierarchy', 'hierarchy', '/analytics', HierarchyAnalyticsSchema),
  service: (deps: GatewayDeps) => part(deps, 'service', 'service-action', '/actions/analytics', ServiceAnalyticsSchema),
  serviceDashboard: (deps: GatewayDeps) => part(deps, 'service_dashboard', 'service-action', '/actions/dashboard', ServiceDashboardSchema),
  customers: (deps: GatewayDeps) => part(deps, 'customers', 'service-action', '/customers/stats', CustomerStatsSchema),
  hub: (deps: GatewayDeps) => part(deps, 'hub', 'hub', '/analytics', HubAnalyticsSchema),
};

/** Workflows of the hub still open (waiting for the parcel, scanned, inspected awaiting review). */
function activeWorkflows(hub: HubAnalytics | null): number | null {
  if (!hub) return null;
  return ['pending', 'scanning', 'inspecting'].reduce((sum, s) => sum + (hub.by_status[s] ?? 0), 0);
}

/**
 * Analytics composed from each owner (domain.md §9): orders (sync, classifier, hierarchy), financial
 * (sync and service-action), hub (hub), cycle (service-action and hub) and a dashboard over all.
 * The gateway only gathers and divides; every figure comes from the service that owns it.
 */
export const analyticsRoutes: AnyRoute<GatewayDeps>[] = [
  route<GatewayDeps, undefined, z.infer<typeof NoQuery>>({
    method: 'get', path: '/api/v1/analytics/orders', summary: 'Orders: totals and trend, categories, states, cities, SLA compliance, delivery time, return rate', tag,
    access: readers, query: NoQuery, responses: { 200: { description: 'The analytics', schema: OrdersAnalyticsSchema } },
    handler: async (_req, deps) => {
      const [stats, states, classification, hierarchy] = await Promise.all([fetchers.stats(deps), fetchers.states(deps), fetchers.classification(deps), fetchers.hierarchy(deps)]);
      const t = stats.value;
      return {
        status: 200,
        body: {
          totals: t, states: states.value, classification: classification.value, hierarchy: hierarchy.value,
          sla_compliance: t ? share(t.total_orders - t.sla_exceeded, t.total_orders) : null,
          return_rate: t ? share(t.returned, t.total_orders) : null,
          unavailable: missing(stats, states, classification, hierarchy),
        },
      };
    },
  }),
  route<GatewayDeps, undefined, z.infer<typeof NoQuery>>({
    method: 'get', path: '/api/v1/analytics/financial', summary: 'Financial: COD revenue by service type, refunds, service costs, courier fees', tag,
    access: readers, query: NoQuery, responses: { 200: { description: 'The analytics', schema: FinancialAnalyticsSchema } },
    handler: async (_req, deps) => {
      const [stats, service] = await Promise.all([fetchers.stats(deps), fetchers.service(deps)]);
      const t = stats.value;
      const c = service.value?.costs;
      return {
        status: 200,
        body: {
          cod_total: t?.cod_total ?? null, cod_by_service_type: t?.by_service_type ?? null, bosta_fees: t?.bosta_fees_total ?? null,
          service_costs: c?.actual ?? null, service_courier_fees: c?.courier_fees ?? null, refunds: c?.refunds ?? null, estimated_costs: c?.estimated ?? null,
          net_after_service: t && c ? money(t.cod_total - c.refunds - c.actual - c.courier_fees - t.bosta_fees_total) : null,
          unavailable: missing(stats, service),
        },
      };
    },
  }),
  route<GatewayDeps, undefined, z.infer<typeof NoQuery>>({
    method: 'get', path: '/api/v1/analytics/hub', summary: 'Hub: quality scores, review rate, scan-to-confirm time, per hub and per agent', tag,
    access: readers, query: NoQuery, responses: { 200: { description: 'The hub analytics', schema: HubAnalyticsSchema } },
    handler: async (_req, deps) => {
      const hub = await forwardGet(serviceClient(deps), 'hub', '/analytics');
      return { status: 200, body: hub };
    },
  }),
  route<GatewayDeps, undefined, z.infer<typeof NoQuery>>({
    method: 'get', path: '/api/v1/analytics/cycle', summary: 'The cycle: actions and returns created, active hub workflows, completion rate, average cycle duration', tag,
    access: readers, query: NoQuery, responses: { 200: { description: 'The analytics', schema: CycleAnalyticsSchema } },
    handler: async (_req, deps) => {
      const [service, hub] = await Promise.all([fetchers.service(deps), fetchers.hub(deps)]);
      const s = service.value;
      return {
        status: 200,
        body: {
          actions_created: s?.total ?? null, actions_by_status: s?.by_status ?? null, returns_created: s?.legs.returns_created ?? null,
          outbound_created: s?.legs.outbound_created ?? null, active_hub_workflows: activeWorkflows(hub.value),
          completion_rate: s?.completion_rate ?? null, average_cycle_days: s?.average_resolution_days ?? null,
          unavailable: missing(service, hub),
        },
      };
    },
  }),
  route<GatewayDeps, undefined, z.infer<typeof NoQuery>>({
    method: 'get', path: '/api/v1/analytics/dashboard', summary: 'Dashboard: orders, hierarchy coverage, service actions, customers and hub in one answer', tag,
    access: readers, query: NoQuery, responses: { 200: { description: 'The dashboard', schema: DashboardAnalyticsSchema } },
    handler: async (_req, deps) => {
      const [stats, hierarchy, dashboard, service, customers, hub] = await Promise.all([
        fetchers.stats(deps), fetchers.hierarchy(deps), fetchers.serviceDashboard(deps), fetchers.service(deps), fetchers.customers(deps), fetchers.hub(deps),
      ]);
      const t = stats.value;
      const h = hierarchy.value;
      return {
        status: 200,
        body: {
          orders: t ? { total: t.total_orders, delivered: t.delivered, returned: t.returned, cod_total: t.cod_total, sla_compliance: share(t.total_orders - t.sla_exceeded, t.total_orders) } : null,
          hierarchy: h ? { coverage: h.coverage, linked_subs: h.linked_subs, subs: h.subs } : null,
          service: dashboard.value, service_analytics: service.value, customers: customers.value, hub: hub.value,
          unavailable: missing(stats, hierarchy, dashboard, service, customers, hub),
        },
      };
    },
  }),
];
