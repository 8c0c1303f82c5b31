/**
 * What the hub station, the review queue and the technician queue share: the hub workflow and
 * service-action shapes they read (from `packages/contracts/src/messages/returns-hub.ts` and
 * `service-action.ts`), the words for their enums in both languages, the inspection summary, and
 * commands that follow a 202 to their result.
 */
import type { ComponentChildren } from 'preact';
import { command as runCommand } from '../api.js';
import { formatDate, formatMoney, formatNumber, messages, useT } from '../i18n.js';
import { Badge } from '../ui/kit.js';

export type ActionType = 'maintenance' | 'service' | 'replace_part' | 'replace_full' | 'return_refund';
export type ActionStatus =
  | 'requested' | 'return_ordered' | 'return_in_transit' | 'return_received' | 'hub_confirmed' | 'pending_review' | 'rejected'
  | 'in_progress' | 'outbound_shipped' | 'completed' | 'return_failed' | 'cancelled';
export type Condition = 'excellent' | 'good' | 'fair' | 'poor' | 'damaged';
export type Functionality = 'working' | 'partially_working' | 'not_working';
export type Recommended = 'maintenance' | 'replace_part' | 'replace_full' | 'refund' | 'dispose';
export type Priority = 'low' | 'medium' | 'high' | 'urgent';
export type Decision = 'approved' | 'rejected' | 'requires_changes';
export type WorkflowStatus = 'pending' | 'scanning' | 'inspecting' | 'confirmed' | 'rejected' | 'cancelled';
export type PickupStatus = 'pending' | 'rejected' | 'created' | 'picked_up' | 'in_transit' | 'delivered_to_hub' | 'failed' | 'cancelled';

export const CONDITIONS: readonly Condition[] = ['excellent', 'good', 'fair', 'poor', 'damaged'];
export const FUNCTIONALITY: readonly Functionality[] = ['working', 'partially_working', 'not_working'];
export const RECOMMENDED: readonly Recommended[] = ['maintenance', 'replace_part', 'replace_full', 'refund', 'dispose'];
export const PRIORITIES: readonly Priority[] = ['low', 'medium', 'high', 'urgent'];

/** The inspection fields of a workflow (domain.md §8). */
export interface Inspection {
  product_condition: Condition;
  missing_parts: string[];
  visible_damage: string | null;
  functionality_test: Functionality | null;
  quality_score: number;
  inspection_notes: string | null;
  recommended_action: Recommended;
  recommended_priority: Priority;
  estimated_repair_cost: number | null;
  estimated_repair_days: number | null;
}

/** A hub workflow as `GET /api/v1/hub/workflows` answers it. */
export interface Workflow {
  workflow_id: string;
  action_id: string;
  case_number: string;
  action_type: ActionType;
  return_tracking_number: string;
  customer_phone: string;
  product_name: string | null;
  reason: string;
  status: WorkflowStatus;
  return_status: string | null;
  hub_name: string | null;
  hub_agent: string | null;
  inspection: Inspection | null;
  review_required: boolean;
  review_reasons: string[];
  review: { team_leader: string; decision: Decision; notes: string | null; approved_refund_limit: number | null; at: string } | null;
  scanned_at: string | null;
  inspection_completed_at: string | null;
  created_at: string;
}

/** A service action, the fields these screens show. */
export interface Action {
  action_id: string;
  case_number: string;
  customer_phone: string;
  customer_name: string | null;
  action_type: ActionType;
  action_status: ActionStatus;
  service_reason: string;
  service_notes: string | null;
  main_tracking_number: string | null;
  on_site: boolean;
  product_name: string | null;
  product_sku: string | null;
  outbound_tracking_number: string | null;
  outbound_status: string | null;
  review_required: boolean;
  review_decision: Decision | null;
  approved_refund_limit: number | null;
  hub_quality_score: number | null;
  hub_recommended_action: string | null;
  assigned_technician: string | null;
  updated_at: string;
}

export interface PageOf<T> {
  items: T[];
  next_cursor: string | null;
}

/** A workflow awaits an inspection: scanned, and not inspected yet (or a team leader asked for a new one). */
export function awaitsInspection(w: Workflow): boolean {
  return w.status === 'inspecting' && (w.inspection === null || w.review?.decision === 'requires_changes');
}

/** A workflow's inspection awaits a team leader's decision. */
export function awaitsReview(w: Workflow): boolean {
  return w.status === 'inspecting' && w.inspection !== null && w.review === null;
}

export const labels = messages({
  en: {
    type_maintenance: 'Maintenance', type_service: 'Service', type_replace_part: 'Part replacement', type_replace_full: 'Full replacement', type_return_refund: 'Return and refund',
    status_requested: 'Requested', status_return_ordered: 'Return ordered', status_return_in_transit: 'Return in transit', status_return_received: 'Return received',
    status_hub_confirmed: 'Hub confirmed', status_pending_review: 'Pending review', status_rejected: 'Rejected', status_in_progress: 'In progress',
    status_outbound_shipped: 'Shipped to customer', status_completed: 'Completed', status_return_failed: 'Return failed', status_cancelled: 'Cancelled',
    cond_excellent: 'Excellent', cond_good: 'Good', cond_fair: 'Fair', cond_poor: 'Poor', cond_damaged: 'Damaged',
    func_working: 'Working', func_partially_working: 'Partially working', func_not_working: 'Not working',
    rec_maintenance: 'Maintenance', rec_replace_part: 'Replace a part', rec_replace_full: 'Replace the unit', rec_refund: 'Refund', rec_dispose: 'Dispose',
    prio_low: 'Low', prio_medium: 'Medium', prio_high: 'High', prio_urgent: 'Urgent',
    dec_approved: 'Approved', dec_rejected: 'Rejected', dec_requires_changes: 'New inspection asked',
    reason_low_quality_score: 'Low quality score', reason_risky_action: 'Recommendation always reviewed', reason_action_mismatch: 'Differs from what the customer asked for',
    wf_pending: 'Expected', wf_scanning: 'Scanning', wf_inspecting: 'Inspecting', wf_confirmed: 'Confirmed', wf_rejected: 'Rejected', wf_cancelled: 'Cancelled',
    pickup_pending: 'Pickup pending', pickup_rejected: 'Refused by Bosta', pickup_created: 'Pickup created', pickup_picked_up: 'Picked up',
    pickup_in_transit: 'In transit', pickup_delivered_to_hub: 'Delivered to hub', pickup_failed: 'Pickup failed', pickup_cancelled: 'Pickup cancelled',
    inspection: 'Inspection', condition: 'Condition', functionality: 'Functionality test', notTested: 'Not tested', score: 'Quality score', scoreValue: '{score} / 10',
    missing: 'Missing parts', damage: 'Visible damage', notes: 'Inspection notes', recommended: 'Recommended action', priority: 'Priority',
    repairCost: 'Estimated repair cost', repairDays: 'Estimated repair days', daysValue: '{days} days', none: 'None', noInspection: 'No hub inspection yet.',
    stillRunning: 'The request was accepted and is still being processed. Check again in a moment.',
  },
  ar: {
    type_maintenance: 'صيانة', type_service: 'خدمة', type_replace_part: 'استبدال قطعة', type_replace_full: 'استبدال كامل', type_return_refund: 'إرجاع واسترداد',
    status_requested: 'مطلوب', status_return_ordered: 'طُلب الإرجاع', status_return_in_transit: 'الإرجاع في الطريق', status_return_received: 'استُلم الإرجاع',
    status_hub_confirmed: 'أكّده المستودع', status_pending_review: 'بانتظار المراجعة', status_rejected: 'مرفوض', status_in_progress: 'قيد التنفيذ',
    status_outbound_shipped: 'شُحن إلى العميل', status_completed: 'مكتمل', status_return_failed: 'فشل الإرجاع', status_cancelled: 'ملغى',
    cond_excellent: 'ممتازة', cond_good: 'جيدة', cond_fair: 'مقبولة', cond_poor: 'سيئة', cond_damaged: 'تالفة',
    func_working: 'يعمل', func_partially_working: 'يعمل جزئيًا', func_not_working: 'لا يعمل',
    rec_maintenance: 'صيانة', rec_replace_part: 'استبدال قطعة', rec_replace_full: 'استبدال الوحدة', rec_refund: 'استرداد المبلغ', rec_dispose: 'إتلاف',
    prio_low: 'منخفضة', prio_medium: 'متوسطة', prio_high: 'عالية', prio_urgent: 'عاجلة',
    dec_approved: 'تمت الموافقة', dec_rejected: 'مرفوض', dec_requires_changes: 'طُلب فحص جديد',
    reason_low_quality_score: 'درجة جودة منخفضة', reason_risky_action: 'توصية تُراجع دائمًا', reason_action_mismatch: 'تختلف عمّا طلبه العميل',
    wf_pending: 'متوقَّع', wf_scanning: 'قيد المسح', wf_inspecting: 'قيد الفحص', wf_confirmed: 'مؤكَّد', wf_rejected: 'مرفوض', wf_cancelled: 'ملغى',
    pickup_pending: 'الاستلام قيد الانتظار', pickup_rejected: 'رفضته بوسطة', pickup_created: 'أُنشئ طلب الاستلام', pickup_picked_up: 'استُلم من العميل',
    pickup_in_transit: 'في الطريق', pickup_delivered_to_hub: 'وصل إلى المستودع', pickup_failed: 'فشل الاستلام', pickup_cancelled: 'أُلغي الاستلام',
    inspection: 'الفحص', condition: 'حالة المنتج', functionality: 'اختبار التشغيل', notTested: 'لم يُختبر', score: 'درجة الجودة', scoreValue: '{score} / 10',
    missing: 'القطع الناقصة', damage: 'التلف الظاهر', notes: 'ملاحظات الفحص', recommended: 'الإجراء المقترح', priority: 'الأولوية',
    repairCost: 'تكلفة الإصلاح المتوقعة', repairDays: 'أيام الإصلاح المتوقعة', daysValue: '{days} يوم', none: 'لا يوجد', noInspection: 'لا يوجد فحص من المستودع بعد.',
    stillRunning: 'قُبل الطلب وما زال قيد المعالجة. تحقّق بعد لحظات.',
  },
});

const PICKUP: readonly string[] = ['pending', 'rejected', 'created', 'picked_up', 'in_transit', 'delivered_to_hub', 'failed', 'cancelled'];
const REASONS: readonly string[] = ['low_quality_score', 'risky_action', 'action_mismatch'];

/** Words for the enums, in the current language. */
export function useLabels() {
  const t = useT(labels);
  return {
    t,
    type: (v: ActionType) => t(`type_${v}`),
    status: (v: ActionStatus) => t(`status_${v}`),
    condition: (v: Condition) => t(`cond_${v}`),
    functionality: (v: Functionality | null) => (v ? t(`func_${v}`) : t('notTested')),
    recommended: (v: Recommended) => t(`rec_${v}`),
    priority: (v: Priority) => t(`prio_${v}`),
    decision: (v: Decision) => t(`dec_${v}`),
    workflow: (v: WorkflowStatus) => t(`wf_${v}`),
    /** A pickup status the returns service reported (an unknown one as is). */
    pickup: (v: string | null) => (v === null ? '—' : PICKUP.includes(v) ? t(`pickup_${v as PickupStatus}`) : v),
  };
}

/** Tone of an action status badge. */
export function statusTone(s: ActionStatus): 'good' | 'warn' | 'bad' | 'info' | 'neutral' {
  if (s === 'completed' || s === 'hub_confirmed') return 'good';
  if (s === 'pending_review' || s === 'return_failed') return 'warn';
  if (s === 'rejected' || s === 'cancelled') return 'bad';
  if (s === 'in_progress' || s === 'outbound_shipped') return 'info';
  return 'neutral';
}

export function StatusBadge({ status }: { status: ActionStatus }) {
  const l = useLabels();
  return <Badge tone={statusTone(status)}>{l.status(status)}</Badge>;
}

/** One fact of a `dl.facts` list (nothing when the value is empty). */
export function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** Where and when the hub handled a parcel: hub, agent, time (each isolated, so mixed scripts keep their order). */
export function HubMoment({ hub, agent, at }: { hub: string | null; agent: string | null; at: string | null }) {
  return (
    <>
      <bdi>{hub ?? '—'}</bdi> · <bdi>{agent ?? '—'}</bdi> · <bdi>{formatDate(at)}</bdi>
    </>
  );
}

/** The inspection as a list of facts (`children`: more facts of the same list). */
export function InspectionFacts({ inspection, children }: { inspection: Inspection; children?: ComponentChildren }) {
  const l = useLabels();
  const { t } = l;
  const i = inspection;
  return (
    <dl class="facts">
      <Fact label={t('condition')}>{l.condition(i.product_condition)}</Fact>
      <Fact label={t('functionality')}>{l.functionality(i.functionality_test)}</Fact>
      <Fact label={t('score')}>
        <Badge tone={i.quality_score <= 3 ? 'bad' : i.quality_score <= 6 ? 'warn' : 'good'}>{t('scoreValue', { score: formatNumber(i.quality_score) })}</Badge>
      </Fact>
      <Fact label={t('recommended')}>{l.recommended(i.recommended_action)}</Fact>
      <Fact label={t('priority')}>{l.priority(i.recommended_priority)}</Fact>
      <Fact label={t('notes')}>{i.inspection_notes}</Fact>
      <Fact label={t('damage')}>{i.visible_damage}</Fact>
      <Fact label={t('missing')}>{i.missing_parts.length > 0 ? i.missing_parts.join(', ') : null}</Fact>
      <Fact label={t('repairCost')}>{i.estimated_repair_cost === null ? null : formatMoney(i.estimated_repair_cost)}</Fact>
      <Fact label={t('repairDays')}>{i.estimated_repair_days === null ? null : t('daysValue', { days: formatNumber(i.estimated_repair_days) })}</Fact>
      {children}
    </dl>
  );
}

/** Why the review rule asked for a team leader: each reason's code in words, the rule's own explanation beside it. */
export function ReviewReasons({ reasons }: { reasons: string[] }) {
  const { t } = useLabels();
  return (
    <ul class="reasons">
      {reasons.map((r) => {
        const [code = '', ...rest] = r.split(':');
        const known = REASONS.includes(code);
        return (
          <li key={r}>
            {known ? <strong>{t(`reason_${code as 'low_quality_score'}`)}</strong> : null}
            {known ? ' — ' : null}
            <span lang="en" dir="ltr">{known ? rest.join(':').trim() : r}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** POSTs a command, following a 202 for ~30 s (see `command` in api.ts); `stillRunning` says it is queued. */
export function command<T>(path: string, body: unknown, stillRunning: string): Promise<T> {
  return runCommand<T>('POST', path, body, { stillRunning, maxWaitMs: 30_000 });
}

/** Enter submits from any field but a textarea (there Ctrl/Cmd+Enter does); selects included. */
export function submitOnEnter(e: KeyboardEvent): void {
  if (e.key !== 'Enter' || e.isComposing) return;
  const target = e.target as HTMLElement;
  const ctrl = e.ctrlKey || e.metaKey;
  if (target.tagName === 'BUTTON' || target.tagName === 'A') return;
  if (target.tagName === 'TEXTAREA' && !ctrl) return;
  const form = (e.currentTarget as HTMLElement).closest('form');
  if (!form) return;
  e.preventDefault();
  form.requestSubmit();
}

/** A number typed in a field, or undefined when it is empty. */
export function numberOrUndefined(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}
