/**
 * Serves the operator console: hashed assets under `/assets` (cached for a year: a new build has new
 * names) and `index.html` for every page address the browser asks for (`Accept: text/html`), so a
 * reload or a shared link such as `/orders?state=45` or `/track/123` opens the right screen. API,
 * docs, webhooks, health and the queue board keep their own answers.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express, { type Router } from 'express';
import { DEFAULT_CONSOLE_DIR } from '@hvar/console/paths';
import { problem, sendProblem } from './problem.js';

const NOT_PAGES = /^\/(api|admin|docs|webhooks|assets|healthz|readyz|metrics|openapi\.json)(\/|$)/;

export function consoleRouter(dir: string = DEFAULT_CONSOLE_DIR): Router {
  const router = express.Router();
  const assets = path.join(dir, 'assets');
  router.use('/assets', express.static(assets, { index: false, immutable: true, maxAge: '365d' }));
  router.use('/assets', (req, res) => sendProblem(res, problem('not_found', `No console asset ${req.path}.`)));
  let index: Promise<string> | undefined;
  router.get(/.*/, (req, res, next) => {
    if (NOT_PAGES.test(req.path) || !req.accepts('html')) return next();
    const file = path.join(dir, 'index.html');
    if (!existsSync(file)) {
      return sendProblem(res, problem('dependency_unavailable', `The console is not built (no ${file}); \`npm start\` builds it, or run \`pnpm --filter @hvar/console build\`.`));
    }
    index ??= readFile(file, 'utf8');
    index.then(
      (html) => res.status(200).set('cache-control', 'no-cache').type('html').send(html),
      (err: unknown) => {
        index = undefined;
        next(err);
      },
    );
  });
  return router;
}
