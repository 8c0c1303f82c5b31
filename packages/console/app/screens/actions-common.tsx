/**
 * What the three service-action screens share: the response shapes they read (from
 * `packages/contracts/src/messages/service-action.ts`), the lifecycle order of the statuses (the
 * transition table of `services/service-action/src/domain/transitions.ts`), their words in both
 * languages, and commands sent with an Idempotency-Key that follow a 202 to its result.
 */
import { Fragment, type ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { ApiError, command, newIdempotencyKey } from '../api.js';
import { formatNumber, messages, useT } from '../i18n.js';
import { Badge, Field } from '../ui/kit.js';

/** Statuses in the order of the lifecycle (domain.md §6): the main line, its detours beside the step they leave, final ones last. */
export const LIFECYCLE = [
  'requested', 'return_ordered', 'return_in_transit', 'return_failed', 'return_received', 'hub_confirmed', 'pending_review',
  'in_progress', 'outbound_shipped', 'completed', 'rejected', 'cancelled',
] as const;
export type ActionStatus = (typeof LIFECYCLE)[number];

export const ACTION_TYPES = ['maintenance', 'service', 'replace_part', 'replace_full', 'return_refund'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];
export const SUBTYPES = ['warranty', 'paid', 'exchange', 'refund'] as const;
export type ActionSubtype = (typeof SUBTYPES)[number];
export const SEGMENTS = ['new', 'regular', 'vip', 'problematic'] as const;

/** Statuses an agent may still cancel from (the table's edges to `cancelled`). */
export const CANCELLABLE: readonly ActionStatus[] = ['requested', 'return_ordered', 'return_in_transit', 'return_failed'];
/** Final statuses: no edge leaves them. */
export const FINAL: readonly ActionStatus[] = ['completed', 'cancelled', 'rejected'];

export interface Address {
  city: string;
  zone: string | null;
  district: string | null;
  first_line: string;
}

export interface Part {
  sku: string;
  name: string;
  qty: number;
  unit_cost: number;
}

export interface Transition {
  from_status: ActionStatus | null;
  to_status: ActionStatus;
  actor: string;
  reason: string | null;
  at: string;
}

export interface Costs {
  estimated_cost: number;
  actual_cost: number;
  parts_cost: number;
  labour_cost: number;
  return_courier_fee: number;
  outbound_courier_fee: number;
  customer_contribution: number;
  refund_amount: number;
  refund_processed: boolean;
}

/** A service action as `GET /api/v1/service-actions[/:id]` answers it (the fields the console uses). */
export interface ServiceAction {
  action_id: string;
  case_number: string;
  customer_phone: string;
  customer_name: string | null;
  action_type: ActionType;
  action_subtype: ActionSubtype | null;
  action_status: ActionStatus;
  allowed_transitions: ActionStatus[];
  service_reason: string;
  service_notes: string | null;
  main_order_id: string | null;
  main_tracking_number: string | null;
  sub_order_id: string | null;
  sub_tracking_number: string | null;
  source_order_id: string | null;
  source_tracking_number: string | null;
  auto_detected: boolean;
  on_site: boolean;
  product_name: string | null;
  product_sku: string | null;
  product_description: string | null;
  pickup_address: Address | null;
  return_tracking_number: string | null;
  return_status: string | null;
  outbound_tracking_number: string | null;
  outbound_status: string | null;
  needs_attention: string | null;
  review_required: boolean;
  review_decision: 'approved' | 'rejected' | 'requires_changes' | null;
  approved_refund_limit: number | null;
  hub_quality_score: number | null;
  hub_recommended_action: string | null;
  assigned_technician: string | null;
  parts_used: Part[];
  warranty_applies: boolean;
  costs: Costs;
  closure_verified: boolean;
  created_by: string;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  cancelled_reason: string | null;
  transitions?: Transition[];
}

export interface PageOf<T> {
  items: T[];
  next_cursor: string | null;
}

/** An order as `GET /api/v1/orders/phone/:phone` lists it (fields used to offer it). */
export interface CustomerOrder {
  id: string;
  tracking_number: string;
  state_code: number;
  state_value: string | null;
  masked_state: string | null;
  cod: number;
  product_name: string | null;
  specs_description: string | null;
  created_at: string;
  service_type: string | null;
  order_level: number | null;
}

export const actionWords = messages({
  en: {
    status_requested: 'Requested', status_return_ordered: 'Return ordered', status_return_in_transit: 'Return in transit', status_return_failed: 'Return failed',
    status_return_received: 'Return received', status_hub_confirmed: 'Hub confirmed', status_pending_review: 'Pending review', status_in_progress: 'In progress',
    status_outbound_shipped: 'Shipped back', status_completed: 'Completed', status_rejected: 'Rejected', status_cancelled: 'Cancelled',
    type_maintenance: 'Maintenance', type_service: 'Service', type_replace_part: 'Replace a part', type_replace_full: 'Full replacement', type_return_refund: 'Return and refund',
    subtype_warranty: 'Warranty', subtype_paid: 'Paid', subtype_exchange: 'Exchange', subtype_refund: 'Refund',
    segment_new: 'New', segment_regular: 'Regular', segment_vip: 'VIP', segment_problematic: 'Problematic',
    leg_pending: 'pending', leg_rejected: 'refused by Bosta', leg_created: 'created', leg_picked_up: 'picked up', leg_in_transit: 'in transit',
    leg_delivered_to_hub: 'delivered to the hub', leg_delivered: 'delivered', leg_failed: 'failed', leg_cancelled: 'cancelled',
    decision_approved: 'approved', decision_rejected: 'rejected', decision_requires_changes: 'changes required',
    recommend_maintenance: 'maintenance', recommend_replace_part: 'replace a part', recommend_replace_full: 'full replacement', recommend_refund: 'refund', recommend_dispose: 'dispose',
    ageMinutes: '{n} min', ageHours: '{n} h', ageDays: '{n} d', stillRunning: 'The command is queued and still running. Reload the page in a moment to see its result.',
  },
  ar: {
    status_requested: 'تم الطلب', status_return_ordered: 'تم طلب الإرجاع', status_return_in_transit: 'الإرجاع في الطريق', status_return_failed: 'فشل الإرجاع',
    status_return_received: 'تم استلام المرتجع', status_hub_confirmed: 'تم التأكيد في المستودع', status_pending_review: 'بانتظار المراجعة', status_in_progress: 'قيد التنفيذ',
    status_outbound_shipped: 'تم الشحن إلى العميل', status_completed: 'مكتمل', status_rejected: 'مرفوض', status_cancelled: 'ملغى',
    type_maintenance: 'صيانة', type_service: 'خدمة', type_replace_part: 'استبدال قطعة', type_replace_full: 'استبدال كامل', type_return_refund: 'إرجاع واسترداد',
    subtype_warranty: 'ضمان', subtype_paid: 'مدفوع', subtype_exchange: 'استبدال', subtype_refund: 'استرداد',
    segment_new: 'جديد', segment_regular: 'منتظم', segment_vip: 'مميز', segment_problematic: 'كثير المشكلات',
    leg_pending: 'قيد الانتظار', leg_rejected: 'رفضته بوسطة', leg_created: 'تم الإنشاء', leg_picked_up: 'تم الاستلام', leg_in_transit: 'في الطريق',
    leg_delivered_to_hub: 'وصل إلى المستودع', leg_delivered: 'تم التسليم', leg_failed: 'فشل', leg_cancelled: 'ملغى',
    decision_approved: 'موافق عليه', decision_rejected: 'مرفوض', decision_requires_changes: 'مطلوب تعديلات',
    recommend_maintenance: 'صيانة', recommend_replace_part: 'استبدال قطعة', recommend_replace_full: 'استبدال كامل', recommend_refund: 'استرداد', recommend_dispose: 'إتلاف',
    ageMinutes: '{n} دقيقة', ageHours: '{n} ساعة', ageDays: '{n} يوم', stillRunning: 'الأمر في الطابور وما زال قيد التنفيذ. أعد تحميل الصفحة بعد قليل لرؤية نتيجته.',
  },
});

const TONE: Record<ActionStatus, 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = {
  requested: 'info', return_ordered: 'info', return_in_transit: 'info', return_failed: 'bad', return_received: 'info', hub_confirmed: 'info',
  pending_review: 'warn', in_progress: 'info', outbound_shipped: 'info', completed: 'good', rejected: 'bad', cancelled: 'neutral',
};

/** A status as a coloured badge with its name. */
export function StatusBadge({ status }: { status: ActionStatus }) {
  const w = useT(actionWords);
  return (
    <span data-status-badge={status}>
      <Badge tone={TONE[status]}>{w(`status_${status}`)}</Badge>
    </span>
  );
}

type Word = keyof (typeof actionWords)['en'];

/** A word of `actionWords` for a value the API sends as free text (an unknown value shows as sent). */
export function useWord(): (prefix: 'leg' | 'decision' | 'recommend', value: string | null) => string {
  const w = useT(actionWords);
  return (prefix, value) => {
    if (value === null) return '—';
    const key = `${prefix}_${value}`;
    return key in actionWords.en ? w(key as Word) : value;
  };
}

/** How long ago `iso` was, in the largest whole unit (minutes, hours, days). */
export function useAge(): (iso: string) => string {
  const w = useT(actionWords);
  return (iso) => {
    const minutes = Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 60_000));
    if (minutes < 60) return w('ageMinutes', { n: formatNumber(minutes) });
    if (minutes < 48 * 60) return w('ageHours', { n: formatNumber(Math.floor(minutes / 60)) });
    return w('ageDays', { n: formatNumber(Math.floor(minutes / 1_440)) });
  };
}

/** A phone number kept left-to-right inside Arabic text. */
export function Phone({ value }: { value: string }) {
  return <bdi dir="ltr">{value}</bdi>;
}

/** Whether typed text looks like a whole Egyptian mobile (any usual spelling); the API normalizes and stays the judge. */
export function looksLikePhone(text: string): boolean {
  return /^(?:\+?20|0020)?0?1[0125]\d{8}$/.test(text.replace(/[\s().-]/g, ''));
}

/**
 * One Idempotency-Key per form and request body: sending the same body twice (a double click, a
 * retry after a lost answer) reuses the key, so the gateway runs the command once; a changed body
 * gets a new key (the gateway refuses a key reused with another body).
 */
export function useIdempotencyKey(): { keyFor: (body: unknown) => string; settled: (error: unknown) => void } {
  const last = useRef<{ body: string; key: string } | null>(null);
  return {
    keyFor: (body) => {
      const json = JSON.stringify(body);
      if (last.current?.body !== json) last.current = { body: json, key: newIdempotencyKey() };
      return last.current.key;
    },
    // A clear refusal (4xx) was the answer: the next try is a new request, not a retry of a lost one.
    settled: (error) => {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) last.current = null;
    },
  };
}

/** Sends a command with its Idempotency-Key, following a 202 for up to `waitMs` (see `command`). */
export function sendCommand<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body: unknown, key: string, stillRunning: string, waitMs = 30_000): Promise<T> {
  return command<T>(method, path, body, { idempotencyKey: key, stillRunning, maxWaitMs: waitMs });
}

/** Query path of one action (id or case number). */
export const actionPath = (ref: string) => `/api/v1/service-actions/${encodeURIComponent(ref)}`;

/** A labelled text input (or textarea) wired to its hint and to the API's error for its field. */
export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string;
  hint?: string;
  multiline?: boolean;
  type?: 'text' | 'tel' | 'number' | 'email';
  dir?: 'ltr';
  required?: boolean;
  step?: string;
  autoFocus?: boolean;
}) {
  const { id, error, hint } = props;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const shared = {
    id, name: id, value: props.value, dir: props.dir, 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': describedBy,
    'aria-required': props.required ? ('true' as const) : undefined, autoFocus: props.autoFocus,
  };
  return (
    <Field id={id} label={props.label} error={error} hint={hint}>
      {props.multiline ? (
        <textarea {...shared} onInput={(e) => props.onValue(e.currentTarget.value)} />
      ) : (
        <input {...shared} type={props.type ?? 'text'} step={props.step} autocomplete="off" onInput={(e) => props.onValue(e.currentTarget.value)} />
      )}
    </Field>
  );
}

/** Moves focus to the first field the API found wrong, else to the problem box (keyboard users land on what to fix). */
export function focusProblem(container: HTMLElement | null): void {
  requestAnimationFrame(() => {
    const invalid = container?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? container?.querySelector<HTMLElement>('.sa-problem-anchor'))?.focus();
  });
}

/** Label and value pairs as a definition list. */
export function FactList({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="facts">
      {rows.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
