import { z } from 'zod';
import { HierarchyStatusSchema, RelationshipTypeSchema } from '../messages/hierarchy-changed.js';
import { DetectionRunSchema, HierarchyLinkSchema } from '../messages/hierarchy-commands.js';
import { ServiceTypeSchema } from '../messages/order-classified.js';
import { PageOf, PageParams, QueryBool } from './query.js';

/** `:ref` of an order in the hierarchy's reads: Bosta `_id` or tracking number. */
export const HierarchyOrderParams = z.strictObject({
  ref: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a Bosta _id or tracking number (1-64 of A-Z a-z 0-9 _ -)'),
});

/** `:phone` of a customer: any common spelling of an Egyptian mobile (normalized by the service). */
export const HierarchyCustomerParams = z.strictObject({ phone: z.string().min(1).max(40) });

/** A read without query parameters (an unknown one is a 400). */
export const HierarchyNoQuery = z.strictObject({});

/** `GET /orders/:ref/subs` query: direct subs, or every level below with `all=true`. */
export const HierarchySubsQuery = z.strictObject({ all: QueryBool.optional() });

/** `:id` of a detection run. */
export const DetectionRunIdParams = z.strictObject({ id: z.uuid() });

/** `GET /runs` query: detection runs, newest first. */
export const DetectionRunsQuery = z.strictObject({
  status: z.enum(['queued', 'running', 'completed', 'failed']).optional(),
  ...PageParams,
});
/** Parsed detection runs query. */
export type DetectionRunsQuery = z.infer<typeof DetectionRunsQuery>;

/** An order as the hierarchy sees it, with its hierarchy status. */
export const HierarchyOrderSchema = z
  .object({
    order_id: z.string().meta({ description: 'Bosta `_id`' }),
    tracking_number: z.string(),
    phone: z.string().meta({ description: 'E.164; one phone = one customer' }),
    service_type: ServiceTypeSchema,
    state_code: z.number().int(),
    state_at: z.string(),
    created_at: z.string(),
    cod: z.number().meta({ description: 'EGP, 2 decimals; negative = refund' }),
    product_name: z.string().nullable(),
    hierarchy_status: HierarchyStatusSchema,
  })
  .meta({ id: 'HierarchyOrder' });
/** An order of the hierarchy. */
export type HierarchyOrder = z.infer<typeof HierarchyOrderSchema>;

/** One node of a family tree: the order, the active link to its parent, and its children. */
export interface FamilyNode {
  order_id: string;
  order: HierarchyOrder | null;
  depth: number;
  link: z.infer<typeof HierarchyLinkSchema> | null;
  children: FamilyNode[];
}

/** One node of a family tree (recursive: every level below). */
export const FamilyNodeSchema: z.ZodType<FamilyNode> = z
  .object({
    order_id: z.string(),
    order: HierarchyOrderSchema.nullable().meta({ description: 'null when the order is not in the projection' }),
    depth: z.number().int().min(0).meta({ description: '0 = the root, 1 = its direct subs, ...' }),
    link: HierarchyLinkSchema.nullable().meta({ description: 'The active link to the parent (null for the root)' }),
    get children() {
      return z.array(FamilyNodeSchema);
    },
  })
  .meta({ id: 'FamilyNode' });

/** `GET /orders/:ref/tree`: the family of an order, from its root main down every level. */
export const FamilyTreeSchema = z
  .object({
    order_id: z.string().meta({ description: 'The order asked for' }),
    root: FamilyNodeSchema,
    size: z.number().int().positive().meta({ description: 'Orders in the tree' }),
  })
  .meta({ id: 'FamilyTree' });
/** A family tree. */
export type FamilyTree = z.infer<typeof FamilyTreeSchema>;

/** A sub below a main, with its link and its depth under that main (1 = direct). */
export const HierarchySubSchema = z
  .object({ depth: z.number().int().positive(), order: HierarchyOrderSchema, link: HierarchyLinkSchema })
  .meta({ id: 'HierarchySub' });

/** `GET /orders/:ref/subs`: the subs of a main (direct, or every level with `all=true`). */
export const HierarchySubsSchema = z
  .object({ main: HierarchyOrderSchema, all: z.boolean(), subs: z.array(HierarchySubSchema) })
  .meta({ id: 'HierarchySubs' });
/** The subs of a main. */
export type HierarchySubs = z.infer<typeof HierarchySubsSchema>;

/** `GET /orders/:ref/main`: the main of a sub and the active link between them. */
export const HierarchyMainOfSchema = z
  .object({ sub: HierarchyOrderSchema, main: HierarchyOrderSchema, link: HierarchyLinkSchema })
  .meta({ id: 'HierarchyMainOf' });
/** The main of a sub. */
export type HierarchyMainOf = z.infer<typeof HierarchyMainOfSchema>;

/** `GET /orders/:ref/links`: every link of an order, as sub and as main, active or not, newest first. */
export const HierarchyLinkHistorySchema = z
  .object({ order: HierarchyOrderSchema, as_sub: z.array(HierarchyLinkSchema), as_main: z.array(HierarchyLinkSchema) })
  .meta({ id: 'HierarchyLinkHistory' });
/** An order's link history. */
export type HierarchyLinkHistory = z.infer<typeof HierarchyLinkHistorySchema>;

/** `GET /customers/:phone/families`: every family of a customer, and its subs without a main. */
export const CustomerFamiliesSchema = z
  .object({
    phone: z.string().meta({ description: 'E.164' }),
    orders: z.number().int().meta({ description: 'Orders of the customer' }),
    families: z.array(FamilyNodeSchema).meta({ description: 'One tree per root (a main, or an order with orders below it), oldest root first' }),
    unlinked: z.array(HierarchyOrderSchema).meta({ description: 'Orders of a sub type without a main' }),
  })
  .meta({ id: 'CustomerFamilies' });
/** A customer's families. */
export type CustomerFamilies = z.infer<typeof CustomerFamiliesSchema>;

/** `GET /status`: how far the hierarchy has processed. */
export const HierarchyProcessingStatusSchema = z
  .object({
    orders: z.number().int().meta({ description: 'Orders in the projection' }),
    by_status: z.object({ main: z.number().int(), linked: z.number().int(), unlinked: z.number().int() }),
    active_links: z.number().int(),
    last_evaluation: z
      .object({ revision: z.number().int(), cause: z.enum(['incremental', 'detection', 'manual']), customers: z.number().int(), facts: z.number().int(), at: z.string() })
      .nullable(),
    inbox: z.object({
      last_applied_at: z.string().nullable().meta({ description: 'When the last classified batch was applied' }),
      waiting_jobs: z.number().int().nullable().meta({ description: 'Jobs waiting in the hierarchy queue (null when the queue is not reachable)' }),
      lag_ms: z.number().int().nullable().meta({ description: 'Age of the oldest waiting job (0 when none waits)' }),
    }),
    detection: z.object({ current: DetectionRunSchema.nullable(), last: DetectionRunSchema.nullable() }),
  })
  .meta({ id: 'HierarchyProcessingStatus' });
/** The hierarchy's processing status. */
export type HierarchyProcessingStatus = z.infer<typeof HierarchyProcessingStatusSchema>;

/** `GET /analytics`: coverage and relationships over every order and active link. */
export const HierarchyAnalyticsSchema = z
  .object({
    subs: z.number().int().meta({ description: 'Orders of a sub service type' }),
    linked_subs: z.number().int(),
    coverage: z.number().min(0).max(1).meta({ description: 'linked_subs / subs, 4 decimals' }),
    by_relationship_type: z.record(RelationshipTypeSchema, z.number().int()),
    average_confidence: z.number().nullable(),
    auto_links: z.number().int(),
    manual_links: z.number().int().meta({ description: 'Links made by hand (manual or API)' }),
    customers_with_hierarchy: z.number().int(),
    mains_with_subs: z.number().int(),
    avg_subs_per_main: z.number(),
    max_subs_per_main: z.number().int(),
  })
  .meta({ id: 'HierarchyAnalytics' });
/** Hierarchy analytics. */
export type HierarchyAnalyticsView = z.infer<typeof HierarchyAnalyticsSchema>;

/** Detection runs, newest first. */
export const DetectionRunPageSchema = PageOf(DetectionRunSchema).meta({ id: 'DetectionRunPage' });
