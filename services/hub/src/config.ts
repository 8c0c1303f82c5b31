import { RecommendedActionSchema } from '@hvar/contracts';
import { baseConfigShape, loadConfig } from '@hvar/platform';
import { z } from 'zod';

const positiveInt = z.coerce.number().int().positive();
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** A comma-separated list of recommended actions; `none` for none (an empty variable counts as unset). */
const actionList = z
  .string()
  .transform((v) => (v.trim() === 'none' ? [] : v.split(',').map((s) => s.trim()).filter((s) => s.length > 0)))
  .pipe(z.array(RecommendedActionSchema));

/** Hub settings (domain.md §8; the review rule's thresholds have the documented defaults). */
export const HubConfigSchema = z.object({
  ...baseConfigShape,
  HUB_WORKER_CONCURRENCY: positiveInt.max(32).default(4),
  /** Review required when the quality score is at most this (0 turns the score condition off). */
  HUB_REVIEW_MAX_SCORE: z.coerce.number().int().min(0).max(10).default(3),
  /** Review required when the inspection recommends one of these (comma-separated, or `none`). */
  HUB_REVIEW_ACTIONS: actionList.default(['refund', 'dispose']),
  /** Review required when the recommendation differs from what the customer asked for. */
  HUB_REVIEW_ON_MISMATCH: bool.default(true),
});

/** Parsed hub settings. */
export type HubConfig = z.infer<typeof HubConfigSchema>;

/** Parses the service's environment; throws a ConfigError listing every problem. */
export function loadHubConfig(env: Record<string, string | undefined> = process.env): HubConfig {
  return loadConfig(HubConfigSchema, env);
}
