import { z } from 'zod';
import { ReclassifyRunSchema, RuleSetSchema } from '../messages/classification-rules.js';
import { ServiceTypeSchema } from '../messages/order-classified.js';
import { PageOf, PageParams } from './query.js';

/** `:ref` of an order in the classifier's reads: Bosta `_id` or tracking number. */
export const ClassificationOrderParams = z.strictObject({
  ref: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a Bosta _id or tracking number (1-64 of A-Z a-z 0-9 _ -)'),
});

/** `:version` of a rule set. */
export const RuleSetVersionParams = z.strictObject({ version: z.coerce.number().int().positive().max(2_147_483_647) });

/** `:id` of a re-classify run. */
export const ReclassifyRunIdParams = z.strictObject({ id: z.uuid() });

/** `GET /reclassify-runs` query: newest first. */
export const ReclassifyRunsQuery = z.strictObject({
  status: z.enum(['queued', 'running', 'completed', 'failed', 'superseded']).optional(),
  ...PageParams,
});
/** Parsed re-classify runs query. */
export type ReclassifyRunsQuery = z.infer<typeof ReclassifyRunsQuery>;

/** A classification as a rule produced it. */
export const ClassificationResultSchema = z
  .object({
    business_category: z.string(),
    service_type: ServiceTypeSchema,
    order_level: z.number().int(),
    rule_id: z.string(),
    rule_set_version: z.number().int().positive(),
  })
  .meta({ id: 'ClassificationResult' });

/** One change of an order's classification (history is never deleted). */
export const ClassificationHistoryEntrySchema = z
  .object({
    revision: z.number().int(),
    cause: z.enum(['created', 'state_changed', 'updated', 'reclassify']),
    from: ClassificationResultSchema.nullable().meta({ description: 'null for the first classification' }),
    to: ClassificationResultSchema,
    state_code: z.number().int().meta({ description: 'The order state the new classification saw' }),
    at: z.string(),
  })
  .meta({ id: 'ClassificationHistoryEntry' });

/** The order facts the classifier keeps (from the sync's order-changed batches). */
export const ClassifiedOrderFactsSchema = z
  .object({
    receiver_phone: z.string(),
    type_code: z.number().int(),
    state_code: z.number().int(),
    state_at: z.string(),
    cod: z.number().meta({ description: 'EGP, 2 decimals; negative = refund' }),
    created_at: z.string(),
    delivered_at: z.string().nullable(),
    returned_at: z.string().nullable(),
    product_name: z.string().nullable(),
    business_reference: z.string().nullable(),
    unique_business_reference: z.string().nullable(),
  })
  .meta({ id: 'ClassifiedOrderFacts' });

/** `GET /orders/:ref/classification`: the current classification, the facts and the history (newest first). */
export const OrderClassificationViewSchema = z
  .object({
    order_id: z.string(),
    tracking_number: z.string(),
    facts: ClassifiedOrderFactsSchema,
    classification: ClassificationResultSchema,
    revision: z.number().int(),
    classified_at: z.string(),
    history: z.array(ClassificationHistoryEntrySchema),
  })
  .meta({ id: 'OrderClassificationView' });
/** An order's classification view. */
export type OrderClassificationView = z.infer<typeof OrderClassificationViewSchema>;

/** `GET /rules/versions`: every rule-set version, newest first. */
export const RuleSetVersionsSchema = z.object({ items: z.array(RuleSetSchema) }).meta({ id: 'RuleSetVersions' });

/** `GET /reclassify-runs`: a page of runs, newest first. */
export const ReclassifyRunPageSchema = PageOf(ReclassifyRunSchema).meta({ id: 'ReclassifyRunPage' });

const bucket = <T extends z.ZodType>(value: T) => z.array(z.object({ value, count: z.number().int() }));

/** `GET /analytics/distribution`: classified orders counted by each classification field. */
export const ClassificationDistributionSchema = z
  .object({
    total: z.number().int(),
    active_rule_set_version: z.number().int().nullable(),
    by_business_category: bucket(z.string()),
    by_service_type: bucket(ServiceTypeSchema),
    by_order_level: bucket(z.number().int()),
    by_rule_id: bucket(z.string()),
    by_rule_set_version: bucket(z.number().int()),
  })
  .meta({ id: 'ClassificationDistribution' });
/** Classification distribution. */
export type ClassificationDistribution = z.infer<typeof ClassificationDistributionSchema>;
