import type { QuarantineQuery, SyncRun, SyncRunsQuery } from '@hvar/contracts';
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { quarantine, runs } from '../db/schema.js';
import { decodeCursor, encodeCursor } from './cursor.js';

/** A row of `sync.runs`. */
export type RunRow = typeof runs.$inferSelect;
/** A row of `sync.quarantine`. */
export type QuarantineRow = typeof quarantine.$inferSelect;

/** Seconds the run has been working: its recorded active time, else (running) since it started. */
function activeSeconds(r: RunRow, now: number): number {
  if (r.active_ms > 0) return r.active_ms / 1000;
  if (r.status === 'running' && r.started_at) return Math.max(0, now - r.started_at.getTime()) / 1000;
  return 0;
}

/** Progress, throughput and ETA of a run, derived from its counters. */
export function runProgress(r: RunRow, now = Date.now()): Pick<SyncRun, 'progress' | 'deliveries_per_second' | 'eta_seconds'> {
  const seconds = activeSeconds(r, now);
  const progress = r.pages_total && r.pages_total > 0 ? Math.min(1, r.pages_done / r.pages_total) : r.status === 'completed' ? 1 : null;
  const rate = seconds > 0 ? Math.round((r.deliveries_seen / seconds) * 100) / 100 : null;
  let eta: number | null = null;
  if (r.status === 'completed') eta = 0;
  else if (r.status === 'running' && r.pages_total && r.pages_done > 0) {
    eta = Math.round((Math.max(0, r.pages_total - r.pages_done) * seconds) / r.pages_done);
  }
  return { progress, deliveries_per_second: rate, eta_seconds: eta };
}

/** A run as the API shows it. */
export function toRun(r: RunRow, now = Date.now()): SyncRun {
  return {
    id: r.id, mode: r.mode as SyncRun['mode'], status: r.status as SyncRun['status'], requested_by: r.requested_by,
    page_size: r.page_size, pages_total: r.pages_total, pages_done: r.pages_done, deliveries_total: r.deliveries_total,
    deliveries_seen: r.deliveries_seen, deliveries_written: r.deliveries_written, deliveries_unchanged: r.deliveries_unchanged,
    deliveries_quarantined: r.deliveries_quarantined, detail_calls: r.detail_calls, errors_count: r.errors_count,
    last_error: r.last_error, cursor_from: r.cursor_from?.toISOString() ?? null, cursor_to: r.cursor_to?.toISOString() ?? null,
    ...runProgress(r, now),
    created_at: r.created_at.toISOString(), started_at: r.started_at?.toISOString() ?? null, finished_at: r.finished_at?.toISOString() ?? null,
  };
}

/** Runs, newest first, keyset-paginated on (created_at, id). */
export async function pageRuns(db: NodePgDatabase, q: SyncRunsQuery): Promise<{ rows: RunRow[]; next_cursor: string | null }> {
  const after = decodeCursor(q.cursor, 'runs');
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
  const after = decodeCursor(q.cursor, sortKey);
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
