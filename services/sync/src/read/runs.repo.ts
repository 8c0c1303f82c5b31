import type { QuarantineQuery, SyncRun, SyncRunsQuery } from '@hvar/contracts';
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { quarantine, runs } from '../db/schema.js';
import { toSyncRun } from '../domain/run-progress.js';
import { decodeCursor, encodeCursor, isIsoInstant, tamperedCursor, type KeysetCursor } from './cursor.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A decoded (time, id) cursor whose values PostgreSQL will take; anything else is a 400. */
function timeCursor(after: KeysetCursor | undefined, idPattern: RegExp): KeysetCursor | undefined {
  if (after && !(isIsoInstant(after.value) && idPattern.test(after.id))) throw tamperedCursor();
  return after;
}

/** A row of `sync.runs`. */
export type RunRow = typeof runs.$inferSelect;
/** A row of `sync.quarantine`. */
export type QuarantineRow = typeof quarantine.$inferSelect;

/** A run as the API shows it (the same shape `start-run` answers with). */
export function toRun(r: RunRow): SyncRun {
  return toSyncRun(r);
}

/** Runs, newest first, keyset-paginated on (created_at, id). */
export async function pageRuns(db: NodePgDatabase, q: SyncRunsQuery): Promise<{ rows: RunRow[]; next_cursor: string | null }> {
  const after = timeCursor(decodeCursor(q.cursor, 'runs'), UUID);
  const rows = await db
    .select()
    .from(runs)
    .where(
      and(
        q.status ? eq(runs.status, q.status) : undefined,
        q.mode ? eq(runs.mode, q.mode) : undefined,
        after ? sql`(${runs.created_at}, ${runs.id}) < (${after.value}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(runs.created_at), desc(runs.id))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  const next = rows.length > q.limit && last ? encodeCursor({ sort: 'runs', value: last.created_at.toISOString(), id: last.id }) : null;
  return { rows: items, next_cursor: next };
}

/** One run. */
export async function runById(db: NodePgDatabase, id: string): Promise<RunRow | undefined> {
  const [row] = await db.select().from(runs).where(eq(runs.id, id)).limit(1);
  return row;
}

/** Quarantined deliveries, most recently seen first, keyset-paginated on (last_seen_at, id). */
export async function pageQuarantine(db: NodePgDatabase, q: QuarantineQuery): Promise<{ rows: QuarantineRow[]; next_cursor: string | null }> {
  const sortKey = `quarantine-${q.status}`;
  const after = timeCursor(decodeCursor(q.cursor, sortKey), /^\d{1,18}$/);
  const rows = await db
    .select()
    .from(quarantine)
    .where(
      and(
        q.status === 'open' ? isNull(quarantine.resolved_at) : q.status === 'resolved' ? isNotNull(quarantine.resolved_at) : undefined,
        q.source ? eq(quarantine.source, q.source) : undefined,
        after ? sql`(${quarantine.last_seen_at}, ${quarantine.id}) < (${after.value}::timestamptz, ${after.id}::bigint)` : undefined,
      ),
    )
    .orderBy(desc(quarantine.last_seen_at), desc(quarantine.id))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  const next = rows.length > q.limit && last ? encodeCursor({ sort: sortKey, value: last.last_seen_at.toISOString(), id: String(last.id) }) : null;
  return { rows: items, next_cursor: next };
}

/** A quarantine entry as the API shows it. */
export function toQuarantineItem(r: QuarantineRow) {
  return {
    id: r.id, source_key: r.source_key, source: r.source, run_id: r.run_id, reason: r.reason, raw: r.raw,
    first_seen_at: r.first_seen_at.toISOString(), last_seen_at: r.last_seen_at.toISOString(),
    occurrences: r.occurrences, resolved_at: r.resolved_at?.toISOString() ?? null,
  };
}
