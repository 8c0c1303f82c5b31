import { AppError } from './errors.js';

/** Keyset position after the last row of a page: a creation time (ISO instant) and a uuid. */
export interface TimeIdCursor {
  created_at: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is an instant exactly as `toISOString` writes it (PostgreSQL refuses what `Date.parse` forgives, e.g. Feb 30). */
function isIsoInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === value;
}

/** Opaque form of a keyset position. */
export function encodeTimeIdCursor(cursor: TimeIdCursor): string {
  return Buffer.from(JSON.stringify({ c: cursor.created_at, i: cursor.id })).toString('base64url');
}

/** Reads a cursor from `encodeTimeIdCursor`; anything else is a 400 on `query.cursor` (never a cast error in SQL). */
export function decodeTimeIdCursor(cursor: string | undefined): TimeIdCursor | undefined {
  if (cursor === undefined) return undefined;
  try {
    const raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { c?: unknown; i?: unknown };
    if (isIsoInstant(raw.c) && typeof raw.i === 'string' && UUID.test(raw.i)) return { created_at: raw.c, id: raw.i };
  } catch {
    // fall through: a cursor we did not write
  }
  throw new AppError('invalid_data', 'Invalid query: query.cursor is not a cursor of this list', { errors: [{ path: 'query.cursor', message: 'unknown cursor' }] });
}
