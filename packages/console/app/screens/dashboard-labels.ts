/**
 * Words for the values the analytics API counts by (Bosta states, action statuses and types,
 * service types, business categories, hub workflow statuses). A value the table does not know (a
 * new rule's category, a new state) is shown as the API spells it, never hidden.
 */
import type { Lang } from '../i18n.js';

type Names = Record<string, { en: string; ar: string }>;

const STATES: Names = {
  10: { en: 'Pickup requested', ar: 'طلب استلام' },
  11: { en: 'Waiting for route', ar: 'في انتظار خط السير' },
  20: { en: 'Route assigned', ar: 'تم تعيين خط السير' },
  21: { en: 'Picked up from business', ar: 'تم الاستلام من التاجر' },
  22: { en: 'Picking up from consignee', ar: 'جارٍ الاستلام من العميل' },
  23: { en: 'Picked up from consignee', ar: 'تم الاستلام من العميل' },
  24: { en: 'Received at warehouse', ar: 'وصل إلى المخزن' },
  30: { en: 'In transit between hubs', ar: 'في الطريق بين المراكز' },
  40: { en: 'Picking up', ar: 'جارٍ الاستلام' },
  41: { en: 'Out for delivery', ar: 'خرج للتوصيل' },
  45: { en: 'Delivered', ar: 'تم التوصيل' },
  46: { en: 'Returned to business', ar: 'مرتجع إلى التاجر' },
  47: { en: 'Exception', ar: 'استثناء' },
  48: { en: 'Terminated', ar: 'أُنهي' },
  49: { en: 'Canceled', ar: 'أُلغي' },
  60: { en: 'Returned to stock', ar: 'أُعيد إلى المخزون' },
  100: { en: 'Lost', ar: 'مفقود' },
  101: { en: 'Damaged', ar: 'تالف' },
  102: { en: 'Investigation', ar: 'قيد التحقيق' },
  103: { en: 'Awaiting your action', ar: 'في انتظار إجراء منك' },
  104: { en: 'Archived', ar: 'مؤرشف' },
  105: { en: 'On hold', ar: 'معلّق' },
};

const ACTION_STATUSES: Names = {
  requested: { en: 'Requested', ar: 'مطلوب' },
  return_ordered: { en: 'Return ordered', ar: 'تم طلب الإرجاع' },
  return_in_transit: { en: 'Return in transit', ar: 'المرتجع في الطريق' },
  return_received: { en: 'Return received', ar: 'تم استلام المرتجع' },
  hub_confirmed: { en: 'Hub confirmed', ar: 'أكده المستودع' },
  pending_review: { en: 'Pending review', ar: 'في انتظار المراجعة' },
  rejected: { en: 'Rejected', ar: 'مرفوض' },
  in_progress: { en: 'In progress', ar: 'قيد التنفيذ' },
  outbound_shipped: { en: 'Shipped back', ar: 'أُعيد شحنه للعميل' },
  completed: { en: 'Completed', ar: 'مكتمل' },
  return_failed: { en: 'Return failed', ar: 'فشل الإرجاع' },
  cancelled: { en: 'Cancelled', ar: 'ملغى' },
};

const ACTION_TYPES: Names = {
  maintenance: { en: 'Maintenance', ar: 'صيانة' },
  service: { en: 'Service', ar: 'خدمة' },
  replace_part: { en: 'Replace a part', ar: 'استبدال قطعة' },
  replace_full: { en: 'Replace the unit', ar: 'استبدال الجهاز' },
  return_refund: { en: 'Return and refund', ar: 'إرجاع واسترداد' },
};

const SERVICE_TYPES: Names = {
  main: { en: 'Main (sale)', ar: 'رئيسي (بيع)' },
  maintenance: { en: 'Maintenance', ar: 'صيانة' },
  service: { en: 'Service', ar: 'خدمة' },
  return: { en: 'Return', ar: 'مرتجع' },
  return_pickup: { en: 'Return pickup', ar: 'استلام مرتجع' },
  exchange: { en: 'Exchange', ar: 'استبدال' },
  operational: { en: 'Operational', ar: 'تشغيلي' },
  unclassified: { en: 'Not classified yet', ar: 'لم يُصنَّف بعد' },
};

const CATEGORIES: Names = {
  'Real Sales Order': { en: 'Real sales order', ar: 'طلب بيع فعلي' },
  'Maintenance Order': { en: 'Maintenance order', ar: 'طلب صيانة' },
  'Service Order': { en: 'Service order', ar: 'طلب خدمة' },
  'Refund Order': { en: 'Refund order', ar: 'طلب استرداد' },
  'Return Pickup': { en: 'Return pickup', ar: 'استلام مرتجع' },
  'Exchange Order': { en: 'Exchange order', ar: 'طلب استبدال' },
  'Operational Order': { en: 'Operational order', ar: 'طلب تشغيلي' },
};

const WORKFLOW_STATUSES: Names = {
  pending: { en: 'Waiting for the parcel', ar: 'في انتظار الطرد' },
  scanning: { en: 'Scanned', ar: 'تم المسح' },
  inspecting: { en: 'Inspected, awaiting review', ar: 'تم الفحص وينتظر المراجعة' },
  confirmed: { en: 'Confirmed', ar: 'مؤكد' },
  rejected: { en: 'Rejected', ar: 'مرفوض' },
  cancelled: { en: 'Cancelled', ar: 'ملغى' },
};

const TABLES = { state: STATES, actionStatus: ACTION_STATUSES, actionType: ACTION_TYPES, serviceType: SERVICE_TYPES, category: CATEGORIES, workflowStatus: WORKFLOW_STATUSES };

/** The name of an API value in `lang`; unknown values as the API gives them (`fallback` first, for states). */
export function nameOf(kind: keyof typeof TABLES, value: string | number, lang: Lang, fallback?: string | null): string {
  return TABLES[kind][String(value)]?.[lang] ?? fallback ?? String(value);
}
