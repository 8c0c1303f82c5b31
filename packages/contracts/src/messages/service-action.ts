import { z } from 'zod';

const isoDate = z.iso.datetime({ offset: true });

/** A normalized Egyptian mobile (E.164); the gateway normalizes every spelling before a command. */
export const E164PhoneSchema = z.string().regex(/^\+201[0125]\d{8}$/, 'an E.164 Egyptian mobile (+201XXXXXXXXX)');

/** An amount in EGP: at most 2 decimals, never negative (costs, refunds, contributions). */
export const AmountSchema = z
  .number()
  .min(0, 'must not be negative')
  .max(10_000_000)
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'at most 2 decimals');

/** What a service action does (domain.md §6). */
export const ActionTypeSchema = z.enum(['maintenance', 'service', 'replace_part', 'replace_full', 'return_refund']);
/** A service action type. */
export type ActionType = z.infer<typeof ActionTypeSchema>;

/** Subtypes of an action. */
export const ActionSubtypeSchema = z.enum(['warranty', 'paid', 'exchange', 'refund']);
/** A service action subtype. */
export type ActionSubtype = z.infer<typeof ActionSubtypeSchema>;

/** Every status of a service action (the transition table lives in the service-action service). */
export const ActionStatusSchema = z.enum([
  'requested',
  'return_ordered',
  'return_in_transit',
  'return_received',
  'hub_confirmed',
  'pending_review',
  'rejected',
  'in_progress',
  'outbound_shipped',
  'completed',
  'return_failed',
  'cancelled',
]);
/** A service action status. */
export type ActionStatus = z.infer<typeof ActionStatusSchema>;

/** Customer segments (domain.md §5). */
export const CustomerSegmentSchema = z.enum(['new', 'regular', 'vip', 'problematic']);
/** A customer segment. */
export type CustomerSegment = z.infer<typeof CustomerSegmentSchema>;

/** Where Bosta picks a product up or delivers it (city required by Bosta; zone/district help). */
export const AddressSchema = z.object({
  city: z.string().trim().min(1).max(100),
  zone: z.string().trim().max(100).nullable().default(null),
  district: z.string().trim().max(100).nullable().default(null),
  first_line: z.string().trim().min(1).max(300),
});
/** An address. */
export type Address = z.infer<typeof AddressSchema>;

/** One part used by a repair. */
export const PartSchema = z.object({
  sku: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  qty: z.number().int().min(1).max(1_000),
  unit_cost: AmountSchema,
});
/** A part. */
export type Part = z.infer<typeof PartSchema>;

/** One recorded status change of an action. */
export const ActionTransitionSchema = z
  .object({
    from_status: ActionStatusSchema.nullable(),
    to_status: ActionStatusSchema,
    actor: z.string(),
    reason: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'ActionTransition' });
/** A recorded status change. */
export type ActionTransition = z.infer<typeof ActionTransitionSchema>;

/** The cost ledger of an action (EGP). */
export const CostLedgerSchema = z
  .object({
    estimated_cost: z.number(),
    actual_cost: z.number(),
    parts_cost: z.number(),
    labour_cost: z.number(),
    return_courier_fee: z.number(),
    outbound_courier_fee: z.number(),
    customer_contribution: z.number(),
    refund_amount: z.number(),
    refund_processed: z.boolean(),
  })
  .meta({ id: 'CostLedger' });
/** An action's cost ledger. */
export type CostLedger = z.infer<typeof CostLedgerSchema>;

/** A service action as the API shows it. */
export const ServiceActionSchema = z
  .object({
    action_id: z.uuid(),
    case_number: z.string().meta({ description: 'Human reference, SA-YYYY-NNNNNN' }),
    customer_phone: z.string(),
    customer_name: z.string().nullable(),
    action_type: ActionTypeSchema,
    action_subtype: ActionSubtypeSchema.nullable(),
    action_status: ActionStatusSchema,
    allowed_transitions: z.array(ActionStatusSchema).meta({ description: 'Statuses reachable from the current one' }),
    service_reason: z.string(),
    service_notes: z.string().nullable(),
    main_order_id: z.string().nullable(),
    main_tracking_number: z.string().nullable(),
    sub_order_id: z.string().nullable(),
    sub_tracking_number: z.string().nullable(),
    source_order_id: z.string().nullable().meta({ description: 'The order an automatic action was detected from' }),
    source_tracking_number: z.string().nullable(),
    auto_detected: z.boolean(),
    on_site: z.boolean(),
    product_name: z.string().nullable(),
    product_sku: z.string().nullable(),
    product_description: z.string().nullable(),
    pickup_address: AddressSchema.nullable(),
    return_tracking_number: z.string().nullable(),
    return_status: z.string().nullable(),
    outbound_tracking_number: z.string().nullable(),
    outbound_status: z.string().nullable(),
    needs_attention: z.string().nullable().meta({ description: 'Why an agent must act (e.g. the pickup was rejected by Bosta)' }),
    review_required: z.boolean(),
    review_decision: z.enum(['approved', 'rejected', 'requires_changes']).nullable(),
    approved_refund_limit: z.number().nullable(),
    hub_quality_score: z.number().int().nullable(),
    hub_recommended_action: z.string().nullable(),
    assigned_technician: z.string().nullable(),
    parts_used: z.array(PartSchema),
    warranty_applies: z.boolean(),
    costs: CostLedgerSchema,
    closure_verified: z.boolean(),
    created_by: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
    completed_at: z.string().nullable(),
    cancelled_reason: z.string().nullable(),
    transitions: z.array(ActionTransitionSchema).optional().meta({ description: 'Full history (single-action reads only)' }),
  })
  .meta({ id: 'ServiceAction' });
/** A service action. */
export type ServiceAction = z.infer<typeof ServiceActionSchema>;

/** A customer as the API shows it. */
export const CustomerSchema = z
  .object({
    phone: z.string(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    full_name: z.string().nullable(),
    email: z.string().nullable(),
    primary_city: z.string().nullable(),
    primary_zone: z.string().nullable(),
    primary_district: z.string().nullable(),
    primary_address: z.string().nullable(),
    total_orders: z.number().int(),
    total_value: z.number(),
    avg_order_value: z.number(),
    first_order_date: z.string().nullable(),
    last_order_date: z.string().nullable(),
    delivered_main_orders: z.number().int(),
    returned_orders: z.number().int(),
    maintenance_orders: z.number().int(),
    return_rate: z.number().meta({ description: 'Share of orders returned or refunded, 0-1' }),
    satisfaction_score: z.number().nullable().meta({ description: '0-1' }),
    customer_segment: CustomerSegmentSchema,
    segment_reason: z.string(),
    service_actions: z.number().int(),
    erased: z.boolean(),
    created_by: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Customer' });
/** A customer. */
export type Customer = z.infer<typeof CustomerSchema>;

/** Interaction channels and states. */
export const InteractionTypeSchema = z.enum(['call', 'whatsapp', 'sms', 'email', 'visit']);
export const InteractionStatusSchema = z.enum(['open', 'in_progress', 'resolved', 'closed']);
export const PrioritySchema = z.enum(['low', 'medium', 'high', 'urgent']);
/** An interaction channel. */
export type InteractionType = z.infer<typeof InteractionTypeSchema>;
/** An interaction status. */
export type InteractionStatus = z.infer<typeof InteractionStatusSchema>;
/** A priority (of an interaction, and of the repair an inspection recommends). */
export type Priority = z.infer<typeof PrioritySchema>;

/** A customer interaction. */
export const InteractionSchema = z
  .object({
    interaction_id: z.uuid(),
    customer_phone: z.string(),
    interaction_type: InteractionTypeSchema,
    subject: z.string(),
    description: z.string().nullable(),
    priority: PrioritySchema,
    status: InteractionStatusSchema,
    assigned_agent: z.string().nullable(),
    customer_satisfaction: z.number().nullable().meta({ description: '0-1' }),
    resolution_time_hours: z.number().nullable(),
    follow_up_date: z.string().nullable(),
    follow_up_notes: z.string().nullable(),
    created_by: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
    resolved_at: z.string().nullable(),
  })
  .meta({ id: 'Interaction' });
/** An interaction. */
export type Interaction = z.infer<typeof InteractionSchema>;

const reason = z.string().trim().min(1).max(1_000);

/** An action in commands and paths: its id (uuid) or case number (`SA-YYYY-NNNNNN`). */
export const ActionRefSchema = z.string().regex(/^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|SA-\d{4}-\d{6})$/, 'an action id (uuid) or case number (SA-YYYY-NNNNNN)');
const optionalText = (max: number) => z.string().trim().min(1).max(max).optional();
const by = z.string().min(1);

// ─── Commands (gateway → service-action) ────────────────────────────────────

/** `create-action`: an agent opens a case (unknown phone creates the customer). */
export const CreateActionCommandSchema = z.object({
  customer_phone: E164PhoneSchema,
  action_type: ActionTypeSchema,
  action_subtype: ActionSubtypeSchema.optional(),
  service_reason: reason,
  service_notes: optionalText(2_000),
  main_order_id: z.string().trim().min(1).max(64).optional(),
  /** Take the sub order from the hierarchy (the seed's `link_to_hierarchy`). */
  link_to_hierarchy: z.boolean().default(true),
  product_name: optionalText(200),
  product_sku: optionalText(64),
  product_description: optionalText(1_000),
  customer_name: optionalText(200),
  customer_email: z.email().max(200).optional(),
  pickup_address: AddressSchema.optional(),
  on_site: z.boolean().default(false),
  requested_by: by,
});

/** `update-action`: editable fields only (status moves through commands and events). */
export const UpdateActionCommandSchema = z.object({
  action_id: ActionRefSchema,
  changes: z
    .object({
      action_subtype: ActionSubtypeSchema.nullable(),
      service_notes: z.string().trim().max(2_000).nullable(),
      product_name: z.string().trim().max(200).nullable(),
      product_sku: z.string().trim().max(64).nullable(),
      product_description: z.string().trim().max(1_000).nullable(),
      assigned_technician: z.string().trim().max(200).nullable(),
      warranty_applies: z.boolean(),
      estimated_cost: AmountSchema,
      customer_contribution: AmountSchema,
      pickup_address: AddressSchema,
    })
    .partial()
    .refine((c) => Object.keys(c).length > 0, 'nothing to change'),
  requested_by: by,
});

/** `cancel-action`: allowed before the product is received. */
export const CancelActionCommandSchema = z.object({ action_id: ActionRefSchema, reason, requested_by: by });

/** `link-order`: links an action to a main order of its customer (the sub comes from the hierarchy). */
export const LinkActionOrderCommandSchema = z.object({ action_id: ActionRefSchema, order_id: z.string().trim().min(1).max(64), requested_by: by });

/** `retry-return`: after a failed pickup (`return_failed`) or a rejected one, request the pickup again. */
export const RetryReturnCommandSchema = z.object({ action_id: ActionRefSchema, pickup_address: AddressSchema.optional(), reason, requested_by: by });

/** Which execution a route asked for (`execute` dispatches by the action's type). */
export const ExecutionKindSchema = z.enum(['execute', 'replace_part', 'replace_full', 'maintenance', 'refund']);

/** `execute-action`: repair, replace, refund (guarded: hub confirmed, approved when review was required). */
export const ExecuteActionCommandSchema = z.object({
  action_id: ActionRefSchema,
  kind: ExecutionKindSchema,
  technician: optionalText(200),
  parts: z.array(PartSchema).max(100).optional(),
  labour_cost: AmountSchema.optional(),
  notes: optionalText(2_000),
  new_product_sku: optionalText(64),
  new_product_name: optionalText(200),
  amount: AmountSchema.optional(),
  requested_by: by,
});

/** `create-customer`: a customer who has no orders yet (or details for one who does). */
export const CreateCustomerCommandSchema = z.object({
  phone: E164PhoneSchema,
  first_name: optionalText(100),
  last_name: optionalText(100),
  full_name: optionalText(200),
  email: z.email().max(200).optional(),
  primary_city: optionalText(100),
  primary_zone: optionalText(100),
  primary_district: optionalText(100),
  primary_address: optionalText(300),
  requested_by: by,
});

/** `update-customer`: agent-managed fields. */
export const UpdateCustomerCommandSchema = z.object({
  phone: E164PhoneSchema,
  changes: z
    .object({
      first_name: z.string().trim().max(100).nullable(),
      last_name: z.string().trim().max(100).nullable(),
      full_name: z.string().trim().max(200).nullable(),
      email: z.email().max(200).nullable(),
      primary_city: z.string().trim().max(100).nullable(),
      primary_zone: z.string().trim().max(100).nullable(),
      primary_district: z.string().trim().max(100).nullable(),
      primary_address: z.string().trim().max(300).nullable(),
      satisfaction_score: z.number().min(0).max(1).nullable(),
    })
    .partial()
    .refine((c) => Object.keys(c).length > 0, 'nothing to change'),
  requested_by: by,
});

/** `erase-customer`: personal data anonymized, aggregates kept, with the reason. */
export const EraseCustomerCommandSchema = z.object({ phone: E164PhoneSchema, reason, requested_by: by });

/** `create-interaction`. */
export const CreateInteractionCommandSchema = z.object({
  phone: E164PhoneSchema,
  interaction_type: InteractionTypeSchema,
  subject: z.string().trim().min(1).max(200),
  description: optionalText(4_000),
  priority: PrioritySchema.default('medium'),
  assigned_agent: optionalText(200),
  follow_up_date: z.iso.date().optional(),
  follow_up_notes: optionalText(2_000),
  requested_by: by,
});

/** `update-interaction` (status `closed` or `resolved` closes it and records the resolution time). */
export const UpdateInteractionCommandSchema = z.object({
  phone: E164PhoneSchema,
  interaction_id: z.uuid(),
  changes: z
    .object({
      status: InteractionStatusSchema,
      priority: PrioritySchema,
      description: z.string().trim().max(4_000).nullable(),
      assigned_agent: z.string().trim().max(200).nullable(),
      customer_satisfaction: z.number().min(0).max(1).nullable(),
      follow_up_date: z.iso.date().nullable(),
      follow_up_notes: z.string().trim().max(2_000).nullable(),
    })
    .partial()
    .refine((c) => Object.keys(c).length > 0, 'nothing to change'),
  requested_by: by,
});

// ─── Events from the returns and hub services (consumed by service-action) ──

/** Status of a return pickup (domain.md §7), plus `rejected` when Bosta refused to create it. */
export const ReturnStatusSchema = z.enum(['pending', 'rejected', 'created', 'picked_up', 'in_transit', 'delivered_to_hub', 'failed', 'cancelled']);
/** Status of an outbound delivery. */
export const OutboundStatusSchema = z.enum(['pending', 'rejected', 'created', 'in_transit', 'delivered', 'failed', 'cancelled']);

/** A Bosta error surfaced on the action (validation errors need an agent). */
export const LegErrorSchema = z.object({ code: z.string(), message: z.string() });

/** `return-status-changed` (returns): the pickup of an action changed status. */
export const ReturnStatusChangedSchema = z.object({
  event_id: z.string().min(1),
  action_id: z.uuid(),
  return_id: z.string().min(1),
  tracking_number: z.string().regex(/^\d+$/).nullable(),
  status: ReturnStatusSchema,
  bosta_state_code: z.number().int().nullable(),
  courier_fee: AmountSchema.nullable().default(null),
  error: LegErrorSchema.nullable().default(null),
  at: isoDate,
});
/** A return status event. */
export type ReturnStatusChanged = z.infer<typeof ReturnStatusChangedSchema>;

/** `outbound-status-changed` (returns): the outbound delivery of an action changed status. */
export const OutboundStatusChangedSchema = z.object({
  event_id: z.string().min(1),
  action_id: z.uuid(),
  outbound_id: z.string().min(1),
  tracking_number: z.string().regex(/^\d+$/).nullable(),
  type_code: z.union([z.literal(10), z.literal(30)]),
  status: OutboundStatusSchema,
  bosta_state_code: z.number().int().nullable(),
  courier_fee: AmountSchema.nullable().default(null),
  error: LegErrorSchema.nullable().default(null),
  at: isoDate,
});
/** An outbound status event. */
export type OutboundStatusChanged = z.infer<typeof OutboundStatusChangedSchema>;

/** `return-received` (hub): the return was scanned at a hub. */
export const ReturnReceivedSchema = z.object({
  event_id: z.string().min(1),
  action_id: z.uuid(),
  workflow_id: z.string().min(1),
  return_tracking_number: z.string().min(1),
  hub_name: z.string().min(1),
  hub_agent: z.string().min(1),
  at: isoDate,
});

/** Recommended actions of an inspection (domain.md §8). */
export const RecommendedActionSchema = z.enum(['maintenance', 'replace_part', 'replace_full', 'refund', 'dispose']);
/** A recommended action. */
export type RecommendedAction = z.infer<typeof RecommendedActionSchema>;

/** `inspection-completed` (hub): the inspection is done; `review_required` per the review rule. */
export const InspectionCompletedSchema = z.object({
  event_id: z.string().min(1),
  action_id: z.uuid(),
  workflow_id: z.string().min(1),
  hub_agent: z.string().min(1),
  product_condition: z.enum(['excellent', 'good', 'fair', 'poor', 'damaged']),
  quality_score: z.number().int().min(1).max(10),
  recommended_action: RecommendedActionSchema,
  review_required: z.boolean(),
  review_reasons: z.array(z.string()).default([]),
  estimated_repair_cost: AmountSchema.nullable().default(null),
  notes: z.string().nullable().default(null),
  at: isoDate,
});

/** `review-decided` (hub): a team leader decided a review. */
export const ReviewDecidedSchema = z.object({
  event_id: z.string().min(1),
  action_id: z.uuid(),
  workflow_id: z.string().min(1),
  team_leader: z.string().min(1),
  decision: z.enum(['approved', 'rejected', 'requires_changes']),
  notes: z.string().nullable().default(null),
  /** A refund above the original COD is allowed up to this amount when approved. */
  approved_refund_limit: AmountSchema.nullable().default(null),
  at: isoDate,
});

// ─── Messages produced by service-action ────────────────────────────────────

/** `return-requested` (to returns): create the return pickup of an action. */
export const ReturnRequestedSchema = z.object({
  action_id: z.uuid(),
  case_number: z.string(),
  /** Increments with every retry: the returns service derives the Bosta reference from action and attempt. */
  attempt: z.number().int().min(1),
  customer_phone: E164PhoneSchema,
  customer_name: z.string().nullable(),
  pickup_address: AddressSchema.nullable(),
  product_name: z.string().nullable(),
  action_type: ActionTypeSchema,
  reason: z.string(),
  requested_at: isoDate,
});
/** A return request. */
export type ReturnRequested = z.infer<typeof ReturnRequestedSchema>;

/** `outbound-requested` (to returns): ship the repaired product or the replacement. */
export const OutboundRequestedSchema = z.object({
  action_id: z.uuid(),
  case_number: z.string(),
  /** `repaired`: the product back after maintenance or a part; `replacement`: a new unit. */
  kind: z.enum(['repaired', 'replacement']),
  /** 10 SEND; 30 EXCHANGE when the old unit was not collected. */
  type_code: z.union([z.literal(10), z.literal(30)]),
  customer_phone: E164PhoneSchema,
  customer_name: z.string().nullable(),
  address: AddressSchema.nullable(),
  product_name: z.string().nullable(),
  product_sku: z.string().nullable(),
  notes: z.string().nullable(),
  requested_at: isoDate,
});
/** An outbound request. */
export type OutboundRequested = z.infer<typeof OutboundRequestedSchema>;

/** Most entries in one `service-facts` job. */
export const SERVICE_FACTS_MAX_BATCH = 1_000;

/** Facts of one order for the sync read model: its service actions' summary. */
export const OrderServiceFactSchema = z.object({
  order_id: z.string().min(1),
  /** Actions that name this order (main, sub or source). */
  actions_count: z.number().int().nonnegative(),
  /** Status of the order's most recent action (null when it has none). */
  service_status: ActionStatusSchema.nullable(),
  revision: z.number().int().nonnegative(),
});

/** Facts of one customer for the sync read model. */
export const CustomerFactSchema = z.object({ phone: E164PhoneSchema, segment: CustomerSegmentSchema, revision: z.number().int().nonnegative() });

/** `service-facts` (to the sync read model): customer segments and order action summaries. */
export const ServiceFactsBatchSchema = z
  .object({
    batch_id: z.string().min(1),
    customers: z.array(CustomerFactSchema).max(SERVICE_FACTS_MAX_BATCH).default([]),
    orders: z.array(OrderServiceFactSchema).max(SERVICE_FACTS_MAX_BATCH).default([]),
  })
  .refine((b) => b.customers.length + b.orders.length > 0, 'a batch carries at least one fact');
/** A `service-facts` batch. */
export type ServiceFactsBatch = z.infer<typeof ServiceFactsBatchSchema>;
