import { toAsciiDigits } from '@hvar/bosta';
import { ActionStatusSchema, ActionSubtypeSchema, ActionTypeSchema } from '@hvar/contracts';
import { z } from 'zod';

/** A case number, `SA-YYYY-NNNNNN` (upper case once parsed). */
export const CASE_NUMBER = /^SA-\d{4}-\d{6}$/;

/** `POST /public/track`: the code from the customer's link and the last 4 digits of their phone. */
export const TrackBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^(SA-\d{4}-\d{6}|\d{4,20})$/i, 'a Bosta tracking number (digits) or a case number (SA-YYYY-NNNNNN)')
    .transform((code) => code.toUpperCase())
    .meta({ description: 'A Bosta tracking number or a service case number, e.g. 71000001 or SA-2026-000123' }),
  phone_last4: z
    .string()
    .regex(/^[0-9\u0660-\u0669\u06f0-\u06f9]{4}$/, 'exactly 4 digits')
    .transform(toAsciiDigits)
    .meta({ description: 'The last 4 digits of the phone number the parcel or case belongs to (Arabic-Indic digits accepted)' }),
});
/** A parsed tracking request. */
export type TrackBody = z.infer<typeof TrackBody>;

/** Where a parcel is, in words a customer understands (the page translates the key). */
export const DeliveryStageSchema = z.enum([
  'created', 'out_for_pickup', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'returned', 'delayed', 'cancelled', 'lost', 'processing',
]);
/** A delivery stage. */
export type DeliveryStage = z.infer<typeof DeliveryStageSchema>;

/** Where a service case is, in words a customer understands. */
export const CaseStageSchema = z.enum([
  'requested', 'pickup_scheduled', 'picked_up', 'received', 'in_service', 'shipped_back', 'completed', 'pickup_failed', 'rejected', 'cancelled',
]);
/** A case stage. */
export type CaseStage = z.infer<typeof CaseStageSchema>;

/** What the parcel is to the customer (from Bosta's order type). */
export const DeliveryKindSchema = z.enum(['delivery', 'pickup', 'exchange', 'cash_collection', 'return_to_sender', 'sign_and_return']);

/** One step of the progress a page draws: reached, the current one, or still ahead. */
function stepsOf<S extends z.ZodType>(stage: S) {
  return z
    .array(z.object({ stage, status: z.enum(['done', 'current', 'todo']) }))
    .meta({ description: 'The usual path in order; off the path (delayed, cancelled, ...) the reached steps are done and none is current' });
}

const at = z.string().meta({ description: 'ISO 8601 date-time' });

/** A parcel as the customer may see it: no names, phones or addresses. */
export const TrackedDeliverySchema = z
  .object({
    tracking_number: z.string(),
    kind: DeliveryKindSchema,
    state_code: z.number().int().meta({ description: 'Bosta state code' }),
    stage: DeliveryStageSchema,
    steps: stepsOf(DeliveryStageSchema),
    product: z.string().nullable().meta({ description: 'What is in the parcel, when known' }),
    items_count: z.number().int().nullable(),
    cod_due: z.number().meta({ description: 'EGP to pay on delivery; 0 when nothing is due (paid, prepaid, or the parcel is no longer on its way)' }),
    created_at: at,
    updated_at: at.meta({ description: 'When the parcel reached its current state' }),
    delivered_at: at.nullable(),
  })
  .meta({ id: 'TrackedDelivery' });
/** A tracked parcel. */
export type TrackedDelivery = z.infer<typeof TrackedDeliverySchema>;

/** A case's pickup from the customer or its shipment back to them. */
export const TrackedLegSchema = z
  .object({
    tracking_number: z.string().nullable().meta({ description: "Bosta's tracking number once the delivery exists" }),
    stage: DeliveryStageSchema,
    cod_due: z.number().meta({ description: 'EGP to pay when it arrives; 0 when nothing is due' }),
    updated_at: at,
  })
  .meta({ id: 'TrackedLeg' });
/** A tracked leg. */
export type TrackedLeg = z.infer<typeof TrackedLegSchema>;

/** A service case as the customer may see it: no names, phones, addresses, reasons or notes. */
export const TrackedCaseSchema = z
  .object({
    case_number: z.string(),
    type: ActionTypeSchema,
    subtype: ActionSubtypeSchema.nullable(),
    status: ActionStatusSchema,
    stage: CaseStageSchema,
    steps: stepsOf(CaseStageSchema),
    on_site: z.boolean().meta({ description: 'Served at the customer: no pickup' }),
    product: z.string().nullable(),
    created_at: at,
    updated_at: at,
    completed_at: at.nullable(),
    pickup: TrackedLegSchema.nullable().meta({ description: 'Bosta picking the product up from the customer (latest attempt)' }),
    shipment: TrackedLegSchema.nullable().meta({ description: 'The repaired or replacement product on its way back (latest attempt)' }),
  })
  .meta({ id: 'TrackedCase' });
/** A tracked case. */
export type TrackedCase = z.infer<typeof TrackedCaseSchema>;

/** The public tracking answer: the parcel (for a tracking number) and the service cases. */
export const TrackingAnswerSchema = z
  .object({
    code: z.string(),
    delivery: TrackedDeliverySchema.nullable().meta({ description: 'The parcel of a tracking number; null for a case number' }),
    cases: z.array(TrackedCaseSchema).meta({ description: 'The case of a case number, or the cases of the parcel (newest first)' }),
  })
  .meta({ id: 'TrackingAnswer' });
/** The public tracking answer. */
export type TrackingAnswer = z.infer<typeof TrackingAnswerSchema>;
