/**
 * The tracking page's words: the answer's stage keys (from `POST /api/v1/public/track`) in plain
 * English and Arabic, for a customer rather than an operator.
 */
import type { ActionType } from '@hvar/contracts';
import { messages } from '../i18n.js';

export type DeliveryStage =
  | 'created' | 'out_for_pickup' | 'picked_up' | 'in_transit' | 'out_for_delivery' | 'delivered' | 'returned' | 'delayed' | 'cancelled' | 'lost' | 'processing';
export type CaseStage =
  | 'requested' | 'pickup_scheduled' | 'picked_up' | 'received' | 'in_service' | 'shipped_back' | 'completed' | 'pickup_failed' | 'rejected' | 'cancelled';
/** A case's type: the contracts' action type. */
export type CaseType = ActionType;
export type DeliveryKind = 'delivery' | 'pickup' | 'exchange' | 'cash_collection' | 'return_to_sender' | 'sign_and_return';

export const words = messages({
  en: {
    ds_created: 'Shipment created', ds_out_for_pickup: 'Courier on the way to pick it up', ds_picked_up: 'Picked up', ds_in_transit: 'On its way',
    ds_out_for_delivery: 'Out for delivery', ds_delivered: 'Delivered', ds_returned: 'Returned to the shop', ds_returned_to_us: 'Arrived at HVAR',
    ds_delayed: 'Delayed: Bosta will contact you', ds_cancelled: 'Cancelled', ds_lost: 'Lost or damaged: we will contact you', ds_processing: 'Being processed',
    cs_requested: 'Request received', cs_pickup_scheduled: 'Pickup scheduled', cs_picked_up: 'Picked up from you', cs_received: 'Received at our service centre',
    cs_in_service_repair: 'Being repaired', cs_in_service_replace: 'Being replaced', cs_in_service_refund: 'Refund in progress', cs_in_service_service: 'Being serviced',
    cs_shipped_back: 'Shipped back to you', cs_completed: 'Completed', cs_pickup_failed: 'Pickup did not succeed: we will contact you',
    cs_rejected: 'Not accepted after inspection: we will contact you', cs_cancelled: 'Cancelled',
    ct_maintenance: 'Maintenance', ct_service: 'Service', ct_replace_part: 'Part replacement', ct_replace_full: 'Unit replacement', ct_return_refund: 'Return and refund',
    sub_warranty: 'under warranty', sub_paid: 'paid', sub_exchange: 'exchange', sub_refund: 'refund',
    k_delivery: 'Delivery to you', k_pickup: 'Pickup from you', k_exchange: 'Exchange', k_cash_collection: 'Cash collection',
    k_return_to_sender: 'Return to the shop', k_sign_and_return: 'Sign and return',
  },
  ar: {
    ds_created: 'تم إنشاء الشحنة', ds_out_for_pickup: 'المندوب في الطريق لاستلامها', ds_picked_up: 'تم الاستلام', ds_in_transit: 'في الطريق',
    ds_out_for_delivery: 'خرجت للتوصيل', ds_delivered: 'تم التسليم', ds_returned: 'أُعيدت إلى المتجر', ds_returned_to_us: 'وصلت إلى HVAR',
    ds_delayed: 'متأخرة: ستتواصل معك بوسطة', ds_cancelled: 'ملغاة', ds_lost: 'مفقودة أو تالفة: سنتواصل معك', ds_processing: 'قيد المعالجة',
    cs_requested: 'تم استلام الطلب', cs_pickup_scheduled: 'تم تحديد موعد الاستلام', cs_picked_up: 'تم الاستلام منك', cs_received: 'وصل إلى مركز الخدمة',
    cs_in_service_repair: 'قيد الإصلاح', cs_in_service_replace: 'جارٍ الاستبدال', cs_in_service_refund: 'جارٍ رد المبلغ', cs_in_service_service: 'قيد الخدمة',
    cs_shipped_back: 'تم الشحن إليك', cs_completed: 'مكتمل', cs_pickup_failed: 'تعذّر الاستلام: سنتواصل معك',
    cs_rejected: 'لم يُقبل بعد الفحص: سنتواصل معك', cs_cancelled: 'ملغى',
    ct_maintenance: 'صيانة', ct_service: 'خدمة', ct_replace_part: 'استبدال قطعة', ct_replace_full: 'استبدال الجهاز', ct_return_refund: 'إرجاع واسترداد',
    sub_warranty: 'ضمن الضمان', sub_paid: 'مدفوع', sub_exchange: 'استبدال', sub_refund: 'استرداد',
    k_delivery: 'توصيل إليك', k_pickup: 'استلام منك', k_exchange: 'استبدال', k_cash_collection: 'تحصيل نقدي',
    k_return_to_sender: 'إرجاع إلى المتجر', k_sign_and_return: 'توقيع وإرجاع',
  },
});
export type Word = keyof typeof words.en;

/** A parcel's stage; a pickup's "returned" means it reached us. */
export function deliveryStageWord(stage: DeliveryStage, toUs: boolean): Word {
  return stage === 'returned' && toUs ? 'ds_returned_to_us' : `ds_${stage}`;
}

/** A case's stage; "in service" says what is being done for this type. */
export function caseStageWord(stage: CaseStage, type: CaseType): Word {
  if (stage !== 'in_service') return `cs_${stage}`;
  if (type === 'replace_full') return 'cs_in_service_replace';
  if (type === 'return_refund') return 'cs_in_service_refund';
  return type === 'service' ? 'cs_in_service_service' : 'cs_in_service_repair';
}

/** Badge tone of a stage: finished well, needs attention, stopped, or moving. */
export function stageTone(stage: DeliveryStage | CaseStage): 'good' | 'warn' | 'bad' | 'neutral' | 'info' {
  if (stage === 'delivered' || stage === 'completed' || stage === 'returned') return 'good';
  if (stage === 'delayed' || stage === 'pickup_failed' || stage === 'rejected') return 'warn';
  if (stage === 'lost') return 'bad';
  return stage === 'cancelled' ? 'neutral' : 'info';
}
