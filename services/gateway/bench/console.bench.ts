/**
 * `npm run bench:console`: the console's two performance targets (issue 7).
 *
 * 1. Initial JavaScript: what `index.html` loads before the first screen (one ES module bundle),
 *    gzipped as a server would send it; target < 300 KB.
 * 2. The orders page over BENCH_DELIVERIES (default 100k) orders: the simulator's seeded deliveries
 *    are backfilled by the real sync service, the real gateway (a separate process) serves the built
 *    console, and Debian's chromium signs in and opens `/orders` again and again; the time is from the
 *    navigation's start to the first order row on screen (`performance.now()` in the page). Target
 *    < 500 ms. Reference in the same run: the API call the page makes, `GET /api/v1/orders`, alone.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildConsole } from '@hvar/console/build';
import { createDatabase, type Database } from '@hvar/platform';
import { benchKit, startServiceProcess } from '@hvar/platform/testing';
import { chromium, type Page } from 'playwright-core';
import { startSimulatedSync } from '../../sync/bench/simulated-sync.js';
import { CHROMIUM_ARGS, chromiumPath } from '../test/console/chromium.js';

const kit = benchKit('console');
const { env, say } = kit;
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 100_000);
const LOADS = Number(process.env.BENCH_LOADS ?? 20);
const JS_TARGET_KB = 300;
const PAGE_TARGET_MS = 500;
const PASSWORD = `bench-${randomBytes(8).toString('hex')}`;

const pct = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const summary = (values: number[]): string => `p50 ${pct(values, 50).toFixed(0)} ms, p95 ${pct(values, 95).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms (n=${values.length})`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

function bundleSizes(dir: string, script: string, stylesheet: string | undefined): { js: number; jsGzip: number; css: number; cssGzip: number } {
  const js = readFileSync(path.join(dir, script));
  const css = stylesheet ? readFileSync(path.join(dir, stylesheet)) : Buffer.alloc(0);
  return { js: js.length, jsGzip: gzipSync(js).length, css: css.length, cssGzip: gzipSync(css).length };
}

async function backfill(database: Database): Promise<number> {
  const { pool } = database;
  const sync = await startSimulatedSync(kit, DELIVERIES);
  await sync.requestFullRun();
  const began = performance.now();
  for (;;) {
    const { rows } = await pool.query<{ status: string; deliveries_written: number; last_error: string | null }>(`select status, deliveries_written, last_error from sync.runs where mode = 'full' order by created_at desc limit 1`);
    const run = rows[0];
    if (run?.status === 'failed') throw new Error(`sync run failed: ${run.last_error ?? 'unknown'}`);
    if (run?.status === 'completed') {
      say(`backfill: ${run.deliveries_written} deliveries in ${((performance.now() - began) / 1000).toFixed(1)} s`);
      break;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return Number((await pool.query<{ n: string }>('select count(*) as n from sync.orders')).rows[0]?.n ?? 0);
}

async function startGateway(adminKey: string, consoleDir: string): Promise<string> {
  const gateway = await startServiceProcess('gateway', {
    root: kit.root,
    entry: 'services/gateway/src/main.ts',
    env: { ...env, HOST: '127.0.0.1', HVAR_ADMIN_API_KEY: adminKey, RATE_LIMIT_PER_MINUTE: '1000000', CONSOLE_DIR: consoleDir },
    portVariable: 'PORT',
    onUnexpectedExit: (name, code, signal) => say(`${name} exited unexpectedly (${code ?? signal})`),
  });
  kit.services.push(gateway);
  return gateway.url;
}

async function createAgent(gatewayUrl: string, adminKey: string): Promise<string> {
  const email = 'bench-agent@hvar.local';
  const res = await fetch(`${gatewayUrl}/api/v1/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email, name: 'Bench Agent', role: 'agent', password: PASSWORD }),
  });
  if (res.status !== 201) throw new Error(`could not create the agent: ${res.status} ${await res.text()}`);
  return email;
}

/** The API alone, with the page's session cookie: the floor under the page's time. */
async function apiReference(gatewayUrl: string, cookie: string, pathAndQuery: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < LOADS + 3; i++) {
    const began = performance.now();
    const res = await fetch(`${gatewayUrl}${pathAndQuery}`, { headers: { cookie, accept: 'application/json' } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET ${pathAndQuery}: ${res.status}`);
    if (i >= 3) times.push(performance.now() - began);
  }
  return times;
}

/** Opens `url` and answers ms from navigation start to the first order row on screen. */
async function timeToRows(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator('main table tbody tr').first().waitFor({ state: 'visible', timeout: 30_000 });
  return page.evaluate<number>('performance.now()');
}

async function main(): Promise<void> {
  const built = await buildConsole(path.join(kit.root, '.data', 'bench', 'console'));
  const sizes = bundleSizes(built.dir, built.script, built.stylesheet);
  say(`bundle: initial JavaScript ${kb(sizes.js)} raw, ${kb(sizes.jsGzip)} gzipped (target < ${JS_TARGET_KB} KB): ${sizes.jsGzip < JS_TARGET_KB * 1024 ? 'MET' : 'NOT MET'}`);
  say(`bundle: stylesheet ${kb(sizes.css)} raw, ${kb(sizes.cssGzip)} gzipped`);

  const database = createDatabase({ url: env.DATABASE_URL, applicationName: 'bench-console', max: 2 });
  try {
    const orders = await backfill(database);
    const adminKey = randomBytes(24).toString('hex');
    const gatewayUrl = await startGateway(adminKey, built.dir);
    const email = await createAgent(gatewayUrl, adminKey);
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ baseURL: gatewayUrl, viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await page.goto('/login');
      await page.locator('#login-email').fill(email);
      await page.locator('#login-password').fill(PASSWORD);
      await page.locator('#login-password').press('Enter');
      await page.locator('header.top').waitFor();
      const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');

      say(`orders in the order book: ${orders}`);
      const views = [
        { label: 'orders (newest first)', url: '/orders', api: '/api/v1/orders' },
        { label: 'orders filtered state=45, sort -cod', url: '/orders?state=45&sort=-cod', api: '/api/v1/orders?state=45&sort=-cod' },
      ];
      let worstP95 = 0;
      for (const view of views) {
        const api = await apiReference(gatewayUrl, cookie, view.api);
        const cold = await (async () => {
          const fresh = await browser.newContext({ baseURL: gatewayUrl, viewport: { width: 1366, height: 900 } });
          await fresh.addCookies(await context.cookies());
          const p = await fresh.newPage();
          const t = await timeToRows(p, view.url);
          await fresh.close();
          return t;
        })();
        await timeToRows(page, view.url);
        const warm: number[] = [];
        for (let i = 0; i < LOADS; i++) warm.push(await timeToRows(page, view.url));
        worstP95 = Math.max(worstP95, pct(warm, 95), cold);
        say(`${view.label}: page to first row ${summary(warm)}; first visit (empty cache) ${cold.toFixed(0)} ms`);
        say(`${view.label}: reference, the API call alone (${view.api}) ${summary(api)}`);
      }
      say(`orders page over ${orders} orders: worst of the p95s and the first visits ${worstP95.toFixed(0)} ms (target < ${PAGE_TARGET_MS} ms): ${worstP95 < PAGE_TARGET_MS ? 'MET' : 'NOT MET'}`);
    } finally {
      await browser.close();
    }
  } finally {
    await database.close();
    await kit.stopAll();
  }
}

await main();
