import type { ReclassifyRun, ReclassifyRunsQuery } from '@hvar/contracts';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { reclassifyRuns, ruleSets } from '../db/schema.js';
import type { RuleSetRow } from '../db/rule-sets.repo.js';
import { runProgress } from '../domain/run-progress.js';
import { decodeRunCursor, encodeRunCursor } from './cursor.js';

type RunRow = typeof reclassifyRuns.$inferSelect;

/** The active rule set. */
export async function activeRuleSet(db: NodePgDatabase): Promise<RuleSetRow | undefined> {
  const [row] = await db.select().from(ruleSets).where(eq(ruleSets.active, true));
  return row;
}

/** Every version, newest first. */
export async function allRuleSets(db: NodePgDatabase): Promise<RuleSetRow[]> {
  return db.select().from(ruleSets).orderBy(desc(ruleSets.version));
}

/** One version. */
export async function ruleSetVersion(db: NodePgDatabase, version: number): Promise<RuleSetRow | undefined> {
  const [row] = await db.select().from(ruleSets).where(eq(ruleSets.version, version));
  return row;
}

/** One run. */
export async function runById(db: NodePgDatabase, id: string): Promise<RunRow | undefined> {
  const [row] = await db.select().from(reclassifyRuns).where(eq(reclassifyRuns.id, id));
  return row;
}

/** Runs, newest first, keyset-paginated on (created_at, id). */
export async function pageRuns(db: NodePgDatabase, q: ReclassifyRunsQuery): Promise<{ rows: RunRow[]; next_cursor: string | null }> {
  const after = decodeRunCursor(q.cursor);
  const rows = await db
    .select()
    .from(reclassifyRuns)
    .where(
      and(
        q.status ? eq(reclassifyRuns.status, q.status) : undefined,
        after ? sql`(${reclassifyRuns.created_at}, ${reclassifyRuns.id}) < (${after.created_at}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(reclassifyRuns.created_at), desc(reclassifyRuns.id))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  const more = rows.length > q.limit && last;
  return { rows: items, next_cursor: more ? encodeRunCursor({ created_at: last.created_at.toISOString(), id: last.id }) : null };
}

/** A run as the API shows it. */
export function toReclassifyRun(r: RunRow): ReclassifyRun {
  return {
    id: r.id,
    rule_set_version: r.rule_set_version,
    status: r.status as ReclassifyRun['status'],
    orders_total: r.orders_total,
    orders_done: r.orders_done,
    orders_changed: r.orders_changed,
    progress: runProgress(r),
    last_error: r.last_error,
    created_at: r.created_at.toISOString(),
    started_at: r.started_at?.toISOString() ?? null,
    finished_at: r.finished_at?.toISOString() ?? null,
  };
}
