import { z } from 'zod';

/**
 * Query-string building blocks. Every parsed value stays a string or a number, so a parsed query can
 * be written back to a query string (`toSearchParams`) and parsed again to the same value: the
 * gateway validates, then forwards exactly what it validated to the owning service.
 */

/** `true` / `false` (also `1` / `0`). */
export const QueryBool = z.enum(['true', 'false', '1', '0']);

/** Whether a `QueryBool` value means yes. */
export function isYes(value: string | undefined): boolean | undefined {
  return value === undefined ? undefined : value === 'true' || value === '1';
}

/** A comma-separated list of integers, e.g. `45` or `45,46`. */
export const QueryIntList = z.string().regex(/^-?\d{1,6}(,-?\d{1,6}){0,49}$/, 'expected an integer or a comma-separated list of integers');

/** Splits a `QueryIntList`. */
export function intList(value: string | undefined): number[] | undefined {
  return value === undefined ? undefined : value.split(',').map(Number);
}

/** A date (`YYYY-MM-DD`, a calendar day in Africa/Cairo) or an ISO date-time with offset. */
export const QueryDate = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).meta({
  description: 'YYYY-MM-DD (a whole day in Africa/Cairo) or an ISO 8601 date-time with offset',
});

/** An amount in EGP with at most 2 decimals. */
export const QueryMoney = z.coerce
  .number()
  .min(-10_000_000)
  .max(10_000_000)
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'at most 2 decimals');

/** `?limit` (1-200, default 50) and the opaque `?cursor` of the previous page. */
export const PageParams = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
};

/** Writes a parsed query back as URLSearchParams (undefined values left out). */
export function toSearchParams(query: Record<string, string | number | boolean | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return params;
}

/** A page of items and the cursor of the next page (null on the last page). */
export function PageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() });
}
