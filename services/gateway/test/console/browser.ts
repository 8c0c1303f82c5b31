/**
 * Browser tests of the operator console: a real gateway (serving the built console) on the test
 * PostgreSQL and Redis, optionally every service of the cycle and the Bosta simulator in their own
 * processes, and Debian's chromium driven by playwright-core. Screenshots of every screen go to
 * `.data/test/screenshots/` (kept as test artifacts); `checkA11y` runs axe-core in the page.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBostaClient, type BostaClient } from '@hvar/bosta';
import { startSimulator, type SimulatorHandle } from '@hvar/bosta-sim';
import { createDatabase, type Database } from '@hvar/platform';
import { startServiceProcess, waitFor, type ServiceProcess } from '@hvar/platform/testing';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { migrateClassifier } from '../../../classifier/src/db/migrate.js';
import { migrateHierarchy } from '../../../hierarchy/src/db/migrate.js';
import { migrateHub } from '../../../hub/src/db/migrate.js';
import { migrateReturns } from '../../../returns/src/db/migrate.js';
import { migrateServiceAction } from '../../../service-action/src/db/migrate.js';
import { migrateSync } from '../../../sync/src/db/migrate.js';
import { getCityByName, getDistricts } from '../../../bosta-sim/src/demo/geography.js';
import type { Role } from '../../src/domain/roles.js';
import { startTestGateway, type TestGateway } from '../harness.js';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const SCREENSHOTS = path.join(ROOT, '.data', 'test', 'screenshots');
const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SECRET = 'console-webhook-secret-0123456789';
const API_KEY = 'console-sim-key-0123456789';
const SCHEMAS = ['sync', 'classifier', 'hierarchy', 'service_action', 'returns', 'hub'];
export const PASSWORD = 'console-test-password-1';
const cairo = getCityByName('Cairo');
const district = cairo ? getDistricts(cairo._id)[0] : undefined;
/** A pickup/drop-off address the simulator accepts (a real Cairo district), in the API's shape. */
export const CAIRO_ADDRESS = { city: 'Cairo', zone: null, district: district?.districtName ?? null, first_line: '12 Abbas El Akkad St, floor 3' };
export const USER_ROLES: Role[] = ['admin', 'agent', 'hub_agent', 'team_leader', 'technician', 'viewer'];

export { chromiumPath };

export interface ConsoleStack {
  gw: TestGateway;
  sim: SimulatorHandle | undefined;
  /** Bosta client on the simulator (only with services). */
  bosta: BostaClient | undefined;
  database: Database;
  browser: Browser;
  /** Admin API key (bearer) for set-up calls. */
  adminKey: string;
  emailOf(role: Role): string;
  /** API call as the admin (set-up and checks). */
  api<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Moves a simulator delivery to a state (webhook to the gateway follows). */
  move(trackingNumber: string, state: number): Promise<void>;
  /** A delivered sale at Bosta for `phone`, synced and known to the customer service; its tracking number. */
  deliveredSale(phone: string, cod: number, product: string): Promise<string>;
  /** Polls an admin GET until `accept` holds; its body. */
  until<T = Record<string, unknown>>(path: string, accept: (body: T, status: number) => boolean, message?: string): Promise<T>;
  /** A fresh browser context (own cookies) and page, at desktop or tablet size, in a language. */
  newPage(opts?: { tablet?: boolean; lang?: 'en' | 'ar' }): Promise<Page>;
  /** Signs in through the login form and waits for the landing page. */
  login(page: Page, role: Role): Promise<void>;
  close(): Promise<void>;
}

async function resetSchemas(db: Database): Promise<void> {
  const { rows } = await db.pool.query<{ name: string }>(
    `select format('%I.%I', schemaname, tablename) as name from pg_tables
      where schemaname = any($1::text[]) and tablename not like '\\_\\_drizzle%' and tablename <> 'rule_sets'`,
    [SCHEMAS],
  );
  if (rows.length) await db.pool.query(`truncate ${rows.map((r) => r.name).join(', ')}`);
  await db.pool.query('delete from classifier.rule_sets where version > 1');
  await db.pool.query('update classifier.rule_sets set active = (version = 1)');
}

/**
 * Starts the gateway, a user per role (password `PASSWORD`) and chromium. With `services`, also
 * the simulator (webhooks to the gateway) and the six services, on emptied schemas.
 */
export async function startConsoleStack(opts: { services?: boolean; env?: Record<string, string> } = {}): Promise<ConsoleStack> {
  const database = createDatabase({ url: process.env.DATABASE_URL ?? '', applicationName: 'console-browser', max: 2 });
  for (const migrate of [migrateSync, migrateClassifier, migrateHierarchy, migrateServiceAction, migrateReturns, migrateHub]) await migrate(database);
  await resetSchemas(database);
  const gw = await startTestGateway({ env: { BOSTA_WEBHOOK_SECRET: SECRET, COMMAND_WAIT_MS: '10000', ...opts.env } });
  const services: ServiceProcess[] = [];
  let sim: SimulatorHandle | undefined;
  if (opts.services) {
    sim = await startSimulator({
      seed: 7, deliveries: 0, keys: [{ key: API_KEY, scope: 'full' }],
      webhook: { url: `${gw.url}/webhooks/bosta`, headers: { 'X-Bosta-Secret': SECRET } },
      now: new Date('2026-06-01T09:00:00.000Z'), speed: 0, webhookRetryDelayMs: 10,
    });
    const env = {
      DATABASE_URL: process.env.DATABASE_URL ?? '', REDIS_URL: process.env.REDIS_URL ?? '', QUEUE_PREFIX: gw.prefix, LOG_LEVEL: 'warn',
      BOSTA_BASE_URL: sim.apiBase, BOSTA_API_KEY: API_KEY, SYNC_FULL_ON_FIRST_START: 'true',
    };
    for (const name of ['hub', 'returns', 'service-action', 'hierarchy', 'classifier', 'sync']) {
      services.push(await startServiceProcess(name, { root: ROOT, entry: `services/${name}/src/main.ts`, env }));
    }
  }
  const api: ConsoleStack['api'] = async (method, p, body) => {
    const res = await gw.request(method, p, { key: gw.adminKey, body });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as never };
  };
  const emailOf = (role: Role) => `${role.replace('_', '-')}@console.test`;
  const names: Record<Role, string> = { admin: 'Amal Admin', agent: 'Ahmed Agent', hub_agent: 'Hana Hub', team_leader: 'Sara Leader', technician: 'Tarek Tech', viewer: 'Vera Viewer' };
  for (const role of USER_ROLES) {
    const res = await api('POST', '/api/v1/users', { email: emailOf(role), name: names[role], role, password: PASSWORD });
    if (res.status !== 201) throw new Error(`user ${role}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  mkdirSync(SCREENSHOTS, { recursive: true });

  const newPage: ConsoleStack['newPage'] = async ({ tablet = false, lang = 'en' } = {}) => {
    const context = await browser.newContext({
      baseURL: gw.url,
      viewport: tablet ? { width: 1024, height: 768 } : { width: 1366, height: 900 },
      hasTouch: tablet,
      locale: lang === 'ar' ? 'ar-EG' : 'en-GB',
    });
    await context.addInitScript((l: string) => localStorage.setItem('hvar.lang', l), lang);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  };
  const login: ConsoleStack['login'] = async (page, role) => {
    await page.goto('/login');
    await page.locator('#login-email').fill(emailOf(role));
    await page.locator('#login-password').fill(PASSWORD);
    await page.locator('#login-password').press('Enter');
    await page.locator('header.top').waitFor();
  };

  const bosta = sim ? createBostaClient({ baseUrl: sim.apiBase, apiKey: API_KEY }) : undefined;
  const move: ConsoleStack['move'] = async (trackingNumber, state) => {
    if (!sim) throw new Error('move needs the stack with services');
    const res = await fetch(`${sim.url}/__sim/deliveries/${trackingNumber}/state`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ state }) });
    if (res.status >= 300) throw new Error(`sim move ${trackingNumber} → ${state}: ${res.status} ${await res.text()}`);
  };
  const until: ConsoleStack['until'] = (p, accept, message) =>
    waitFor(async () => {
      const res = await api('GET', p);
      return accept(res.body as never, res.status) ? (res.body as never) : undefined;
    }, { timeoutMs: 60_000, intervalMs: 250, message: message ?? `GET ${p}` });
  const deliveredSale: ConsoleStack['deliveredSale'] = async (phone, cod, product) => {
    if (!bosta) throw new Error('deliveredSale needs the stack with services');
    const created = await bosta.createDelivery({
      type: 10, cod, receiver: { firstName: 'Ahmed', lastName: 'Ali', phone },
      dropOffAddress: { city: 'Cairo', districtId: district?.districtId, firstLine: '12 Abbas El Akkad St, floor 3' },
      specs: { packageDetails: { itemsCount: 1, description: `1 * ${product}` } }, uniqueBusinessReference: `shop-${phone}-${cod}-${Date.now()}`,
    } as never);
    await move(created.trackingNumber, 45);
    await until<{ total_orders?: number }>(`/api/v1/customers/${encodeURIComponent(phone)}`, (b, status) => status === 200 && (b.total_orders ?? 0) >= 1, `sale of ${phone} known`);
    return created.trackingNumber;
  };

  return {
    gw, sim, bosta, move, until, deliveredSale, database, browser, adminKey: gw.adminKey, emailOf, api, newPage, login,
    close: async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await Promise.all(services.map((s) => s.stop()));
      await sim?.close();
      await gw.close();
      await database.close();
    },
  };
}

/** Full-page screenshot into `.data/test/screenshots/<name>.png`. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core (WCAG 2.x A and AA) in the page: no serious or critical violation. */
export async function checkA11y(page: Page, label: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target })) }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${label}: ${JSON.stringify(serious, null, 2)}`).toEqual([]);
}
