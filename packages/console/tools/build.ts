/**
 * Builds the console into `dist/`: one minified ES module bundle and one stylesheet with content
 * hashes in their names (cached for ever by the gateway) and an `index.html` that loads them (never
 * cached). Fast enough (well under a second) to run on every `npm start` and test run.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { CONSOLE_ROOT, DEFAULT_CONSOLE_DIR } from './paths.js';

export { CONSOLE_ROOT, DEFAULT_CONSOLE_DIR };

export interface ConsoleBuild {
  dir: string;
  /** Paths (under `dir`) of what `index.html` loads up front. */
  script: string;
  stylesheet: string | undefined;
  ms: number;
}

/** Builds the console into `outDir` (default `packages/console/dist`), replacing what was there. */
export async function buildConsole(outDir: string = DEFAULT_CONSOLE_DIR): Promise<ConsoleBuild> {
  const started = performance.now();
  const staging = `${outDir}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const result = await build({
    entryPoints: { app: path.join(CONSOLE_ROOT, 'app/main.tsx') },
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022', 'chrome110', 'safari16', 'firefox115'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: path.join(staging, 'assets'),
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const outputs = Object.keys(result.metafile.outputs).map((file) => path.relative(staging, path.resolve(file)));
  const script = outputs.find((f) => f.endsWith('.js'));
  const stylesheet = outputs.find((f) => f.endsWith('.css'));
  if (!script) throw new Error('console build produced no script');
  await writeFile(path.join(staging, 'index.html'), indexHtml(`/${script}`, stylesheet && `/${stylesheet}`));
  await writeFile(path.join(staging, 'manifest.json'), `${JSON.stringify({ script, stylesheet, built_at: new Date().toISOString() }, null, 2)}\n`);
  await mkdir(path.dirname(outDir), { recursive: true });
  await rm(outDir, { recursive: true, force: true });
  await rename(staging, outDir);
  return { dir: outDir, script, stylesheet, ms: performance.now() - started };
}

function indexHtml(script: string, stylesheet: string | undefined): string {
  return `<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>HVAR Cycle</title>
${stylesheet ? `<link rel="stylesheet" href="${stylesheet}">\n` : ''}<script type="module" src="${script}"></script>
</head>
<body>
<div id="app"><p class="boot">Loading… · جارٍ التحميل…</p></div>
<noscript>HVAR Cycle needs JavaScript. · يحتاج HVAR Cycle إلى JavaScript.</noscript>
</body>
</html>
`;
}
