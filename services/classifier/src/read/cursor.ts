import { AppError } from '@hvar/platform';
import { z } from 'zod';

/** Keyset position after the last row of a page: creation time and id. */
export interface RunCursor {
  created_at: string;
  id: string;
}

// What a cursor must hold before it reaches SQL: a time PostgreSQL reads and a uuid (else a cast error would be a 500).
const CursorPosition = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

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
  const position = CursorPosition.safeParse(parsed);
  if (!position.success) {
    throw new AppError('invalid_data', 'Invalid cursor: not a cursor from this API', { errors: [{ path: 'query.cursor', message: 'not a cursor from this API' }] });
  }
  const [created_at, id] = position.data;
  return { created_at, id };
}
