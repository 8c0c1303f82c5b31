/**
 * What the customer screens share: the response fields they read (from the contracts' Customer,
 * CustomerDetail and CustomerStats schemas), the words for the API's enums, and `sendCommand`,
 * which follows a command through its 202 operation when the service answers late.
 */
import { useState } from 'preact/hooks';
import { command } from '../api.js';
import { messages } from '../i18n.js';
import { Badge } from '../ui/kit.js';

export type Segment = 'new' | 'regular' | 'vip' | 'problematic';
export const SEGMENTS: readonly Segment[] = ['new', 'regular', 'vip', 'problematic'];

/** `Customer` of the API (money in EGP, shares 0-1). */
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
  churn_level: 'low' | 'medium' | 'high' | null;
  next_purchase_date: string | null;
  health_score: number;
  reasons: string[];
}

export interface CustomerDetail extends Customer {
  analytics: CustomerAnalytics;
}

/** The name to show: full name, else first + last, else the phone. */
export function displayName(c: Pick<Customer, 'full_name' | 'first_name' | 'last_name' | 'phone'>): string {
  return c.full_name ?? ([c.first_name, c.last_name].filter(Boolean).join(' ') || c.phone);
}

/** A phone number stays left to right inside Arabic text. */
export function PhoneText({ phone }: { phone: string }) {
  return (
    <bdi dir="ltr" class="phone">
      {phone}
    </bdi>
  );
}

/** Text the API writes (reasons, explanations): English, kept left to right inside Arabic pages. */
export function ApiText({ children }: { children: string }) {
  return (
    <span lang="en" dir="ltr" class="api-text">
      {children}
    </span>
  );
}

const SEGMENT_TONE: Record<Segment, 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = { new: 'info', regular: 'neutral', vip: 'good', problematic: 'bad' };

export const enums = messages({
  en: {
    seg_new: 'New', seg_regular: 'Regular', seg_vip: 'VIP', seg_problematic: 'Problematic',
    churn_low: 'Low', churn_medium: 'Medium', churn_high: 'High',
    it_call: 'Call', it_whatsapp: 'WhatsApp', it_sms: 'SMS', it_email: 'Email', it_visit: 'Visit',
    pr_low: 'Low', pr_medium: 'Medium', pr_high: 'High', pr_urgent: 'Urgent',
    is_open: 'Open', is_in_progress: 'In progress', is_resolved: 'Resolved', is_closed: 'Closed',
  },
  ar: {
    seg_new: 'جديد', seg_regular: 'منتظم', seg_vip: 'مميز', seg_problematic: 'كثير المشكلات',
    churn_low: 'منخفض', churn_medium: 'متوسط', churn_high: 'مرتفع',
    it_call: 'مكالمة', it_whatsapp: 'واتساب', it_sms: 'رسالة نصية', it_email: 'بريد إلكتروني', it_visit: 'زيارة',
    pr_low: 'منخفضة', pr_medium: 'متوسطة', pr_high: 'مرتفعة', pr_urgent: 'عاجلة',
    is_open: 'مفتوح', is_in_progress: 'قيد المتابعة', is_resolved: 'تم الحل', is_closed: 'مغلق',
  },
});

export function SegmentBadge({ segment, label }: { segment: Segment; label: string }) {
  return <Badge tone={SEGMENT_TONE[segment]}>{label}</Badge>;
}

/** Sends a command (POST/PUT) and returns its result, following a 202 (see `command`). */
export function sendCommand<T>(method: 'POST' | 'PUT', path: string, body: unknown, maxWaitMs = 60_000): Promise<T> {
  return command<T>(method, path, body, { maxWaitMs });
}

/** Only the filled-in fields (optional text fields of the API take no empty strings). */
export function filled(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
}

/** `aria-*` of an input whose `Field` shows an error. */
export function invalidProps(id: string, error: string | undefined) {
  return error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}

/** Cursor pages of a section: the API pages forward only, so the cursors already seen are kept to go back. */
export interface Cursors {
  cursor: string;
  hasPrevious: boolean;
  next: (cursor: string) => void;
  previous: () => void;
}

export function useCursors(): Cursors {
  const [seen, setSeen] = useState<string[]>([]);
  return {
    cursor: seen.at(-1) ?? '',
    hasPrevious: seen.length > 0,
    next: (cursor) => setSeen((s) => [...s, cursor]),
    previous: () => setSeen((s) => s.slice(0, -1)),
  };
}
