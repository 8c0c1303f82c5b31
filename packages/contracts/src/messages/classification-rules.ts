import { z } from 'zod';
import { ServiceTypeSchema } from './order-classified.js';

/**
 * A COD bound: EGP with at most 2 decimals, or `"$name"` naming one of the rule set's parameters
 * (so the 500 EGP threshold is configuration, not a literal in every rule).
 */
export const CodBoundSchema = z.union([
  z.number().refine((n) => Number.isFinite(n) && Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'at most 2 decimals (EGP)'),
  z.string().regex(/^\$[a-z][a-z0-9_]*$/, 'a parameter reference such as "$main_cod_threshold"'),
]);

// Bosta has a few dozen type and state codes; the bound keeps rule-set validation (exact coverage analysis) cheap.
const MAX_CODES = 100;

/** When a rule matches: every given part must hold (an empty condition matches every order). */
export const RuleConditionSchema = z.strictObject({
  type_codes: z.array(z.number().int()).min(1).max(MAX_CODES).optional().meta({ description: 'Bosta delivery type is one of these' }),
  state_codes: z.array(z.number().int()).min(1).max(MAX_CODES).optional().meta({ description: 'Bosta state code is one of these' }),
  cod: z
    .strictObject({ gt: CodBoundSchema.optional(), gte: CodBoundSchema.optional(), lt: CodBoundSchema.optional(), lte: CodBoundSchema.optional(), eq: CodBoundSchema.optional() })
    .optional()
    .meta({ description: 'COD in EGP compared with the bounds (gt, gte, lt, lte, eq)' }),
});
/** A rule's condition. */
export type RuleCondition = z.infer<typeof RuleConditionSchema>;

/** One rule: the first matching rule of the ordered list classifies the order. */
export const ClassificationRuleSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, '1-32 of A-Z a-z 0-9 _ -'),
  description: z.string().max(500).default(''),
  when: RuleConditionSchema,
  then: z.strictObject({
    business_category: z.string().trim().min(1).max(100),
    service_type: ServiceTypeSchema,
    order_level: z.number().int().min(0).max(9),
  }),
});
/** One classification rule. */
export type ClassificationRule = z.infer<typeof ClassificationRuleSchema>;

/** A rule set as an admin publishes it: parameters and the ordered rules. */
export const RuleSetInputSchema = z
  .strictObject({
    parameters: z
      .record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.number().finite())
      .default({ main_cod_threshold: 500 })
      .meta({ description: 'Named numbers the rules reference as "$name" (EGP)' }),
    rules: z.array(ClassificationRuleSchema).min(1).max(200),
    notes: z.string().max(2_000).optional(),
  })
  .meta({ id: 'RuleSetInput' });
/** A rule set as published. */
export type RuleSetInput = z.infer<typeof RuleSetInputSchema>;

/** A stored rule set version. */
export const RuleSetSchema = z
  .object({
    version: z.number().int().positive(),
    active: z.boolean(),
    parameters: z.record(z.string(), z.number()),
    rules: z.array(ClassificationRuleSchema),
    notes: z.string().nullable(),
    published_by: z.string(),
    published_at: z.string(),
    reclassify_run_id: z.uuid().nullable().meta({ description: 'The re-classify-all run this publication started' }),
  })
  .meta({ id: 'RuleSet' });
/** A stored rule set version. */
export type RuleSet = z.infer<typeof RuleSetSchema>;

/** A re-classify-all run (started by publishing a rule set; resumable). */
export const ReclassifyRunSchema = z
  .object({
    id: z.uuid(),
    rule_set_version: z.number().int().positive(),
    status: z.enum(['queued', 'running', 'completed', 'failed', 'superseded']),
    orders_total: z.number().int().nullable(),
    orders_done: z.number().int(),
    orders_changed: z.number().int(),
    progress: z.number().min(0).max(1).nullable(),
    last_error: z.string().nullable(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .meta({ id: 'ReclassifyRun' });
/** A re-classify-all run. */
export type ReclassifyRun = z.infer<typeof ReclassifyRunSchema>;
