import { z } from 'zod';
import { baseConfigShape, loadConfig } from '@hvar/platform';

const positiveInt = z.coerce.number().int().positive();
/** An amount in EGP (at most 2 decimals), from the environment. */
const egp = z.coerce.number().min(0).max(1_000_000).refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'at most 2 decimals');

/**
 * Returns settings. Bosta is reached with the same variables as the sync service: `BOSTA_BASE_URL`
 * and `BOSTA_API_KEY` (or `BOSTA_EMAIL` + `BOSTA_PASSWORD`); no defaults for either. Terminating a
 * pickup needs a Full Access key. The pickup fee is service-action's (`SA_RETURN_PICKUP_FEE`).
 */
export const ReturnsConfigSchema = z
  .object({
    ...baseConfigShape,
    /** Bosta API base including `/api/v2` (the local simulator under `npm start`). */
    BOSTA_BASE_URL: z.url({ error: 'is required (e.g. https://app.bosta.co/api/v2)' }),
    BOSTA_API_KEY: z.string().min(1).optional(),
    BOSTA_EMAIL: z.string().min(1).optional(),
    BOSTA_PASSWORD: z.string().min(1).optional(),
    BOSTA_TIMEOUT_MS: positiveInt.default(15_000),
    /** The business location a return pickup goes back to (Bosta's default location when unset). */
    BOSTA_BUSINESS_LOCATION_ID: z.string().min(1).optional(),
    /** Jobs of the returns queue handled at once. */
    RETURNS_WORKER_CONCURRENCY: positiveInt.max(32).default(4),
    /** COD of a return pickup (EGP): the customer pays nothing when handing the product over. */
    RETURNS_PICKUP_COD: egp.default(0),
    /** How long Bosta's city list is kept before it is fetched again (ms). */
    RETURNS_CITIES_CACHE_MS: positiveInt.default(86_400_000),
    /** Paper and language of the airway bill. */
    RETURNS_AWB_TYPE: z.enum(['A4', 'A6']).default('A4'),
    RETURNS_AWB_LANG: z.enum(['ar', 'en']).default('ar'),
  })
  .superRefine((c, ctx) => {
    if (!c.BOSTA_API_KEY && !(c.BOSTA_EMAIL && c.BOSTA_PASSWORD)) {
      ctx.addIssue({ code: 'custom', path: ['BOSTA_API_KEY'], message: 'is required (or BOSTA_EMAIL and BOSTA_PASSWORD)' });
    }
  });

/** Parsed returns settings. */
export type ReturnsConfig = z.infer<typeof ReturnsConfigSchema>;

/** Parses the service's environment; throws a ConfigError listing every problem. */
export function loadReturnsConfig(env: Record<string, string | undefined> = process.env): ReturnsConfig {
  return loadConfig(ReturnsConfigSchema, env);
}
