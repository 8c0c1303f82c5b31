import { z } from 'zod';
import type { Rng } from './domain/rng.js';

const rate = z.number().min(0).max(1);

/** Fault settings (`PUT /__sim/faults`); rates are probabilities per request / webhook / item. */
export const FaultsSchema = z.object({
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  rate429: rate.default(0),
  rate5xx: rate.default(0),
  webhookDrop: rate.default(0),
  webhookDuplicate: rate.default(0),
  webhookReorder: rate.default(0),
  searchDetailMismatch: rate.default(0),
  seed: z.number().int().optional(),
});
/** Current fault settings. */
export type Faults = z.infer<typeof FaultsSchema>;

/** A partial update of the fault settings. */
export const FaultsPatchSchema = FaultsSchema.partial().strict();

/** What a request fault decided. */
export type RequestFault = { kind: 'none' } | { kind: '429' } | { kind: '5xx'; status: 500 | 502 | 503 };

/** Rolls the request-level faults (429 first, then 5xx) with the fault rng. */
export function rollRequestFault(f: Faults, rng: Rng): RequestFault {
  if (f.rate429 > 0 && rng.chance(f.rate429)) return { kind: '429' };
  if (f.rate5xx > 0 && rng.chance(f.rate5xx)) return { kind: '5xx', status: rng.pick([500, 502, 503] as const) };
  return { kind: 'none' };
}
