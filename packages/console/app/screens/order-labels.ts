/**
 * Words for the order book's codes and enums (Bosta states and types, the classifier's categories,
 * hierarchy and service-action statuses), shared by the order list and the order page. The API
 * sends English values; these give each a name in both languages and fall back to the API's text.
 */
import { getLang, messages, translate } from '../i18n.js';

/** Bosta state codes (bosta-api.md §5) in the order the filter lists them. */
export const STATE_CODES = [10, 11, 20, 21, 22, 23, 24, 30, 40, 41, 45, 46, 47, 48, 49, 60, 100, 101, 102, 103, 104, 105] as const;

const STATES: Record<number, [en: string, ar: string]> = {
  10: ['Pickup requested', 'طلب استلام'], 11: ['Waiting for route', 'في انتظار خط السير'], 20: ['Route assigned', 'تم تحديد خط السير'],
  21: ['Picked up from business', 'تم الاستلام من التاجر'], 22: ['Picking up from consignee', 'جارٍ الاستلام من العميل'],
  23: ['Picked up from consignee', 'تم الاستلام من العميل'], 24: ['Received at warehouse', 'تم الاستلام في المخزن'],
  30: ['In transit between hubs', 'في الطريق بين المراكز'], 40: ['Picking up', 'جارٍ الاستلام'], 41: ['Out for delivery', 'خرج للتوصيل'],
  45: ['Delivered', 'تم التوصيل'], 46: ['Returned to business', 'مرتجع للتاجر'], 47: ['Exception', 'استثناء'], 48: ['Terminated', 'منتهٍ'],
  49: ['Canceled', 'ملغى'], 60: ['Returned to stock', 'مرتجع للمخزون'], 100: ['Lost', 'مفقود'], 101: ['Damaged', 'تالف'],
  102: ['Investigation', 'قيد التحقيق'], 103: ['Awaiting your action', 'في انتظار إجرائك'], 104: ['Archived', 'مؤرشف'], 105: ['On hold', 'معلّق'],
};

/** Order type codes the API filters on. */
export const TYPE_CODES = [10, 15, 20, 25, 30, 35] as const;
const TYPES: Record<number, [string, string]> = {
  10: ['Delivery (SEND)', 'توصيل'], 15: ['Cash collection', 'تحصيل نقدي'], 20: ['Return to origin (RTO)', 'إرجاع للمصدر'],
  25: ['Customer return pickup', 'استرجاع من العميل'], 30: ['Exchange', 'استبدال'], 35: ['Sign and return', 'توقيع وإرجاع'],
};

/** The default rule set's categories (a newer rule set may add others: they show as the API writes them). */
export const BUSINESS_CATEGORIES = ['Real Sales Order', 'Maintenance Order', 'Service Order', 'Refund Order', 'Return Pickup', 'Exchange Order', 'Operational Order'] as const;
const CATEGORIES_AR: Record<string, string> = {
  'Real Sales Order': 'طلب بيع فعلي', 'Maintenance Order': 'طلب صيانة', 'Service Order': 'طلب خدمة', 'Refund Order': 'طلب استرداد',
  'Return Pickup': 'استلام مرتجع', 'Exchange Order': 'طلب استبدال', 'Operational Order': 'طلب تشغيلي',
};

export const SERVICE_TYPES = ['main', 'maintenance', 'service', 'return', 'return_pickup', 'exchange', 'operational'] as const;
export const HIERARCHY_STATUSES = ['main', 'linked', 'unlinked', 'pending_review'] as const;
export const ACTION_STATUSES = [
  'requested', 'return_ordered', 'return_in_transit', 'return_received', 'hub_confirmed', 'pending_review', 'rejected', 'in_progress',
  'outbound_shipped', 'completed', 'return_failed', 'cancelled',
] as const;
export const SEGMENTS = ['new', 'regular', 'vip', 'problematic'] as const;
export const RELATIONSHIP_TYPES = ['maintenance', 'service', 'return', 'refund', 'other'] as const;

const words = messages({
  en: {
    st_main: 'Main (sale)', st_maintenance: 'Maintenance', st_service: 'Service', st_return: 'Return / refund', st_return_pickup: 'Return pickup',
    st_exchange: 'Exchange', st_operational: 'Operational',
    hs_main: 'Main', hs_linked: 'Linked', hs_unlinked: 'Unlinked', hs_pending_review: 'Pending review',
    as_requested: 'Requested', as_return_ordered: 'Return ordered', as_return_in_transit: 'Return in transit', as_return_received: 'Return received',
    as_hub_confirmed: 'Hub confirmed', as_pending_review: 'Pending review', as_rejected: 'Rejected', as_in_progress: 'In progress',
    as_outbound_shipped: 'Shipped back', as_completed: 'Completed', as_return_failed: 'Return failed', as_cancelled: 'Cancelled',
    seg_new: 'New', seg_regular: 'Regular', seg_vip: 'VIP', seg_problematic: 'Problematic',
    rel_maintenance: 'Maintenance', rel_service: 'Service', rel_return: 'Return', rel_refund: 'Refund', rel_other: 'Other',
    by_auto_sync: 'automatic', by_manual: 'by hand', by_api: 'through the API',
    at_maintenance: 'Maintenance', at_service: 'Service', at_replace_part: 'Replace part', at_replace_full: 'Replace unit', at_return_refund: 'Return and refund',
    level: 'Level {n}', state: 'State {code}', type: 'Type {code}',
  },
  ar: {
    st_main: 'رئيسي (بيع)', st_maintenance: 'صيانة', st_service: 'خدمة', st_return: 'مرتجع / استرداد', st_return_pickup: 'استلام مرتجع',
    st_exchange: 'استبدال', st_operational: 'تشغيلي',
    hs_main: 'رئيسي', hs_linked: 'مرتبط', hs_unlinked: 'غير مرتبط', hs_pending_review: 'بانتظار المراجعة',
    as_requested: 'مطلوب', as_return_ordered: 'تم طلب الاسترجاع', as_return_in_transit: 'المرتجع في الطريق', as_return_received: 'تم استلام المرتجع',
    as_hub_confirmed: 'أكده المستودع', as_pending_review: 'بانتظار المراجعة', as_rejected: 'مرفوض', as_in_progress: 'قيد التنفيذ',
    as_outbound_shipped: 'تم الشحن للعميل', as_completed: 'مكتمل', as_return_failed: 'فشل الاسترجاع', as_cancelled: 'ملغى',
    seg_new: 'جديد', seg_regular: 'منتظم', seg_vip: 'مميز', seg_problematic: 'مُشكِل',
    rel_maintenance: 'صيانة', rel_service: 'خدمة', rel_return: 'مرتجع', rel_refund: 'استرداد', rel_other: 'أخرى',
    by_auto_sync: 'تلقائي', by_manual: 'يدوي', by_api: 'عبر الواجهة البرمجية',
    at_maintenance: 'صيانة', at_service: 'خدمة', at_replace_part: 'استبدال قطعة', at_replace_full: 'استبدال الجهاز', at_return_refund: 'إرجاع واسترداد',
    level: 'المستوى {n}', state: 'الحالة {code}', type: 'النوع {code}',
  },
});
type Word = keyof typeof words.en;

/** `t` for these words in the current language (call during render: components re-render on a language switch). */
function w(): (key: Word, vars?: Record<string, string | number>) => string {
  return translate(words, getLang());
}

function known(key: string): key is Word {
  return key in words.en;
}

/** Name of a value of one enum (`prefix_value`), or the value itself when it is new. */
function named(prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const key = `${prefix}_${value}`;
  return known(key) ? w()(key) : value;
}

export const stateName = (code: number, apiValue?: string | null): string => {
  const pair = STATES[code];
  return pair ? pair[getLang() === 'ar' ? 1 : 0] : (apiValue ?? w()('state', { code }));
};
export const typeName = (code: number, apiValue?: string | null): string => {
  const pair = TYPES[code];
  return pair ? pair[getLang() === 'ar' ? 1 : 0] : (apiValue ?? w()('type', { code }));
};
export const categoryName = (value: string | null | undefined): string =>
  value === null || value === undefined ? '—' : getLang() === 'ar' ? (CATEGORIES_AR[value] ?? value) : value;
export const serviceTypeName = (value: string | null | undefined) => named('st', value);
export const hierarchyStatusName = (value: string | null | undefined) => named('hs', value);
export const actionStatusName = (value: string | null | undefined) => named('as', value);
export const segmentName = (value: string | null | undefined) => named('seg', value);
export const relationshipName = (value: string | null | undefined) => named('rel', value);
export const linkedByName = (value: string | null | undefined) => named('by', value);
export const actionTypeName = (value: string | null | undefined) => named('at', value);
export const levelName = (level: number | null | undefined): string => (level === null || level === undefined ? '—' : w()('level', { n: level }));

/** Badge tone of a Bosta state: delivered good, returned/exception warn, lost/damaged/cancelled bad. */
export function stateTone(code: number): 'good' | 'warn' | 'bad' | 'info' | 'neutral' {
  if (code === 45) return 'good';
  if ([46, 47, 60, 103, 105].includes(code)) return 'warn';
  if ([48, 49, 100, 101].includes(code)) return 'bad';
  return 'info';
}

export function hierarchyTone(status: string | null | undefined): 'good' | 'warn' | 'info' | 'neutral' {
  if (status === 'main') return 'info';
  if (status === 'linked') return 'good';
  if (status === 'pending_review') return 'warn';
  return 'neutral';
}

export function actionTone(status: string | null | undefined): 'good' | 'warn' | 'bad' | 'info' | 'neutral' {
  if (status === 'completed') return 'good';
  if (status === 'rejected' || status === 'return_failed') return 'bad';
  if (status === 'cancelled') return 'neutral';
  if (status === 'pending_review') return 'warn';
  return 'info';
}
