import { z } from 'zod';
import { baseConfigShape, loadConfig } from '@hvar/platform';

const positiveInt = z.coerce.number().int().positive();

/** Classifier settings (every one has a default; the secrets come from `baseConfigShape`). */
export const ClassifierConfigSchema = z.object({
  ...baseConfigShape,
  /** Jobs of the classifier queue handled at once (order-changed batches side by side with a re-classify run). */
  CLASSIFIER_WORKER_CONCURRENCY: positiveInt.max(64).default(4),
  /** Lock of a running job; a re-classify run whose process died resumes elsewhere after this. */
  CLASSIFIER_LOCK_MS: positiveInt.default(30_000),
  /** Orders re-classified per transaction by `reclassify-all` (the cursor advances with each). */
  CLASSIFIER_RECLASSIFY_CHUNK: positiveInt.max(10_000).default(2_000),
  /** How often the outbox relay looks for messages it was not kicked for. */
  CLASSIFIER_OUTBOX_POLL_MS: positiveInt.default(500),
});

/** Parsed classifier settings. */
export type ClassifierConfig = z.infer<typeof ClassifierConfigSchema>;

/** Parses the classifier's environment; throws a ConfigError listing every problem. */
export function loadClassifierConfig(env: Record<string, string | undefined> = process.env): ClassifierConfig {
  return loadConfig(ClassifierConfigSchema, env);
}
