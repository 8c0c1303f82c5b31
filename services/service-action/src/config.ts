import { z } from 'zod';
import { baseConfigShape, loadConfig } from '@hvar/platform';

const positiveInt = z.coerce.number().int().positive();
/** An amount in EGP (at most 2 decimals), from the environment. */
const egp = z.coerce.number().min(0).max(1_000_000).refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'at most 2 decimals');
const share = z.coerce.number().min(0).max(1);

/** Service-action settings (domain.md §5-6; every threshold has the documented default). */
export const ServiceActionConfigSchema = z.object({
  ...baseConfigShape,
  SA_WORKER_CONCURRENCY: positiveInt.max(32).default(4),
  /** How often segments that change with time alone are refreshed (ms). */
  SA_SEGMENT_REFRESH_MS: positiveInt.min(1_000).default(3_600_000),
  /** Estimated cost per action type (EGP). */
  SA_COST_MAINTENANCE: egp.default(100),
  SA_COST_SERVICE: egp.default(0),
  SA_COST_REPLACE_PART: egp.default(150),
  SA_COST_REPLACE_FULL: egp.default(500),
  SA_COST_RETURN_REFUND: egp.default(0),
  /** Labour added to a part replacement (EGP). */
  SA_LABOUR_COST: egp.default(50),
  /** Courier fee of a return pickup until Bosta reports the real one (EGP). */
  SA_RETURN_PICKUP_FEE: egp.default(25),
  /** Segments: `new` while the first order is younger than this (days) or there is one order. */
  SEGMENT_NEW_DAYS: positiveInt.max(3_650).default(30),
  /** Segments: `vip` from this lifetime value (EGP) ... */
  SEGMENT_VIP_VALUE: egp.default(10_000),
  /** ... or this many delivered main orders. */
  SEGMENT_VIP_MAIN_ORDERS: positiveInt.default(5),
  /** Segments: `problematic` from this return rate (0-1) with at least SEGMENT_PROBLEM_MIN_ORDERS orders ... */
  SEGMENT_PROBLEM_RETURN_RATE: share.default(0.3),
  SEGMENT_PROBLEM_MIN_ORDERS: positiveInt.default(3),
  /** ... or this many refused/returned deliveries. */
  SEGMENT_PROBLEM_RETURNED: positiveInt.default(2),
});

/** Parsed service-action settings. */
export type ServiceActionConfig = z.infer<typeof ServiceActionConfigSchema>;

/** Parses the service's environment; throws a ConfigError listing every problem. */
export function loadServiceActionConfig(env: Record<string, string | undefined> = process.env): ServiceActionConfig {
  return loadConfig(ServiceActionConfigSchema, env);
}
