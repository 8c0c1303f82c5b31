import { AppError } from '@hvar/platform';

/** Position after the last row of a page: the sort it belongs to, the sort value and the id. */
export interface KeysetCursor {
  sort: string;
  value: string | number;
  id: string;
}

/** Encodes a keyset position as an opaque string. */
export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id])).toString('base64url');
}

/** The 400 of a cursor this API did not write (a tampered one must never reach SQL as a bad literal). */
export function tamperedCursor(): AppError {
  const message = 'not a cursor from this API';
  return new AppError('invalid_data', `Invalid cursor: ${message}`, { errors: [{ path: 'query.cursor', message }] });
}

/** Whether `value` is an instant exactly as `toISOString` writes it (PostgreSQL refuses some that `Date.parse` forgives, e.g. Feb 30). */
export function isIsoInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === value;
}

/**
 * Decodes a cursor from `encodeCursor`. A cursor from another sort, or a tampered one, is a 400:
 * continuing a page under a different order would skip or repeat rows.
 */
export function decodeCursor(text: string | undefined, sort: string): KeysetCursor | undefined {
  if (text === undefined) return undefined;
  const fail = (message: string): never => {
    throw new AppError('invalid_data', `Invalid cursor: ${message}`, { errors: [{ path: 'query.cursor', message }] });
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return fail('not a cursor from this API');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return fail('not a cursor from this API');
  const [cursorSort, value, id] = parsed as unknown[];
  if (typeof cursorSort !== 'string' || typeof id !== 'string' || (typeof value !== 'string' && typeof value !== 'number')) {
    return fail('not a cursor from this API');
  }
  if (cursorSort !== sort) return fail(`the cursor belongs to sort ${cursorSort}, not ${sort}`);
  return { sort: cursorSort, value, id };
}
