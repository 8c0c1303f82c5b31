import { ActionOrderParams, ActionRefParams, ActionsQuery } from '@hvar/contracts';
import { notFound, parseInput, poolQuery } from '@hvar/platform';
import type { Router } from 'express';
import { z } from 'zod';
import { actionView, findAction } from '../actions/store.js';
import type { ReadApiDeps } from '../http.js';
import { familyActions, pageActions, serviceAnalytics, serviceDashboard } from './actions.repo.js';

const NoQuery = z.strictObject({});

/** Registers the service actions' reads: list, one (with its transitions), an order family's actions, analytics, dashboard. */
export function actionRoutes(router: Router, deps: ReadApiDeps): void {
  const db = poolQuery(deps.database.pool);

  router.get('/actions', async (req, res) => {
    res.json(await pageActions(db, parseInput(ActionsQuery, req.query, 'query')));
  });

  router.get('/actions/analytics', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json(await serviceAnalytics(db));
  });

  router.get('/actions/dashboard', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json(await serviceDashboard(db, deps.now()));
  });

  router.get('/actions/hierarchy/:order_id', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    const { order_id } = parseInput(ActionOrderParams, req.params, 'params');
    const family = await familyActions(db, order_id);
    if (!family) throw notFound(`order ${order_id}`);
    res.json(family);
  });

  router.get('/actions/:ref', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    const { ref } = parseInput(ActionRefParams, req.params, 'params');
    const row = await findAction(db, ref);
    if (!row) throw notFound(`service action ${ref}`);
    res.json(await actionView(db, row, true));
  });
}
