import { z } from 'zod';
import { AppError } from '@hvar/platform';
import type { Cursor } from '../db/repo.js';

/** `?limit&cursor` for keyset pagination. */
export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** Encodes the position after a row. */
export function encodeCursor(row: { created_at: Date; id: string }): string {
  return Buffer.from(`${row.created_at.toISOString()}|${row.id}`).toString('base64url');
}

/** Decodes a cursor from `encodeCursor`; a tampered one is a 400. */
export function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined;
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const created = new Date(iso ?? '');
  if (!id || Number.isNaN(created.getTime())) {
    throw new AppError('invalid_data', 'Invalid cursor', { errors: [{ path: 'query.cursor', message: 'not a cursor from this API' }] });
  }
  return { created_at: created, id };
}

/** A page of items with the cursor of the next page (null at the end). */
export function page<T extends { created_at: Date; id: string }, O>(rows: T[], limit: number, map: (row: T) => O) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(map), next_cursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/** Schema of a page response. */
export function PageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() });
}

/** `:id` path parameter. */
export const IdParams = z.strictObject({ id: z.uuid() });
