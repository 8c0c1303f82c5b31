import { z } from 'zod';
import { ActionRefSchema, ActionStatusSchema, ActionTypeSchema, ServiceActionSchema } from '../messages/service-action.js';
import { PageOf, PageParams, QueryBool, QueryDate } from './query.js';

/** A comma-separated list of action statuses, e.g. `requested,return_ordered`. */
const StatusList = z
  .string()
  .max(400)
  .refine((v) => v.split(',').every((s) => ActionStatusSchema.safeParse(s).success), { message: `expected statuses among ${ActionStatusSchema.options.join(', ')} (comma-separated)` })
  .meta({ description: `One status or a comma-separated list: ${ActionStatusSchema.options.join(', ')}` });

/** `GET /actions` query: filters, newest first, cursor pages. */
export const ActionsQuery = z.strictObject({
  status: StatusList.optional(),
  action_type: ActionTypeSchema.optional(),
  customer_phone: z.string().regex(/^\+201[0125]\d{8}$/, 'an E.164 Egyptian mobile').optional().meta({ description: 'Normalized by the gateway from any spelling' }),
  auto_detected: QueryBool.optional(),
  needs_attention: QueryBool.optional(),
  linked: QueryBool.optional().meta({ description: 'true: linked to a main order; false: a case without an order' }),
  order_id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional().meta({ description: 'Actions naming this order (main, sub or source), by _id or tracking number' }),
  created_from: QueryDate.optional(),
  created_to: QueryDate.optional(),
  ...PageParams,
});
/** Parsed actions query. */
export type ActionsQuery = z.infer<typeof ActionsQuery>;

/** `:ref` of an action: its id or case number. */
export const ActionRefParams = z.strictObject({ ref: ActionRefSchema });

/** `:order_id` for the actions of an order's family. */
export const ActionOrderParams = z.strictObject({
  order_id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a Bosta _id or tracking number'),
});

/** A page of service actions. */
export const ServiceActionPageSchema = PageOf(ServiceActionSchema).meta({ id: 'ServiceActionPage' });

/** `GET /actions/hierarchy/:order_id`: the actions of every order in the order's family. */
export const FamilyActionsSchema = z
  .object({
    order_id: z.string(),
    root_order_id: z.string().meta({ description: 'The main at the top of the family' }),
    family_order_ids: z.array(z.string()),
    items: z.array(ServiceActionSchema),
  })
  .meta({ id: 'FamilyActions' });
/** The actions of an order's family. */
export type FamilyActions = z.infer<typeof FamilyActionsSchema>;

const Count = z.number().int().nonnegative();

/** Service analytics (domain.md §9: by type and status, by hierarchy link, resolution, costs vs order value, completion). */
export const ServiceAnalyticsSchema = z
  .object({
    total: Count,
    by_type: z.record(z.string(), Count),
    by_status: z.record(z.string(), Count),
    by_type_and_status: z.array(z.object({ action_type: ActionTypeSchema, status: ActionStatusSchema, count: Count })),
    by_link: z.object({ with_order: Count, without_order: Count, with_sub_order: Count, auto_detected: Count }),
    legs: z.object({ returns_created: Count.meta({ description: 'Actions whose return pickup exists at Bosta' }), outbound_created: Count }),
    average_resolution_days: z.number().nullable().meta({ description: 'Completed actions: created → completed' }),
    completion_rate: z.number().nullable().meta({ description: 'completed / (all but cancelled), 0-1' }),
    costs: z.object({
      estimated: z.number(),
      actual: z.number(),
      courier_fees: z.number(),
      refunds: z.number(),
      linked_order_value: z.number().meta({ description: 'COD of the main orders of linked actions (EGP)' }),
      cost_to_order_value: z.number().nullable().meta({ description: '(actual + courier fees + refunds) / linked order value' }),
    }),
  })
  .meta({ id: 'ServiceAnalytics' });
/** Service analytics. */
export type ServiceAnalytics = z.infer<typeof ServiceAnalyticsSchema>;

/** The service dashboard: what needs doing now. */
export const ServiceDashboardSchema = z
  .object({
    open: Count,
    by_status: z.record(z.string(), Count),
    needs_attention: Count,
    pending_review: Count,
    awaiting_execution: Count.meta({ description: 'hub_confirmed, ready for a technician' }),
    created_today: Count,
    created_last_7_days: Count,
    completed_last_7_days: Count,
    average_resolution_days: z.number().nullable(),
    oldest_open: z.object({ action_id: z.string(), case_number: z.string(), status: ActionStatusSchema, created_at: z.string() }).nullable(),
  })
  .meta({ id: 'ServiceDashboard' });
/** The service dashboard. */
export type ServiceDashboard = z.infer<typeof ServiceDashboardSchema>;
