import { AppError } from '@hvar/platform';

/** Keyset position after the last row of a page: creation time and id. */
export interface RunCursor {
  created_at: string;
  id: string;
}

/** Opaque form of a keyset position. */
export function encodeRunCursor(cursor: RunCursor): string {
  return Buffer.from(JSON.stringify([cursor.created_at, cursor.id])).toString('base64url');
}

/** Reads a cursor from `encodeRunCursor`; anything else is a 400 on `query.cursor`. */
export function decodeRunCursor(text: string | undefined): RunCursor | undefined {
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const valid = Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === 'string') && !Number.isNaN(Date.parse(String(parsed[0])));
  if (!valid) {
    throw new AppError('invalid_data', 'Invalid cursor: not a cursor from this API', { errors: [{ path: 'query.cursor', message: 'not a cursor from this API' }] });
  }
  const [created_at, id] = parsed as [string, string];
  return { created_at, id };
}
