/**
 * The service-action screens in a real browser on the whole stack (every service, the Bosta
 * simulator): an agent opens a case by phone for a customer with a real sale (found as typed, the
 * order offered) and one for an unknown phone (a new customer; a lost answer retried with the same
 * Idempotency-Key opens one case), a bad submit shows the API's field error and opens nothing, the
 * board shows each case in its status column, a cancel through the page lands in the history, a stale
 * page's refused command shows the 409 with the allowed statuses, and a technician executes a
 * hub-confirmed case with the only form that applies.
 */
import type { APIResponse, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAIRO_ADDRESS, checkA11y, shot, startConsoleStack, type ConsoleStack } from './browser.js';

interface Action {
  action_id: string;
  case_number: string;
  action_status: string;
  customer_phone: string;
  main_tracking_number: string | null;
  cancelled_reason: string | null;
  transitions?: { from_status: string | null; to_status: string; reason: string | null }[];
}
interface ListOf<T> {
  items: T[];
}

const SALE_PHONE = '+201001230001';
const NEW_PHONE = '+201001230002';
/** How an agent types them. */
const local = (e164: string) => `0${e164.slice(3)}`;

let stack: ConsoleStack;
let saleTracking: string;
const cases: { sale?: Action; fresh?: Action } = {};

beforeAll(async () => {
  stack = await startConsoleStack({ services: true });
  saleTracking = await stack.deliveredSale(SALE_PHONE, 1_500, 'Blender BL-100');
}, 240_000);

afterAll(async () => {
  await stack?.close();
});

async function actionsOf(phone: string): Promise<Action[]> {
  const res = await stack.api<ListOf<Action>>('GET', `/api/v1/service-actions?customer_phone=${encodeURIComponent(phone)}`);
  expect(res.status).toBe(200);
  return res.body.items;
}

async function actionIn(id: string, status: string): Promise<Action> {
  return stack.until<Action>(`/api/v1/service-actions/${id}`, (a) => a.action_status === status, `action ${id} reaches ${status}`);
}

async function agentPage(lang: 'en' | 'ar' = 'en'): Promise<Page> {
  const page = await stack.newPage({ lang });
  await stack.login(page, 'agent');
  return page;
}

const actionIdOf = (page: Page) => new URL(page.url()).pathname.split('/').pop() ?? '';

describe('service actions in the console', () => {
  it('agent: a customer with a real sale is found as the phone is typed, the order is offered, the case opens as requested with its history', async () => {
    const page = await agentPage();
    await page.goto('/actions');
    await page.getByRole('link', { name: 'New service action' }).click();
    await page.waitForURL(/\/actions\/new$/);
    const posts: Request[] = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/api/v1/service-actions') && posts.push(r));

    await page.locator('#action-phone').pressSequentially(local(SALE_PHONE), { delay: 20 });
    await expect.poll(() => page.locator('.sa-lookup').textContent()).toContain('Customer found: Ahmed Ali');
    const order = page.locator(`[data-order="${saleTracking}"]`);
    await order.waitFor();
    expect(await order.textContent()).toContain('Blender BL-100');
    await order.locator('input[type=radio]').check();
    // The pickup address is the customer's when an order is chosen: its fields are not asked for.
    expect(await page.locator('#action-city').count()).toBe(0);
    await page.locator('#action-type').selectOption('maintenance');
    await page.locator('#action-reason').fill('The blender stops after a minute');
    await checkA11y(page, 'action-create');
    await shot(page, 'action-create');
    // A double submit (two in the same instant) sends one request.
    await page.locator('form.sa-create-action').evaluate((form: HTMLFormElement) => {
      form.requestSubmit();
      form.requestSubmit();
    });
    await page.waitForURL(/\/actions\/[0-9a-f-]{36}$/);

    const id = actionIdOf(page);
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).toMatch(/^SA-\d{4}-\d{6}$/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('page-title');
    const opened = page.locator('.sa-history li[data-to="requested"]').first();
    await expect.poll(() => opened.textContent()).toContain('opened as Requested');
    expect(await opened.textContent()).toContain('The blender stops after a minute');
    // Straight after creation the case is requested; the returns service may already have ordered the pickup.
    expect(['requested', 'return_ordered']).toContain(await page.locator('.sa-action-page').getAttribute('data-status'));
    expect(await page.getByRole('link', { name: `#${saleTracking}` }).count()).toBe(1);

    const stored = await actionsOf(SALE_PHONE);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ action_id: id, main_tracking_number: saleTracking, customer_phone: SALE_PHONE });
    expect(posts).toHaveLength(1);
    expect(posts[0]?.headers()['idempotency-key']).toMatch(/^console-[0-9a-f]{32}$/);
    cases.sale = stored[0];
  }, 90_000);

  it('agent: an unknown phone creates the customer; an answer lost on the way is retried with the same key and opens one case', async () => {
    const page = await agentPage();
    await page.goto('/actions/new');
    await page.locator('#action-phone').pressSequentially(local(NEW_PHONE), { delay: 20 });
    await expect.poll(() => page.locator('.sa-lookup').textContent()).toContain('a new customer will be created');
    await page.locator('#action-customer-name').fill('Mona Said');
    await page.locator('#action-type').selectOption('service');
    await page.locator('#action-reason').fill('Installation of the new cooker');
    await page.locator('#action-city').fill(CAIRO_ADDRESS.city);
    await page.locator('#action-district').fill(CAIRO_ADDRESS.district ?? '');
    await page.locator('#action-first-line').fill(CAIRO_ADDRESS.first_line);

    // The first answer is lost after the gateway ran the command: the console shows the network problem.
    const keys: string[] = [];
    let lost = false;
    await page.route('**/api/v1/service-actions', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (lost) return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: 'Open the service action' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The server cannot be reached');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('problem-anchor'))).toBe(true);
    await page.getByRole('button', { name: 'Open the service action' }).click();
    await page.waitForURL(/\/actions\/[0-9a-f-]{36}$/);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);

    const stored = await actionsOf(NEW_PHONE);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.action_id).toBe(actionIdOf(page));
    const customer = await stack.api<{ full_name: string | null }>('GET', `/api/v1/customers/${encodeURIComponent(NEW_PHONE)}`);
    expect(customer).toMatchObject({ status: 200, body: { full_name: 'Mona Said' } });
    cases.fresh = stored[0];
  }, 90_000);

  it('a submit (Enter) without a reason shows the field error beside the field and opens nothing', async () => {
    const page = await agentPage();
    // ?phone= prefills the phone (the board's button passes its phone filter).
    await page.goto(`/actions/new?phone=${encodeURIComponent(local(SALE_PHONE))}`);
    expect(await page.locator('#action-phone').inputValue()).toBe(local(SALE_PHONE));
    await expect.poll(() => page.locator('.sa-lookup').textContent()).toContain('Customer found');
    await page.locator('#action-type').selectOption('replace_part');
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/service-actions'));
    await page.locator('#action-product').press('Enter');
    expect((await answer).status()).toBe(400);
    const error = page.locator('#action-reason-error');
    await error.waitFor();
    expect((await error.textContent())?.length).toBeGreaterThan(0);
    expect(await page.locator('#action-reason').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('action-reason');
    expect(await page.locator('#action-type').getAttribute('aria-invalid')).toBeNull();
    expect(new URL(page.url()).pathname).toBe('/actions/new');
    expect(await actionsOf(SALE_PHONE)).toHaveLength(1);
  }, 60_000);

  it('the board shows each case in the column of its status; filters and the list view live in the URL', async () => {
    const sale = cases.sale as Action;
    const fresh = cases.fresh as Action;
    await actionIn(sale.action_id, 'return_ordered');
    await actionIn(fresh.action_id, 'return_ordered');
    const page = await agentPage();
    await page.goto('/actions');
    const column = page.locator('[data-status="return_ordered"]');
    await column.locator(`[data-case="${sale.case_number}"]`).waitFor();
    await column.locator(`[data-case="${fresh.case_number}"]`).waitFor();
    expect(await column.getByRole('heading', { level: 2 }).textContent()).toContain('Return ordered');
    expect(await column.locator(`[data-case="${fresh.case_number}"]`).textContent()).toContain(NEW_PHONE);
    expect(await page.locator('[data-status="requested"] [data-case]').count()).toBe(0);
    const order = await page.locator('.board-col').evaluateAll((cols) => cols.map((c) => c.getAttribute('data-status')));
    expect(order.slice(0, 3)).toEqual(['requested', 'return_ordered', 'return_in_transit']);
    expect(order.at(-1)).toBe('cancelled');
    await checkA11y(page, 'actions-board');
    await shot(page, 'actions-board');

    await page.locator('#actions-phone').fill(local(NEW_PHONE));
    await page.locator('#actions-phone').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('phone') === local(NEW_PHONE));
    await expect.poll(() => page.locator('[data-case]').count()).toBe(1);
    expect(await page.locator(`[data-case="${fresh.case_number}"]`).count()).toBe(1);
    await page.locator('#actions-type').selectOption('maintenance');
    await page.waitForURL((u) => u.searchParams.get('type') === 'maintenance');
    await expect.poll(() => page.locator('[data-case]').count()).toBe(0);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('button', { name: 'List' }).click();
    await page.waitForURL((u) => u.searchParams.get('view') === 'list');
    const table = page.getByRole('table');
    await expect.poll(() => table.getByRole('link', { name: sale.case_number }).count()).toBe(1);
    expect(await table.getByRole('link', { name: fresh.case_number }).count()).toBe(1);
  }, 90_000);

  it('agent cancels a case with a reason through the page: the history shows it; a stale page gets the 409 with the allowed statuses', async () => {
    const fresh = cases.fresh as Action;
    // A page opened before the cancel: it keeps showing the case as it was (its polls answered from then).
    const stale = await agentPage();
    let frozen = true;
    let then: APIResponse | undefined;
    await stale.route(`**/api/v1/service-actions/${fresh.action_id}`, async (route) => {
      if (route.request().method() !== 'GET' || !frozen) return route.continue();
      then ??= await route.fetch();
      await route.fulfill({ response: then });
    });
    await stale.goto(`/actions/${fresh.action_id}`);
    await stale.locator('#cancel-reason').fill('Duplicate request');
    const page = await agentPage();
    await page.goto(`/actions/${fresh.case_number}`);
    // Only the forms that apply: not executable before the hub confirmed the product.
    await page.locator('#cancel-form').waitFor();
    expect(await page.locator('#execute-form').count()).toBe(0);
    expect(await page.locator('#retry-form').count()).toBe(0);
    await page.locator('#cancel-reason').fill('Customer fixed it himself');
    await page.getByRole('button', { name: 'Cancel the case' }).click();
    const cancelled = page.locator('.sa-history li[data-to="cancelled"]');
    await cancelled.waitFor();
    // The stale page still offers the cancel: the service refuses it now.
    frozen = false;
    await stale.getByRole('button', { name: 'Cancel the case' }).click();
    expect(await cancelled.textContent()).toContain('Return ordered → Cancelled');
    expect(await cancelled.textContent()).toContain('Customer fixed it himself');
    await expect.poll(() => page.locator('.sa-action-page').getAttribute('data-status')).toBe('cancelled');
    expect(await page.locator('#cancel-form').count()).toBe(0);
    expect(await page.locator('[data-allowed]').getAttribute('data-allowed')).toBe('');
    await checkA11y(page, 'action');
    await shot(page, 'action');
    expect(await stack.api('GET', `/api/v1/service-actions/${fresh.action_id}`)).toMatchObject({ body: { action_status: 'cancelled', cancelled_reason: 'Customer fixed it himself' } });

    const conflict = stale.locator('.sa-conflict');
    await conflict.waitFor();
    expect(await conflict.getByRole('alert').textContent()).toContain('cancelled');
    await expect.poll(() => conflict.textContent()).toContain('Allowed from Cancelled:');
    expect(await stale.locator('[data-conflict-allowed]').getAttribute('data-conflict-allowed')).toBe('');
    const history = (await stack.api<Action>('GET', `/api/v1/service-actions/${fresh.action_id}`)).body.transitions ?? [];
    expect(history.filter((t) => t.to_status === 'cancelled')).toHaveLength(1);

    await page.goto('/actions');
    await page.locator(`[data-status="cancelled"] [data-case="${fresh.case_number}"]`).waitFor();
  }, 90_000);

  it('technician: a hub-confirmed case shows only its execution form; the API field error shows, then the repair ships', async () => {
    const sale = cases.sale as Action;
    const legs = await stack.until<ListOf<{ tracking_number: string | null }>>(`/api/v1/returns?action_id=${sale.action_id}&leg=pickup`, (b) => !!b.items[0]?.tracking_number);
    const pickup = legs.items[0]?.tracking_number ?? '';
    await stack.move(pickup, 23);
    await actionIn(sale.action_id, 'return_in_transit');
    expect((await stack.api('POST', '/api/v1/service-actions/hub-scan', { return_tracking_number: pickup, hub_name: 'Cairo Hub' })).status).toBe(200);
    const inspected = await stack.api('POST', '/api/v1/service-actions/hub-inspection', {
      return_tracking_number: pickup, product_condition: 'good', quality_score: 7, recommended_action: 'maintenance',
    });
    expect(inspected.status).toBe(200);
    await actionIn(sale.action_id, 'hub_confirmed');

    const page = await stack.newPage();
    await stack.login(page, 'technician');
    await page.goto(`/actions/${sale.action_id}`);
    const form = page.locator('#execute-form');
    await form.waitFor();
    expect(await form.getByRole('heading', { level: 3 }).textContent()).toBe('Execute: Maintenance');
    for (const other of ['#cancel-form', '#edit-form', '#link-form', '#retry-form', '#part-0-sku', '#exec-amount']) expect(await page.locator(other).count()).toBe(0);
    expect(await page.getByRole('table', { name: 'The deliveries of this case at Bosta' }).count()).toBe(0);
    await page.locator('#exec-technician').fill('');
    await page.getByRole('button', { name: 'Record the work and ship it back' }).click();
    await page.locator('#exec-technician-error').waitFor();
    expect(await page.locator('#exec-technician-error').textContent()).toContain('required');
    await page.locator('#exec-technician').fill('Tarek Tech');
    await page.locator('#exec-notes').fill('Replaced the motor bearings');
    await page.getByRole('button', { name: 'Record the work and ship it back' }).click();
    await expect.poll(() => page.locator('.sa-action-page').getAttribute('data-status'), { timeout: 30_000 }).toMatch(/^(in_progress|outbound_shipped)$/);
    await page.locator('.sa-history li[data-to="in_progress"]').waitFor();
    expect(await page.locator('#execute-form').count()).toBe(0);
    const done = (await stack.api<Action & { costs: { labour_cost: number } }>('GET', `/api/v1/service-actions/${sale.action_id}`)).body;
    expect(done.costs.labour_cost).toBe(50);
  }, 120_000);

  it('Arabic: the action page is right to left with its words translated', async () => {
    const sale = cases.sale as Action;
    const page = await agentPage('ar');
    await page.goto(`/actions/${sale.action_id}`);
    await page.locator('.sa-history li[data-to="requested"]').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.locator('#history-title').textContent()).toBe('السجل');
    expect(await page.locator('.sa-history li[data-to="requested"]').textContent()).toContain('فُتح بحالة تم الطلب');
    await checkA11y(page, 'action in Arabic');
    await shot(page, 'action-ar');
  }, 60_000);
});
