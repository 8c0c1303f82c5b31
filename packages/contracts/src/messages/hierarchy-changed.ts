import { z } from 'zod';

const isoDate = z.iso.datetime({ offset: true });

/** Where an order stands in the hierarchy (`pending_review` exists only in the sync read model). */
export const HierarchyStatusSchema = z.enum(['main', 'linked', 'unlinked']);
/** A hierarchy status. */
export type HierarchyStatus = z.infer<typeof HierarchyStatusSchema>;

/** What a sub is to its main (domain.md §4). */
export const RelationshipTypeSchema = z.enum(['maintenance', 'service', 'return', 'refund', 'other']);
/** A relationship type. */
export type RelationshipType = z.infer<typeof RelationshipTypeSchema>;

/** Who made a link. */
export const LinkedBySchema = z.enum(['auto_sync', 'manual', 'api']);

/**
 * One order's hierarchy facts after an evaluation: its status, its active main (if linked) and the
 * link's kind. `state_at` is the order state the evaluation saw, so the read model can keep
 * `pending_review` for an order whose newer state was not evaluated yet.
 */
export const HierarchyFactSchema = z.object({
  order_id: z.string().min(1),
  tracking_number: z.string().regex(/^\d+$/),
  hierarchy_status: HierarchyStatusSchema,
  main_order_id: z.string().nullable(),
  main_tracking_number: z.string().nullable(),
  relationship_type: RelationshipTypeSchema.nullable(),
  relationship_level: z.number().int().positive().nullable(),
  confidence: z.number().min(0).max(1).nullable(),
  linked_by: LinkedBySchema.nullable(),
  state_at: isoDate,
  /** The hierarchy's revision of this order's facts (grows with every evaluation that wrote them). */
  revision: z.number().int().nonnegative(),
});
/** One order's hierarchy facts. */
export type HierarchyFact = z.infer<typeof HierarchyFactSchema>;

/** Most orders in one `hierarchy-changed` job. */
export const HIERARCHY_CHANGED_MAX_BATCH = 1_000;

/** `hierarchy-changed`: the facts of every order an evaluation looked at or changed. */
export const HierarchyChangedBatchSchema = z.object({
  batch_id: z.string().min(1),
  cause: z.enum(['incremental', 'detection', 'manual']),
  orders: z.array(HierarchyFactSchema).min(1).max(HIERARCHY_CHANGED_MAX_BATCH),
});
/** A `hierarchy-changed` batch. */
export type HierarchyChangedBatch = z.infer<typeof HierarchyChangedBatchSchema>;
