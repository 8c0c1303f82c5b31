import { z } from 'zod';
import {
  ActionTypeSchema, AddressSchema, AmountSchema, E164PhoneSchema, LegErrorSchema, OutboundStatusSchema, PrioritySchema, RecommendedActionSchema,
  ReturnStatusSchema,
} from './service-action.js';

const isoDate = z.iso.datetime({ offset: true });

// ─── Returns service ────────────────────────────────────────────────────────

/** Which leg of a case a Bosta delivery is: the pickup from the customer, or the way back to them. */
export const LegKindSchema = z.enum(['pickup', 'outbound']);

/** A leg as the returns API shows it (a return pickup, or an outbound delivery). */
export const ReturnLegSchema = z
  .object({
    return_id: z.uuid(),
    action_id: z.uuid(),
    case_number: z.string(),
    leg: LegKindSchema,
    attempt: z.number().int().min(1),
    type_code: z.union([z.literal(10), z.literal(25), z.literal(30)]),
    kind: z.enum(['return', 'repaired', 'replacement']),
    unique_business_reference: z.string().meta({ description: 'Derived from case, leg and attempt: a retry never creates a second delivery' }),
    tracking_number: z.string().nullable(),
    bosta_delivery_id: z.string().nullable(),
    status: z.union([ReturnStatusSchema, OutboundStatusSchema]),
    bosta_state_code: z.number().int().nullable(),
    last_error: LegErrorSchema.nullable(),
    create_attempts: z.number().int().nonnegative().meta({ description: 'Calls to Bosta create (retries after 429/5xx included)' }),
    customer_phone: z.string(),
    customer_name: z.string().nullable(),
    address: AddressSchema.nullable(),
    product_name: z.string().nullable(),
    cod: z.number(),
    courier_fee: z.number().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    history: z
      .array(z.object({ status: z.string(), bosta_state_code: z.number().int().nullable(), at: z.string(), note: z.string().nullable() }))
      .optional()
      .meta({ description: 'Status changes (single reads only)' }),
  })
  .meta({ id: 'ReturnLeg' });
/** A return pickup or outbound delivery. */
export type ReturnLeg = z.infer<typeof ReturnLegSchema>;

/** `create-leg` (the returns service's own job): create (or find) the leg's delivery at Bosta. */
export const CreateLegSchema = z.object({ return_id: z.uuid() });

/** `cancel-return` (from service-action): the case was cancelled; terminate its pickup at Bosta when it can still be terminated. */
export const CancelReturnSchema = z.object({ action_id: z.uuid(), reason: z.string(), requested_at: isoDate });

/** `case-cancelled` (service-action → hub): the case was cancelled; a later scan of its parcel is refused. */
export const CaseCancelledSchema = z.object({ event_id: z.string().min(1), action_id: z.uuid(), reason: z.string(), at: isoDate });

/** `return-created` (returns → hub): a return pickup exists at Bosta; the hub expects the parcel. */
export const ReturnCreatedSchema = z.object({
  event_id: z.string().min(1),
  return_id: z.uuid(),
  action_id: z.uuid(),
  case_number: z.string(),
  action_type: ActionTypeSchema,
  tracking_number: z.string().regex(/^\d+$/),
  customer_phone: E164PhoneSchema,
  customer_name: z.string().nullable(),
  product_name: z.string().nullable(),
  reason: z.string(),
  at: isoDate,
});
/** A return-created event. */
export type ReturnCreated = z.infer<typeof ReturnCreatedSchema>;

// ─── Hub service ────────────────────────────────────────────────────────────

/** Workflow statuses (domain.md §8), plus `cancelled` when the case was cancelled before the scan. */
export const WorkflowStatusSchema = z.enum(['pending', 'scanning', 'inspecting', 'confirmed', 'rejected', 'cancelled']);
/** A workflow status. */
export type WorkflowStatus = z.infer<typeof WorkflowStatusSchema>;
/** What the hub confirms, from the action type. */
export const ConfirmationTypeSchema = z.enum(['return_inspection', 'maintenance_verification', 'exchange_verification']);
/** A confirmation type. */
export type ConfirmationType = z.infer<typeof ConfirmationTypeSchema>;
/** Product condition. */
export const ProductConditionSchema = z.enum(['excellent', 'good', 'fair', 'poor', 'damaged']);
/** A product condition. */
export type ProductCondition = z.infer<typeof ProductConditionSchema>;
/** Functionality test. */
export const FunctionalityTestSchema = z.enum(['working', 'partially_working', 'not_working']);
/** A functionality test result. */
export type FunctionalityTest = z.infer<typeof FunctionalityTestSchema>;
/** Review decisions. */
export const ReviewDecisionSchema = z.enum(['approved', 'rejected', 'requires_changes']);
/** A review decision. */
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;

/** The inspection's fields (domain.md §8). */
export const InspectionFieldsSchema = z.object({
  product_condition: ProductConditionSchema,
  missing_parts: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  visible_damage: z.string().trim().max(2_000).nullable().default(null),
  functionality_test: FunctionalityTestSchema.nullable().default(null),
  quality_score: z.number().int().min(1, 'quality_score is 1-10').max(10, 'quality_score is 1-10'),
  inspection_notes: z.string().trim().max(4_000).nullable().default(null),
  recommended_action: RecommendedActionSchema,
  recommended_priority: PrioritySchema.default('medium'),
  estimated_repair_cost: AmountSchema.nullable().default(null),
  estimated_repair_days: z.number().int().min(0).max(365).nullable().default(null),
});
/** The inspection's fields as a workflow shows them (defaults applied). */
export type InspectionFields = z.infer<typeof InspectionFieldsSchema>;

/** A hub workflow as the API shows it. */
export const HubWorkflowSchema = z
  .object({
    workflow_id: z.uuid(),
    action_id: z.uuid(),
    case_number: z.string(),
    action_type: ActionTypeSchema,
    return_id: z.string().nullable(),
    return_tracking_number: z.string(),
    customer_phone: z.string(),
    product_name: z.string().nullable(),
    reason: z.string(),
    confirmation_type: ConfirmationTypeSchema,
    status: WorkflowStatusSchema,
    return_status: z.string().nullable().meta({ description: "The pickup's last status from the returns service" }),
    hub_name: z.string().nullable(),
    hub_agent: z.string().nullable(),
    inspection: InspectionFieldsSchema.nullable(),
    review_required: z.boolean(),
    review_reasons: z.array(z.string()),
    review: z
      .object({ team_leader: z.string(), decision: ReviewDecisionSchema, notes: z.string().nullable(), approved_refund_limit: z.number().nullable(), at: z.string() })
      .nullable(),
    scanned_at: z.string().nullable(),
    inspection_started_at: z.string().nullable(),
    inspection_completed_at: z.string().nullable(),
    confirmed_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'HubWorkflow' });
/** A hub workflow. */
export type HubWorkflow = z.infer<typeof HubWorkflowSchema>;

/** The scan's answer: the workflow, and whether this scan was a repeat. */
export const ScanResultSchema = z
  .object({ workflow: HubWorkflowSchema, repeated: z.boolean().meta({ description: 'true when the parcel was scanned before (nothing changed)' }) })
  .meta({ id: 'ScanResult' });
/** A scan's result. */
export type ScanResult = z.infer<typeof ScanResultSchema>;

const by = z.string().min(1);
/** A return tracking number as scanned (digits; a barcode scanner sends exactly what is printed). */
const ScannedCode = z.string().trim().regex(/^\d{4,20}$/, 'a return tracking number (digits)');

/** `scan`: the parcel arrived at a hub. */
export const ScanCommandSchema = z.object({
  return_tracking_number: ScannedCode,
  hub_name: z.string().trim().min(1).max(100),
  hub_agent: z.string().trim().min(1).max(100),
  requested_by: by,
});

/** `inspect`: the inspection of a scanned return. */
export const InspectCommandSchema = InspectionFieldsSchema.extend({
  return_tracking_number: ScannedCode,
  hub_agent: z.string().trim().min(1).max(100).optional(),
  requested_by: by,
});

/** `review`: a team leader decides a review. */
export const ReviewCommandSchema = z.object({
  return_tracking_number: ScannedCode.optional(),
  workflow_id: z.uuid().optional(),
  team_leader: z.string().trim().min(1).max(100),
  decision: ReviewDecisionSchema,
  notes: z.string().trim().max(2_000).optional(),
  approved_refund_limit: AmountSchema.optional(),
  requested_by: by,
});

/** `create-workflow`: register a return the hub expects (when no return-created event brought it). */
export const CreateWorkflowCommandSchema = z.object({
  action_id: z.uuid(),
  case_number: z.string().min(1),
  action_type: ActionTypeSchema,
  return_tracking_number: ScannedCode,
  customer_phone: E164PhoneSchema,
  product_name: z.string().trim().max(200).nullable().default(null),
  reason: z.string().trim().min(1).max(1_000),
  hub_name: z.string().trim().min(1).max(100).optional(),
  requested_by: by,
});

/** `update-workflow`: assign a hub or agent before the scan. */
export const UpdateWorkflowCommandSchema = z.object({
  workflow_id: z.uuid(),
  changes: z
    .object({ hub_name: z.string().trim().min(1).max(100), hub_agent: z.string().trim().min(1).max(100) })
    .partial()
    .refine((c) => Object.keys(c).length > 0, 'nothing to change'),
  requested_by: by,
});

/** `confirm-workflow`: confirm an inspected workflow whose review is settled. */
export const ConfirmWorkflowCommandSchema = z.object({ workflow_id: z.uuid(), requested_by: by });
