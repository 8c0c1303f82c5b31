import { z } from 'zod';
import { LinkedBySchema, RelationshipTypeSchema } from './hierarchy-changed.js';

/** An order reference in commands and paths: Bosta `_id` or tracking number. */
export const OrderRefSchema = z.string().trim().min(1).max(64);

/** One hierarchy link (active or, in history, deactivated). */
export const HierarchyLinkSchema = z
  .object({
    id: z.uuid(),
    main_order_id: z.string(),
    main_tracking_number: z.string(),
    sub_order_id: z.string(),
    sub_tracking_number: z.string(),
    customer_phone: z.string(),
    main_created_at: z.string(),
    sub_created_at: z.string(),
    main_cod: z.number().meta({ description: 'EGP' }),
    sub_cod: z.number().meta({ description: 'EGP' }),
    relationship_type: RelationshipTypeSchema,
    relationship_level: z.number().int().positive(),
    business_rule: z.string(),
    confidence: z.number().min(0).max(1),
    confidence_reasons: z.array(z.string()),
    relationship_reason: z.string().nullable(),
    linked_by: LinkedBySchema,
    locked: z.boolean(),
    active: z.boolean(),
    created_by: z.string().nullable(),
    created_at: z.string(),
    deactivated_at: z.string().nullable(),
    deactivated_by: z.string().nullable(),
    deactivation_reason: z.string().nullable(),
  })
  .meta({ id: 'HierarchyLink' });
/** One hierarchy link. */
export type HierarchyLink = z.infer<typeof HierarchyLinkSchema>;

/** A full (or one-customer) re-detection run: resumable, with progress. */
export const DetectionRunSchema = z
  .object({
    id: z.uuid(),
    scope: z.enum(['all', 'customer']),
    phone: z.string().nullable(),
    status: z.enum(['queued', 'running', 'completed', 'failed']),
    requested_by: z.string(),
    customers_total: z.number().int().nullable(),
    customers_done: z.number().int(),
    orders_seen: z.number().int(),
    links_created: z.number().int(),
    links_deactivated: z.number().int(),
    progress: z.number().min(0).max(1).nullable(),
    last_error: z.string().nullable(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .meta({ id: 'DetectionRun' });
/** A detection run. */
export type DetectionRun = z.infer<typeof DetectionRunSchema>;

/** Payload of the `link` command (a manual link, locked against automatic changes). */
export const LinkCommandSchema = z.object({
  main_order_id: OrderRefSchema,
  sub_order_id: OrderRefSchema,
  relationship_reason: z.string().trim().min(1).max(500),
  relationship_type: RelationshipTypeSchema.optional(),
  linked_by: z.enum(['manual', 'api']),
  requested_by: z.string().min(1),
});

/** Payload of the `unlink` command: deactivates the sub's active link and locks it unlinked. */
export const UnlinkCommandSchema = z.object({
  order_id: OrderRefSchema,
  reason: z.string().trim().min(1).max(500),
  requested_by: z.string().min(1),
});

/** Payload of the `detect` command: every customer, or one customer by phone (any spelling). */
export const DetectCommandSchema = z.object({
  phone: z.string().min(1).max(40).optional(),
  requested_by: z.string().min(1),
});
