/**
 * The one place that names the API's codes and enum values in both languages: Bosta states and
 * order types, the classifier's categories and service types, hierarchy statuses and links, service
 * action statuses, types and subtypes, customer segments and priorities, hub workflow, leg and
 * inspection values; and the badge tone of each status. The API sends English codes; a value this
 * table does not know yet (a new rule's category, a new state) is shown as the API spells it.
 *
 * These read the current language: call them while rendering a component that re-renders on a
 * language switch (one that calls `useT` or `useLang`, as every screen does).
 */
import { getLang, messages, translate } from '../i18n.js';
import type { Tone } from './kit.js';

const STATES: Record<number, [en: string, ar: string]> = {
  10: ['Pickup requested', 'طلب استلام'], 11: ['Waiting for route', 'في انتظار خط السير'], 20: ['Route assigned', 'تم تحديد خط السير'],
  21: ['Picked up from business', 'تم الاستلام من التاجر'], 22: ['Picking up from consignee', 'جارٍ الاستلام من العميل'],
  23: ['Picked up from consignee', 'تم الاستلام من العميل'], 24: ['Received at warehouse', 'تم الاستلام في المخزن'],
  30: ['In transit between hubs', 'في الطريق بين المراكز'], 40: ['Picking up', 'جارٍ الاستلام'], 41: ['Out for delivery', 'خرج للتوصيل'],
  45: ['Delivered', 'تم التوصيل'], 46: ['Returned to business', 'مرتجع للتاجر'], 47: ['Exception', 'استثناء'], 48: ['Terminated', 'منتهٍ'],
  49: ['Canceled', 'ملغى'], 60: ['Returned to stock', 'مرتجع للمخزون'], 100: ['Lost', 'مفقود'], 101: ['Damaged', 'تالف'],
  102: ['Investigation', 'قيد التحقيق'], 103: ['Awaiting your action', 'في انتظار إجرائك'], 104: ['Archived', 'مؤرشف'], 105: ['On hold', 'معلّق'],
};

const TYPES: Record<number, [en: string, ar: string]> = {
  10: ['Delivery (SEND)', 'توصيل'], 15: ['Cash collection', 'تحصيل نقدي'], 20: ['Return to origin (RTO)', 'إرجاع للمصدر'],
  25: ['Customer return pickup', 'استرجاع من العميل'], 30: ['Exchange', 'استبدال'], 35: ['Sign and return', 'توقيع وإرجاع'],
};

/** Business categories keep the API's English name; Arabic has its own. */
const CATEGORIES_AR: Record<string, string> = {
  'Real Sales Order': 'طلب بيع فعلي', 'Maintenance Order': 'طلب صيانة', 'Service Order': 'طلب خدمة', 'Refund Order': 'طلب استرداد',
  'Return Pickup': 'استلام مرتجع', 'Exchange Order': 'طلب استبدال', 'Operational Order': 'طلب تشغيلي',
};

const words = messages({
  en: {
    st_main: 'Main (sale)', st_maintenance: 'Maintenance', st_service: 'Service', st_return: 'Return / refund', st_return_pickup: 'Return pickup',
    st_exchange: 'Exchange', st_operational: 'Operational', st_unclassified: 'Not classified yet',
    hs_main: 'Main', hs_linked: 'Linked', hs_unlinked: 'Unlinked', hs_pending_review: 'Pending review',
    rel_maintenance: 'Maintenance', rel_service: 'Service', rel_return: 'Return', rel_refund: 'Refund', rel_other: 'Other',
    by_auto_sync: 'automatic', by_manual: 'by hand', by_api: 'through the API',
    as_requested: 'Requested', as_return_ordered: 'Return ordered', as_return_in_transit: 'Return in transit', as_return_failed: 'Return failed',
    as_return_received: 'Return received', as_hub_confirmed: 'Hub confirmed', as_pending_review: 'Pending review', as_in_progress: 'In progress',
    as_outbound_shipped: 'Shipped to customer', as_completed: 'Completed', as_rejected: 'Rejected', as_cancelled: 'Cancelled',
    at_maintenance: 'Maintenance', at_service: 'Service', at_replace_part: 'Replace a part', at_replace_full: 'Replace the unit', at_return_refund: 'Return and refund',
    sub_warranty: 'Warranty', sub_paid: 'Paid', sub_exchange: 'Exchange', sub_refund: 'Refund',
    seg_new: 'New', seg_regular: 'Regular', seg_vip: 'VIP', seg_problematic: 'Problematic',
    prio_low: 'Low', prio_medium: 'Medium', prio_high: 'High', prio_urgent: 'Urgent',
    wf_pending: 'Expected', wf_scanning: 'Scanning', wf_inspecting: 'Inspecting', wf_confirmed: 'Confirmed', wf_rejected: 'Rejected', wf_cancelled: 'Cancelled',
    leg_pending: 'Pending', leg_rejected: 'Refused by Bosta', leg_created: 'Created at Bosta', leg_picked_up: 'Picked up', leg_in_transit: 'In transit',
    leg_delivered_to_hub: 'Delivered to the hub', leg_delivered: 'Delivered', leg_failed: 'Failed', leg_cancelled: 'Cancelled',
    cond_excellent: 'Excellent', cond_good: 'Good', cond_fair: 'Fair', cond_poor: 'Poor', cond_damaged: 'Damaged',
    func_working: 'Working', func_partially_working: 'Partially working', func_not_working: 'Not working', notTested: 'Not tested',
    rec_maintenance: 'Maintenance', rec_replace_part: 'Replace a part', rec_replace_full: 'Replace the unit', rec_refund: 'Refund', rec_dispose: 'Dispose',
    dec_approved: 'Approved', dec_rejected: 'Rejected', dec_requires_changes: 'New inspection asked',
    level: 'Level {n}', state: 'State {code}', type: 'Type {code}',
  },
  ar: {
    st_main: 'رئيسي (بيع)', st_maintenance: 'صيانة', st_service: 'خدمة', st_return: 'مرتجع / استرداد', st_return_pickup: 'استلام مرتجع',
    st_exchange: 'استبدال', st_operational: 'تشغيلي', st_unclassified: 'لم يُصنَّف بعد',
    hs_main: 'رئيسي', hs_linked: 'مرتبط', hs_unlinked: 'غير مرتبط', hs_pending_review: 'بانتظار المراجعة',
    rel_maintenance: 'صيانة', rel_service: 'خدمة', rel_return: 'مرتجع', rel_refund: 'استرداد', rel_other: 'أخرى',
    by_auto_sync: 'تلقائي', by_manual: 'يدوي', by_api: 'عبر الواجهة البرمجية',
    as_requested: 'تم الطلب', as_return_ordered: 'تم طلب الإرجاع', as_return_in_transit: 'المرتجع في الطريق', as_return_failed: 'فشل الإرجاع',
    as_return_received: 'تم استلام المرتجع', as_hub_confirmed: 'أكّده المستودع', as_pending_review: 'بانتظار المراجعة', as_in_progress: 'قيد التنفيذ',
    as_outbound_shipped: 'شُحن إلى العميل', as_completed: 'مكتمل', as_rejected: 'مرفوض', as_cancelled: 'ملغى',
    at_maintenance: 'صيانة', at_service: 'خدمة', at_replace_part: 'استبدال قطعة', at_replace_full: 'استبدال الجهاز', at_return_refund: 'إرجاع واسترداد',
    sub_warranty: 'ضمان', sub_paid: 'مدفوع', sub_exchange: 'استبدال', sub_refund: 'استرداد',
    seg_new: 'جديد', seg_regular: 'منتظم', seg_vip: 'مميز', seg_problematic: 'كثير المشكلات',
    prio_low: 'منخفضة', prio_medium: 'متوسطة', prio_high: 'عالية', prio_urgent: 'عاجلة',
    wf_pending: 'متوقَّع', wf_scanning: 'قيد المسح', wf_inspecting: 'قيد الفحص', wf_confirmed: 'مؤكَّد', wf_rejected: 'مرفوض', wf_cancelled: 'ملغى',
    leg_pending: 'قيد الانتظار', leg_rejected: 'رفضته بوسطة', leg_created: 'أُنشئ لدى بوسطة', leg_picked_up: 'تم الاستلام', leg_in_transit: 'في الطريق',
    leg_delivered_to_hub: 'وصل إلى المستودع', leg_delivered: 'تم التسليم', leg_failed: 'فشل', leg_cancelled: 'ملغى',
    cond_excellent: 'ممتازة', cond_good: 'جيدة', cond_fair: 'مقبولة', cond_poor: 'سيئة', cond_damaged: 'تالفة',
    func_working: 'يعمل', func_partially_working: 'يعمل جزئيًا', func_not_working: 'لا يعمل', notTested: 'لم يُختبر',
    rec_maintenance: 'صيانة', rec_replace_part: 'استبدال قطعة', rec_replace_full: 'استبدال الوحدة', rec_refund: 'استرداد المبلغ', rec_dispose: 'إتلاف',
    dec_approved: 'تمت الموافقة', dec_rejected: 'مرفوض', dec_requires_changes: 'طُلب فحص جديد',
    level: 'المستوى {n}', state: 'الحالة {code}', type: 'النوع {code}',
  },
});
type Word = keyof typeof words.en;

const w = (key: Word, vars?: Record<string, string | number>): string => translate(words, getLang())(key, vars);
const pick = (pair: [string, string]): string => pair[getLang() === 'ar' ? 1 : 0];

/** Name of a value of one enum (`prefix_value`): '—' when there is none, the value itself when it is new. */
function named(prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const key = `${prefix}_${value}`;
  return key in words.en ? w(key as Word) : value;
}

export const stateName = (code: number, apiValue?: string | null): string => {
  const pair = STATES[code];
  return pair ? pick(pair) : (apiValue ?? w('state', { code }));
};
export const typeName = (code: number, apiValue?: string | null): string => {
  const pair = TYPES[code];
  return pair ? pick(pair) : (apiValue ?? w('type', { code }));
};
export const categoryName = (value: string | null | undefined): string => {
  if (value === null || value === undefined) return '—';
  // The API's word for an order the classifier has not reached yet.
  if (value === 'unclassified') return w('st_unclassified');
  return getLang() === 'ar' ? (CATEGORIES_AR[value] ?? value) : value;
};
export const levelName = (level: number | null | undefined): string => (level === null || level === undefined ? '—' : w('level', { n: level }));
export const serviceTypeName = (value: string | null | undefined): string => named('st', value);
export const hierarchyStatusName = (value: string | null | undefined): string => named('hs', value);
export const relationshipName = (value: string | null | undefined): string => named('rel', value);
export const linkedByName = (value: string | null | undefined): string => named('by', value);
export const actionStatusName = (value: string | null | undefined): string => named('as', value);
export const actionTypeName = (value: string | null | undefined): string => named('at', value);
export const actionSubtypeName = (value: string | null | undefined): string => named('sub', value);
export const segmentName = (value: string | null | undefined): string => named('seg', value);
export const priorityName = (value: string | null | undefined): string => named('prio', value);
export const workflowStatusName = (value: string | null | undefined): string => named('wf', value);
/** A return pickup's or outbound delivery's status at the returns service. */
export const legStatusName = (value: string | null | undefined): string => named('leg', value);
export const conditionName = (value: string | null | undefined): string => named('cond', value);
/** A functionality test; none means it was not tested. */
export const functionalityName = (value: string | null | undefined): string => (value ? named('func', value) : w('notTested'));
export const recommendedName = (value: string | null | undefined): string => named('rec', value);
export const decisionName = (value: string | null | undefined): string => named('dec', value);

/** Badge tone of a Bosta state: delivered good, returned/exception warn, lost/damaged/cancelled bad. */
export function stateTone(code: number): Tone {
  if (code === 45) return 'good';
  if ([46, 47, 60, 103, 105].includes(code)) return 'warn';
  if ([48, 49, 100, 101].includes(code)) return 'bad';
  return 'info';
}

export function hierarchyTone(status: string | null | undefined): Tone {
  if (status === 'main') return 'info';
  if (status === 'linked') return 'good';
  if (status === 'pending_review') return 'warn';
  return 'neutral';
}

/** Badge tone of a service action status: done good, failed or refused bad, waiting for a team leader warn, moving info. */
export function actionTone(status: string | null | undefined): Tone {
  if (status === 'completed') return 'good';
  if (status === 'rejected' || status === 'return_failed') return 'bad';
  if (status === 'cancelled') return 'neutral';
  if (status === 'pending_review') return 'warn';
  return 'info';
}

export function segmentTone(segment: string | null | undefined): Tone {
  if (segment === 'vip') return 'good';
  if (segment === 'problematic') return 'bad';
  return segment === 'new' ? 'info' : 'neutral';
}
