import { QuarantineQuery, SyncRunIdParams, SyncRunsQuery } from '@hvar/contracts';
import { type Database, notFound, parseInput } from '@hvar/platform';
import type { Router } from 'express';
import { pageQuarantine, pageRuns, runById, toQuarantineItem, toRun } from './runs.repo.js';
import { readStatus } from './status.repo.js';

/** Registers the sync reads: runs with progress, one run, quarantined deliveries, freshness (`/status`). */
export function syncRoutes(router: Router, database: Database): void {
  const db = database.db;

  router.get('/runs', async (req, res) => {
    const page = await pageRuns(db, parseInput(SyncRunsQuery, req.query, 'query'));
    res.json({ items: page.rows.map(toRun), next_cursor: page.next_cursor });
  });

  router.get('/runs/:id', async (req, res) => {
    const { id } = parseInput(SyncRunIdParams, req.params, 'params');
    const row = await runById(db, id);
    if (!row) throw notFound(`sync run ${id}`);
    res.json(toRun(row));
  });

  router.get('/quarantine', async (req, res) => {
    const page = await pageQuarantine(db, parseInput(QuarantineQuery, req.query, 'query'));
    res.json({ items: page.rows.map(toQuarantineItem), next_cursor: page.next_cursor });
  });

  router.get('/status', async (_req, res) => {
    res.json(await readStatus(db));
  });
}
