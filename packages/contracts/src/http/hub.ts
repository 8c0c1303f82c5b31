import { z } from 'zod';
import { ConfirmationTypeSchema, HubWorkflowSchema, WorkflowStatusSchema } from '../messages/returns-hub.js';
import { PageOf, PageParams, QueryBool } from './query.js';

const name = z.string().trim().min(1).max(100);

/** `GET /workflows` query: filters, newest first, cursor pages. */
export const HubWorkflowsQuery = z.strictObject({
  status: WorkflowStatusSchema.optional(),
  hub_name: name.optional(),
  hub_agent: name.optional(),
  review_required: QueryBool.optional().meta({ description: 'The latest inspection required a team-leader review' }),
  review_pending: QueryBool.optional().meta({ description: "A team leader's decision is awaited" }),
  confirmation_type: ConfirmationTypeSchema.optional(),
  action_id: z.uuid().optional(),
  ...PageParams,
});
/** Parsed workflows query. */
export type HubWorkflowsQuery = z.infer<typeof HubWorkflowsQuery>;

/** `:ref` of a workflow: its id (uuid) or the return tracking number. */
export const HubWorkflowRefParams = z.strictObject({
  ref: z.string().regex(/^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\d{4,20})$/, 'a workflow id (uuid) or return tracking number (digits)'),
});

/** A read without query parameters (an unknown one is a 400). */
export const HubNoQuery = z.strictObject({});

/** A page of hub workflows. */
export const HubWorkflowPageSchema = PageOf(HubWorkflowSchema).meta({ id: 'HubWorkflowPage' });

const Count = z.number().int().nonnegative();
const Share = z.number().min(0).max(1).nullable();

/** Quality and speed of a group of workflows (a hub, an agent, a confirmation type). */
export const HubPerformanceSchema = z
  .object({
    workflows: Count,
    scanned: Count,
    inspected: Count.meta({ description: 'Workflows with at least one inspection' }),
    confirmed: Count,
    rejected: Count,
    average_quality_score: z.number().nullable().meta({ description: 'Latest inspection of each workflow, 2 decimals' }),
    review_rate: Share.meta({ description: 'Inspected workflows whose latest inspection required a review, 0-1' }),
    average_scan_to_confirm_minutes: z.number().nullable().meta({ description: 'Confirmed workflows: scan → confirmation' }),
  })
  .meta({ id: 'HubPerformance' });
/** Performance of a group of workflows. */
export type HubPerformance = z.infer<typeof HubPerformanceSchema>;

/** `GET /analytics`: hub analytics (domain.md §8): by confirmation type and status, quality, reviews, speed, per hub and per agent. */
export const HubAnalyticsSchema = z
  .object({
    total: Count,
    by_status: z.record(z.string(), Count),
    by_confirmation_type: z.array(HubPerformanceSchema.extend({ confirmation_type: ConfirmationTypeSchema })),
    by_confirmation_type_and_status: z.array(z.object({ confirmation_type: ConfirmationTypeSchema, status: WorkflowStatusSchema, count: Count })),
    overall: HubPerformanceSchema,
    reviews: z.object({
      pending: Count,
      approved: Count,
      rejected: Count,
      requires_changes: Count,
      by_reason: z.record(z.string(), Count).meta({ description: 'Why reviews were required (latest inspections; one workflow may count under several reasons)' }),
    }),
    by_hub: z.array(HubPerformanceSchema.extend({ hub_name: z.string() })),
    by_agent: z.array(HubPerformanceSchema.extend({ hub_agent: z.string() })),
  })
  .meta({ id: 'HubAnalytics' });
/** Hub analytics. */
export type HubAnalytics = z.infer<typeof HubAnalyticsSchema>;
