import { DetectionRunIdParams, DetectionRunsQuery, HierarchyNoQuery, type HierarchyProcessingStatus } from '@hvar/contracts';
import { type Database, decodeTimeIdCursor, encodeTimeIdCursor, notFound, parseInput } from '@hvar/platform';
import type { Queue } from 'bullmq';
import type { Router } from 'express';
import { poolQuery } from '../db/sql.js';
import { activeRuns, pageRuns, runById } from '../detection/runs.repo.js';
import { analytics, lastActivity, statusCounts } from './stats.repo.js';

/** Registers processing status, analytics and detection runs. */
export function statusRoutes(router: Router, database: Database, queue: Queue | undefined): void {
  const db = poolQuery(database.pool);

  router.get('/status', async (req, res) => {
    parseInput(HierarchyNoQuery, req.query, 'query');
    const [counts, activity, active, last, waiting] = await Promise.all([
      statusCounts(db), lastActivity(db), activeRuns(db), pageRuns(db, { limit: 1 }), queueWaiting(queue),
    ]);
    const body: HierarchyProcessingStatus = {
      ...counts,
      last_evaluation: activity.last_evaluation,
      inbox: { last_applied_at: activity.last_applied_at, ...waiting },
      detection: { current: active.at(-1) ?? null, last: last[0] ?? null },
    };
    res.json(body);
  });

  router.get('/analytics', async (req, res) => {
    parseInput(HierarchyNoQuery, req.query, 'query');
    res.json(await analytics(db));
  });

  router.get('/runs', async (req, res) => {
    const q = parseInput(DetectionRunsQuery, req.query, 'query');
    const rows = await pageRuns(db, { limit: q.limit + 1, status: q.status, after: decodeTimeIdCursor(q.cursor) });
    const items = rows.slice(0, q.limit);
    const last = items.at(-1);
    res.json({ items, next_cursor: rows.length > q.limit && last ? encodeTimeIdCursor(last) : null });
  });

  router.get('/runs/:id', async (req, res) => {
    parseInput(HierarchyNoQuery, req.query, 'query');
    const { id } = parseInput(DetectionRunIdParams, req.params, 'params');
    const run = await runById(db, id);
    if (!run) throw notFound(`detection run ${id}`);
    res.json(run);
  });
}

/** Jobs waiting in the hierarchy queue and the age of the oldest (null without a queue or Redis). */
async function queueWaiting(queue: Queue | undefined): Promise<{ waiting_jobs: number | null; lag_ms: number | null }> {
  if (!queue) return { waiting_jobs: null, lag_ms: null };
  try {
    const counts = await queue.getJobCounts('waiting', 'prioritized');
    const waiting = (counts.waiting ?? 0) + (counts.prioritized ?? 0);
    const [oldest] = waiting > 0 ? await queue.getJobs(['waiting', 'prioritized'], 0, 0, true) : [];
    return { waiting_jobs: waiting, lag_ms: oldest ? Math.max(0, Date.now() - oldest.timestamp) : 0 };
  } catch {
    return { waiting_jobs: null, lag_ms: null };
  }
}
