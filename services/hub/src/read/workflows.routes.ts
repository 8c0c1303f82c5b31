import { HubNoQuery, HubWorkflowRefParams, HubWorkflowsQuery } from '@hvar/contracts';
import { notFound, parseInput, poolQuery } from '@hvar/platform';
import type { Router } from 'express';
import type { ReadApiDeps } from '../http.js';
import { hubAnalytics } from './analytics.repo.js';
import { oneWorkflow, pageWorkflows } from './workflows.repo.js';

/** Registers the hub's reads: workflows (list with filters, one by id or tracking number) and analytics. */
export function workflowRoutes(router: Router, deps: ReadApiDeps): void {
  const db = poolQuery(deps.database.pool);

  router.get('/workflows', async (req, res) => {
    res.json(await pageWorkflows(db, parseInput(HubWorkflowsQuery, req.query, 'query')));
  });

  router.get('/workflows/:ref', async (req, res) => {
    parseInput(HubNoQuery, req.query, 'query');
    const { ref } = parseInput(HubWorkflowRefParams, req.params, 'params');
    const workflow = await oneWorkflow(db, ref);
    if (!workflow) throw notFound(`hub workflow ${ref}`);
    res.json(workflow);
  });

  router.get('/analytics', async (req, res) => {
    parseInput(HubNoQuery, req.query, 'query');
    res.json(await hubAnalytics(db));
  });
}
