/**
 * Customers as the public API answers them (contracts `Customer`, `CustomerDetail`, `Interaction` in
 * `packages/contracts/src/messages/service-action.ts`): money in EGP, shares 0-1.
 */

export const SEGMENTS = ['new', 'regular', 'vip', 'problematic'] as const;
export type Segment = (typeof SEGMENTS)[number];

/** Priority of an interaction, and of the repair a hub inspection recommends. */
export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const INTERACTION_TYPES = ['call', 'whatsapp', 'sms', 'email', 'visit'] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];
export type InteractionStatus = 'open' | 'in_progress' | 'resolved' | 'closed';
export type ChurnLevel = 'low' | 'medium' | 'high';

/** `Customer` of the API. */
export interface Customer {
  phone: string;
  first_name: string | null;
  last_name: string | null;
  full_name: string | null;
  email: string | null;
  primary_city: string | null;
  primary_zone: string | null;
  primary_district: string | null;
  primary_address: string | null;
  total_orders: number;
  total_value: number;
  avg_order_value: number;
  first_order_date: string | null;
  last_order_date: string | null;
  delivered_main_orders: number;
  returned_orders: number;
  maintenance_orders: number;
  return_rate: number;
  satisfaction_score: number | null;
  customer_segment: Segment;
  segment_reason: string;
  service_actions: number;
  erased: boolean;
}

/** `CustomerAnalytics`: each estimate explained in `reasons`. */
export interface CustomerAnalytics {
  lifetime_value: number;
  order_frequency_per_month: number;
  return_rate: number;
  days_since_last_order: number | null;
  median_interval_days: number | null;
  churn_risk: number | null;
  churn_level: ChurnLevel | null;
  next_purchase_date: string | null;
  health_score: number;
  reasons: string[];
}

/** `GET /api/v1/customers/:phone`. */
export interface CustomerDetail extends Customer {
  analytics: CustomerAnalytics;
}

export interface Interaction {
  interaction_id: string;
  interaction_type: InteractionType;
  subject: string;
  description: string | null;
  priority: Priority;
  status: InteractionStatus;
  assigned_agent: string | null;
  customer_satisfaction: number | null;
  resolution_time_hours: number | null;
  follow_up_date: string | null;
  follow_up_notes: string | null;
  created_by: string;
  created_at: string;
}

/** The name to show: full name, else first + last, else the phone. */
export function displayName(c: Pick<Customer, 'full_name' | 'first_name' | 'last_name' | 'phone'>): string {
  return c.full_name ?? ([c.first_name, c.last_name].filter(Boolean).join(' ') || c.phone);
}

/** Whether typed text looks like a whole Egyptian mobile (any usual spelling); the API normalizes and stays the judge. */
export function looksLikePhone(text: string): boolean {
  return /^(?:\+?20|0020)?0?1[0125]\d{8}$/.test(text.replace(/[\s().-]/g, ''));
}

/** Path of a customer's 360 page. */
export const customerHref = (phone: string): string => `/customers/${encodeURIComponent(phone)}`;
