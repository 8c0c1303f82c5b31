/**
 * The fields of the analytics answers the dashboard reads (from `@hvar/contracts` http: OrderStats,
 * DashboardAnalytics, FinancialAnalytics, ClassificationDistribution), kept local so the bundle
 * carries no schema library.
 */

export interface Bucket {
  count: number;
  cod_total: number;
}

/** `GET /api/v1/orders/stats`. */
export interface OrderStats {
  total_orders: number;
  cod_total: number;
  delivered: number;
  returned: number;
  in_progress: number;
  sla_exceeded: number;
  average_delivery_time_hours: number | null;
  last_synced: string | null;
  by_state: (Bucket & { state_code: number; state_value: string | null })[];
  by_service_type: (Bucket & { service_type: string })[];
  by_day: (Bucket & { day: string; delivered: number; returned: number; in_progress: number; by_category: Record<string, number> })[];
}

export interface ServiceDashboard {
  open: number;
  needs_attention: number;
  pending_review: number;
  awaiting_execution: number;
  created_last_7_days: number;
  completed_last_7_days: number;
}

export interface ServiceAnalytics {
  total: number;
  by_type: Record<string, number>;
  by_status: Record<string, number>;
  average_resolution_days: number | null;
  completion_rate: number | null;
}

export interface HubPerformance {
  workflows: number;
  average_quality_score: number | null;
  review_rate: number | null;
  average_scan_to_confirm_minutes: number | null;
}

export interface HubAnalytics {
  total: number;
  by_status: Record<string, number>;
  overall: HubPerformance;
  reviews: { pending: number; approved: number; rejected: number; requires_changes: number };
}

/** `GET /api/v1/analytics/dashboard`: a null part is named in `unavailable`. */
export interface DashboardAnalytics {
  orders: { total: number; delivered: number; returned: number; cod_total: number; sla_compliance: number | null } | null;
  hierarchy: { coverage: number; linked_subs: number; subs: number } | null;
  service: ServiceDashboard | null;
  service_analytics: ServiceAnalytics | null;
  hub: HubAnalytics | null;
  unavailable: string[];
}

/** `GET /api/v1/analytics/financial`. */
export interface FinancialAnalytics {
  cod_total: number | null;
  bosta_fees: number | null;
  service_costs: number | null;
  service_courier_fees: number | null;
  refunds: number | null;
  net_after_service: number | null;
  unavailable: string[];
}

/** `GET /api/v1/analytics/classification`. */
export interface ClassificationDistribution {
  total: number;
  by_business_category: { value: string; count: number }[];
}
