import { z } from 'zod';
import { baseConfigShape, loadConfig } from '@hvar/platform';

const positiveInt = z.coerce.number().int().positive();

/** Hierarchy settings (every one has a default; the database and Redis URLs come from the base). */
export const HierarchyConfigSchema = z.object({
  ...baseConfigShape,
  /** Never link a sub to a main created more than this many days apart. */
  HIERARCHY_WINDOW_DAYS: positiveInt.max(3_650).default(365),
  /** Jobs of the hierarchy queue handled at once (batches of different customers run side by side). */
  HIERARCHY_WORKER_CONCURRENCY: positiveInt.max(32).default(4),
  /** Lock of a running job; a detection run whose process died is resumed after this. */
  HIERARCHY_LOCK_MS: positiveInt.default(30_000),
  /** Customers (phones) a re-detection handles per transaction. */
  HIERARCHY_DETECTION_CHUNK: positiveInt.max(5_000).default(2_000),
});

/** Parsed hierarchy settings. */
export type HierarchyConfig = z.infer<typeof HierarchyConfigSchema>;

/** Parses the hierarchy's environment; throws a ConfigError listing every problem. */
export function loadHierarchyConfig(env: Record<string, string | undefined> = process.env): HierarchyConfig {
  return loadConfig(HierarchyConfigSchema, env);
}
