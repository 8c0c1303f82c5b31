import {
  ClassificationOrderParams, ReclassifyRunIdParams, ReclassifyRunsQuery, RuleSetVersionParams,
} from '@hvar/contracts';
import { type Database, notFound, parseInput } from '@hvar/platform';
import type { Router } from 'express';
import { toRuleSet } from '../db/rule-sets.repo.js';
import { classificationByRef, historyOf, toView } from './classifications.repo.js';
import { distribution } from './distribution.repo.js';
import { activeRuleSet, allRuleSets, pageRuns, ruleSetVersion, runById, toReclassifyRun } from './rules.repo.js';

/** Registers the classifier reads: an order's classification, rule sets, re-classify runs, distribution. */
export function classifierRoutes(router: Router, database: Database): void {
  const db = database.db;

  router.get('/orders/:ref/classification', async (req, res) => {
    const { ref } = parseInput(ClassificationOrderParams, req.params, 'params');
    const row = await classificationByRef(db, ref);
    if (!row) throw notFound(`classified order with _id or tracking number ${ref}`);
    res.json(toView(row, await historyOf(db, row.order_id)));
  });

  router.get('/rules', async (_req, res) => {
    const row = await activeRuleSet(db);
    if (!row) throw notFound('active rule set');
    res.json(toRuleSet(row));
  });

  router.get('/rules/versions', async (_req, res) => {
    res.json({ items: (await allRuleSets(db)).map(toRuleSet) });
  });

  router.get('/rules/:version', async (req, res) => {
    const { version } = parseInput(RuleSetVersionParams, req.params, 'params');
    const row = await ruleSetVersion(db, version);
    if (!row) throw notFound(`rule set version ${version}`);
    res.json(toRuleSet(row));
  });

  router.get('/reclassify-runs', async (req, res) => {
    const page = await pageRuns(db, parseInput(ReclassifyRunsQuery, req.query, 'query'));
    res.json({ items: page.rows.map(toReclassifyRun), next_cursor: page.next_cursor });
  });

  router.get('/reclassify-runs/:id', async (req, res) => {
    const { id } = parseInput(ReclassifyRunIdParams, req.params, 'params');
    const row = await runById(db, id);
    if (!row) throw notFound(`reclassify run ${id}`);
    res.json(toReclassifyRun(row));
  });

  router.get('/analytics/distribution', async (_req, res) => {
    res.json(await distribution(db));
  });
}
