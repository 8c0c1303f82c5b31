/**
 * The dashboard and the sync screen in a real browser over the whole stack: real sales at the
 * simulator, synced, classified and counted; a real service action. The figures on the page must be
 * the API's figures; the sync screen shows the first-start run, the (empty) quarantine and the lag
 * since the last real webhook, and only an admin gets the queue dashboard link and the start buttons.
 */
import { waitFor } from '@hvar/platform/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, shot, startConsoleStack, type ConsoleStack } from './browser.js';

let stack: ConsoleStack;

interface Stats {
  total_orders: number;
  delivered: number;
  cod_total: number;
  sla_exceeded: number;
  by_day: { day: string; count: number; by_category: Record<string, number> }[];
  by_state: { state_code: number; count: number }[];
}
interface Dashboard {
  hierarchy: { coverage: number } | null;
  service: { open: number } | null;
  service_analytics: { total: number; by_type: Record<string, number> } | null;
  unavailable: string[];
}
interface Financial {
  cod_total: number | null;
  refunds: number | null;
}
interface Run {
  id: string;
  mode: string;
  status: string;
  requested_by: string;
}
interface SyncStatus {
  last_webhook_at: string | null;
  webhooks_last_hour: number;
  lag_seconds: number | null;
}

/** expect.poll with room for the 2 s polling of the screens and the services' asynchronous work. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });
const num = (n: number) => new Intl.NumberFormat('en-GB').format(n);
const money = (n: number) => `${new Intl.NumberFormat('en-GB', { minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(n)} EGP`;
const percent = (n: number) => new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(n);

async function get<T>(path: string): Promise<T> {
  const res = await stack.api<T>('GET', path);
  expect(res.status, path).toBe(200);
  return res.body;
}

/** The API's dashboard figures, read twice a second apart until they no longer move (the services work asynchronously). */
async function settledFigures() {
  const read = async () => {
    const [stats, dashboard, financial] = await Promise.all([
      get<Stats>('/api/v1/orders/stats'), get<Dashboard>('/api/v1/analytics/dashboard'), get<Financial>('/api/v1/analytics/financial'),
    ]);
    return { stats, dashboard, financial };
  };
  const key = (f: Awaited<ReturnType<typeof read>>) => JSON.stringify([f.stats.total_orders, f.stats.cod_total, f.stats.by_state, f.dashboard, f.financial]);
  let previous = await read();
  return waitFor(async () => {
    await new Promise((r) => setTimeout(r, 1_000));
    const next = await read();
    const same = key(next) === key(previous);
    previous = next;
    return same ? next : undefined;
  }, { timeoutMs: 30_000, intervalMs: 10, message: 'dashboard figures settle' });
}

/** The value of the stat card labelled `label` inside the section headed by `#headingId`. */
function stat(page: Page, headingId: string, label: string) {
  return page
    .locator(`section:has(> h2#${headingId})`)
    .locator('.stat', { has: page.locator('.stat-label', { hasText: new RegExp(`^${label}$`) }) })
    .locator('.stat-value');
}

let sales: string[] = [];

/** Before any delivery moved no webhook has come: the API and the sync screen say so (checked while it is still true). */
async function noWebhookYet(): Promise<void> {
  expect(await get<SyncStatus>('/api/v1/sync/status')).toMatchObject({ last_webhook_at: null, lag_seconds: null, webhooks_last_hour: 0 });
  const page = await stack.newPage();
  await stack.login(page, 'viewer');
  await page.goto('/sync');
  // In beforeAll, where expect.poll is not available: wait for the card, then compare.
  const lastWebhook = stat(page, 'sync-freshness', 'Last webhook');
  await lastWebhook.waitFor();
  expect(await lastWebhook.textContent()).toBe('No webhook received yet');
  expect(await stat(page, 'sync-freshness', 'Webhooks in the last hour').textContent()).toBe(num(0));
  await shot(page, 'sync-no-webhook');
  await page.context().close();
}

beforeAll(async () => {
  stack = await startConsoleStack({ services: true });
  await stack.until<{ items?: Run[] }>('/api/v1/sync/runs', (b) => (b.items ?? []).some((r) => r.mode === 'full' && r.status === 'completed'), 'first-start full run');
  await noWebhookYet();
  sales = [await stack.deliveredSale('+201001230001', 1500, 'Blender X200'), await stack.deliveredSale('+201001230002', 2400, 'Air Fryer A9')];
  const created = await stack.api<{ action_id: string }>('POST', '/api/v1/service-actions', {
    customer_phone: '+201001230001', action_type: 'maintenance', service_reason: 'Motor makes a grinding noise', main_order_id: sales[0], link_to_hierarchy: true,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  await stack.until<{ action_status?: string }>(`/api/v1/service-actions/${created.body.action_id}`, (b) => b.action_status === 'return_ordered', 'return pickup ordered');
  await stack.until<{ total?: number }>('/api/v1/analytics/classification', (b) => b.total === 2, 'both sales classified');
}, 240_000);

afterAll(async () => {
  await stack?.close();
});

describe('console: dashboard', () => {
  it('agent: the figures on the dashboard are the API figures, in English and Arabic', async () => {
    const { stats, dashboard, financial } = await settledFigures();
    // Real numbers from the two sales and the one action, not an empty book.
    expect(stats).toMatchObject({ total_orders: 2, delivered: 2, cod_total: 3_900 });
    expect(dashboard.service?.open).toBe(1);
    expect(dashboard.unavailable).toEqual([]);

    const page = await stack.newPage();
    await stack.login(page, 'agent');
    await page.waitForURL((u) => u.pathname === '/');
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Dashboard');
    await poll(() => stat(page, 'dash-orders', 'Orders').textContent()).toBe(num(stats.total_orders));
    expect(await stat(page, 'dash-orders', 'Delivered').textContent()).toBe(num(stats.delivered));
    expect(await stat(page, 'dash-orders', 'COD total').textContent()).toBe(money(stats.cod_total));
    expect(await stat(page, 'dash-orders', 'SLA compliance').textContent()).toBe(percent((stats.total_orders - stats.sla_exceeded) / stats.total_orders));
    await poll(() => stat(page, 'dash-service', 'Open').textContent()).toBe(num(dashboard.service?.open ?? -1));
    await poll(() => stat(page, 'dash-money', 'COD revenue').textContent()).toBe(money(financial.cod_total ?? -1));
    expect(await stat(page, 'dash-money', 'Refunds').textContent()).toBe(money(financial.refunds ?? -1));
    await poll(() => stat(page, 'dash-hierarchy', 'Sub orders linked to a main').textContent()).toBe(percent(dashboard.hierarchy?.coverage ?? -1));
    // The charts' text alternatives carry the same numbers: the state chart and the action types.
    const states = page.getByRole('table', { name: 'Orders by current state' });
    expect(await states.getByRole('row', { name: /Delivered/ }).getByRole('cell').textContent()).toBe(num(stats.by_state.find((s) => s.state_code === 45)?.count ?? -1));
    const perDay = page.getByRole('table', { name: /^Orders per creation day(:| *$)/ });
    expect(await perDay.getByRole('row', { name: /^Created/ }).getByRole('cell').textContent()).toBe(num(stats.by_day.reduce((n, d) => n + d.count, 0)));
    const perCategory = page.getByRole('table', { name: /^Orders per creation day, by business category/ });
    const sales = stats.by_day.reduce((n, d) => n + (d.by_category['Real Sales Order'] ?? 0), 0);
    expect(sales).toBeGreaterThan(0);
    expect(await perCategory.getByRole('row', { name: /^Real Sales Order/ }).getByRole('cell').textContent()).toBe(num(sales));
    const types = page.getByRole('table', { name: 'Service actions by type' });
    expect(await types.getByRole('row', { name: /Maintenance/ }).getByRole('cell').textContent()).toBe(num(dashboard.service_analytics?.by_type.maintenance ?? -1));
    expect(await page.locator('.dash-unavailable').count()).toBe(0);
    await checkA11y(page, 'dashboard');
    await shot(page, 'dashboard');

    const ar = await stack.newPage({ lang: 'ar' });
    await stack.login(ar, 'agent');
    await poll(() => ar.getByRole('heading', { level: 1 }).textContent()).toBe('لوحة المتابعة');
    await poll(() => stat(ar, 'dash-orders', 'الطلبات').textContent()).toBe(String(stats.total_orders));
    await poll(() => stat(ar, 'dash-service', 'مفتوحة').textContent()).toBe(String(dashboard.service?.open));
    expect(await ar.getByRole('table', { name: 'الطلبات حسب الحالة الحالية' }).getByRole('row', { name: /تم التوصيل/ }).count()).toBe(1);
    await checkA11y(ar, 'dashboard in Arabic');
    await shot(ar, 'dashboard-ar');
  });

  it('the creation-date range is kept in the URL and applied by the API', async () => {
    const all = await get<Stats>('/api/v1/orders/stats');
    const day = all.by_day[all.by_day.length - 1]?.day ?? '';
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const page = await stack.newPage();
    await stack.login(page, 'agent');
    await page.locator('#dash-from').fill(day);
    await page.locator('#dash-to').fill(day);
    await page.locator('#dash-to').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('from') === day && u.searchParams.get('to') === day);
    const inDay = await get<Stats>(`/api/v1/orders/stats?created_from=${day}&created_to=${day}`);
    expect(inDay.total_orders).toBe(2);
    await poll(() => stat(page, 'dash-orders', 'Orders').textContent()).toBe(num(inDay.total_orders));

    await page.locator('#dash-from').fill(next);
    await page.locator('#dash-to').fill('');
    await page.locator('#dash-from').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('from') === next && !u.searchParams.has('to'));
    expect((await get<Stats>(`/api/v1/orders/stats?created_from=${next}`)).total_orders).toBe(0);
    await poll(() => page.locator('section:has(> h2#dash-orders)').textContent()).toContain('No orders in this period.');
    // Back in history: the previous range and its figures again.
    await page.goBack();
    await poll(() => stat(page, 'dash-orders', 'Orders').textContent()).toBe(num(inDay.total_orders));
    await page.getByRole('button', { name: 'All time' }).click();
    await page.waitForURL((u) => u.search === '');
  });

  it("a date the API refuses shows the API's problem in the orders section; the other sections still show", async () => {
    const page = await stack.newPage();
    await stack.login(page, 'viewer');
    await page.goto('/?from=2026-02-30');
    const orders = page.locator('section:has(> h2#dash-orders)');
    await poll(() => orders.getByRole('alert').textContent()).toContain('created_from');
    // The refused day is shown as typed, not rolled over to a real one.
    expect(await orders.locator('.dash-scope').textContent()).toBe('Created since 2026-02-30');
    await poll(() => stat(page, 'dash-service', 'Open').textContent()).toBe(num(1));
    await shot(page, 'dashboard-problem');
  });
});

describe('console: sync', () => {
  it('agent: the runs, the freshness and the empty quarantine; no queue link and no start buttons', async () => {
    const runs = await get<{ items: Run[] }>('/api/v1/sync/runs?limit=20');
    const quarantine = await get<{ items: unknown[] }>('/api/v1/sync/quarantine');
    expect(quarantine.items).toEqual([]);
    const page = await stack.newPage();
    await stack.login(page, 'agent');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync' }).click();
    await page.waitForURL((u) => u.pathname === '/sync');
    const table = page.getByRole('table', { name: 'Sync runs, newest first' });
    await poll(() => table.locator('tbody tr').count()).toBe(runs.items.length);
    const first = table.getByRole('row', { name: /Full.*Completed.*First start/ });
    expect(await first.count()).toBe(1);
    await poll(() => page.locator('section:has(> h2#sync-quarantine)').textContent()).toContain('No quarantined deliveries: every delivery from Bosta could be read.');
    const total = (await get<Stats>('/api/v1/orders/stats')).total_orders;
    expect(await stat(page, 'sync-freshness', 'Orders in the book').textContent()).toBe(num(total));
    expect(await stat(page, 'sync-freshness', 'Newest order update').textContent()).toMatch(/ago|now/);
    const main = page.locator('main');
    expect(await main.getByRole('link', { name: 'Queue dashboard (bull-board)' }).count()).toBe(0);
    expect(await main.getByRole('button', { name: /Start a/ }).count()).toBe(0);
    await checkA11y(page, 'sync');
    await shot(page, 'sync');
  });

  it('admin: the queue dashboard link, and a run started from the screen shows up with its progress', async () => {
    const page = await stack.newPage();
    await stack.login(page, 'admin');
    await page.goto('/sync');
    const link = page.locator('main').getByRole('link', { name: 'Queue dashboard (bull-board)' });
    await poll(() => link.getAttribute('href')).toBe('/admin/queues');
    await page.getByRole('button', { name: 'Start an incremental run' }).click();
    await poll(() => page.getByRole('status').filter({ hasText: 'Run requested: Incremental' }).count()).toBe(1);
    // The scheduler starts incremental runs too: ours is the one a user asked for.
    const ours = (r: Run) => r.mode === 'incremental' && r.requested_by.startsWith('user-');
    const after = await stack.until<{ items: Run[] }>('/api/v1/sync/runs', (b) => b.items.some(ours));
    const run = after.items.find(ours);
    expect(after.items.filter(ours)).toHaveLength(1);
    await stack.until<{ status: string }>(`/api/v1/sync/runs/${run?.id}`, (b) => b.status === 'completed');
    const table = page.getByRole('table', { name: 'Sync runs, newest first' });
    await poll(() => table.getByRole('row', { name: /Incremental.*Completed.*User/ }).count()).toBe(1);
    // The finished run wrote the return pickup into the book: the freshness card follows without a reload.
    const total = (await get<Stats>('/api/v1/orders/stats')).total_orders;
    await poll(() => stat(page, 'sync-freshness', 'Orders in the book').textContent()).toBe(num(total));
    await checkA11y(page, 'sync as admin');
    await shot(page, 'sync-admin');
  });

  it('a run in progress is shown live: its status and pages move while the screen polls, then it leaves the section', async () => {
    if (!stack.sim) throw new Error('needs the simulator');
    // Every Bosta call of the run takes 2.5 s: the run stays on screen long enough to be watched.
    const faults = async (latencyMs: number) => {
      const res = await fetch(`${stack.sim?.url}/__sim/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs }) });
      expect(res.status).toBe(200);
    };
    await faults(2_500);
    try {
      const page = await stack.newPage();
      await stack.login(page, 'admin');
      await page.goto('/sync');
      await page.getByRole('button', { name: 'Start a full run' }).click();
      const current = page.locator('section:has(> h2#sync-current)');
      await poll(() => current.getByText('Progress of the Full run').count()).toBe(1);
      expect(await current.getByRole('progressbar').count()).toBe(1);
      // Queued while the run reads Bosta's newest change, then running with its page count from the first page.
      await poll(() => current.locator('.badge').allTextContents()).toEqual(['Full', 'Running']);
      await poll(() => current.textContent()).toMatch(/Page 1 of 1/);
      const run = (await get<{ items: Run[] }>('/api/v1/sync/runs')).items.find((r) => r.mode === 'full' && r.status === 'running');
      expect(run?.requested_by).toMatch(/^user-/);
      await shot(page, 'sync-running');
      await expect.poll(() => current.textContent(), { timeout: 40_000 }).toContain('No run is in progress.');
      expect((await get<Run>(`/api/v1/sync/runs/${run?.id}`)).status).toBe('completed');
    } finally {
      await faults(0);
    }
  }, 60_000);

  it('the lag since the last webhook: a sale Bosta just delivered shows as seconds ago, with the last hour’s count, in English and Arabic', async () => {
    const before = await get<SyncStatus>('/api/v1/sync/status');
    expect(before.last_webhook_at).not.toBeNull();
    const page = await stack.newPage();
    await stack.login(page, 'viewer');
    await page.goto('/sync');
    await poll(() => stat(page, 'sync-freshness', 'Webhooks in the last hour').textContent()).toBe(num(before.webhooks_last_hour));
    // A real webhook: the simulator delivers a new sale and calls the gateway's webhook endpoint.
    await stack.deliveredSale('+201001230003', 900, 'Kettle K1');
    const after = await stack.until<SyncStatus>('/api/v1/sync/status', (b) => b.webhooks_last_hour > before.webhooks_last_hour, 'the webhook recorded');
    expect(Date.parse(after.last_webhook_at ?? '')).toBeGreaterThan(Date.parse(before.last_webhook_at ?? ''));
    expect(after.lag_seconds).toBeLessThan(60);
    // The screen polls every 5 s: the new count, and a lag in seconds (not minutes) next to it.
    await poll(() => stat(page, 'sync-freshness', 'Webhooks in the last hour').textContent()).toBe(num(after.webhooks_last_hour));
    expect(await stat(page, 'sync-freshness', 'Last webhook').textContent()).toMatch(/^(now|\d+ seconds? ago)$/);
    expect(await page.locator('main').textContent()).not.toContain('does not report');
    await checkA11y(page, 'sync lag');
    await shot(page, 'sync-lag');

    const ar = await stack.newPage({ lang: 'ar' });
    await stack.login(ar, 'viewer');
    await ar.goto('/sync');
    await poll(() => stat(ar, 'sync-freshness', 'إشعارات الويب في الساعة الأخيرة').textContent()).toBe(String(after.webhooks_last_hour));
    expect(await stat(ar, 'sync-freshness', 'آخر إشعار ويب').textContent()).toMatch(/^(الآن|قبل .*(ثانية|ثانيتين|ثوان).*)$/);
    await checkA11y(ar, 'sync in Arabic');
    await shot(ar, 'sync-lag-ar');
  }, 90_000);
});
