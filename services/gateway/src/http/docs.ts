import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { type Router } from 'express';

const require = createRequire(import.meta.url);
const swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>HVAR Cycle API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`;

// Served as a file (not inline) so the Content-Security-Policy can forbid inline scripts.
const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs', withCredentials: true, persistAuthorization: true });`;

/** The interactive API docs at `/docs`, served from the swagger-ui-dist package (no CDN). */
export function docsRouter(): Router {
  const router = express.Router();
  router.get('/docs', (_req, res) => res.type('html').send(PAGE));
  router.get('/docs/init.js', (_req, res) => res.type('application/javascript').send(INIT));
  router.use('/docs/assets', express.static(swaggerDir, { index: false, maxAge: '1h' }));
  return router;
}
