/**
 * The order screens in a real browser on real data: sales created at the Bosta simulator flow
 * through sync, classifier, hierarchy and service-action, then an agent filters, sorts and pages the
 * list (all kept in the URL), opens an order (facts, timeline, classification rule, family tree,
 * the family's service actions) and unlinks and links it by hand, including a refused link across
 * two customers.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, shot, startConsoleStack, type ConsoleStack } from './browser.js';

interface OrderBody {
  id: string;
  tracking_number: string;
  service_type: string | null;
  hierarchy_status: string;
  classification_rule_id: string | null;
}
interface TreeBody {
  size: number;
  root: { order_id: string; children: { order_id: string; link: { linked_by: string; locked: boolean } | null }[] };
}

const PHONE = '01011112222';
const OTHER_PHONE = '01233334444';

let stack: ConsoleStack;
/** Customer 1: a sale (main) and a cheaper delivered order of the same product (a maintenance sub). Customer 2: a sale. */
const orders = { main: { id: '', tn: '' }, sub: { id: '', tn: '' }, other: { id: '', tn: '' } };

async function settled(tn: string, accept: (o: OrderBody) => boolean): Promise<OrderBody> {
  return stack.until<OrderBody>(`/api/v1/orders/tracking/${tn}`, (o, status) => status === 200 && accept(o), `order ${tn} classified and placed`);
}

beforeAll(async () => {
  stack = await startConsoleStack({ services: true });
  const mainTn = await stack.deliveredSale(PHONE, 1_500, 'Blender X200');
  const subTn = await stack.deliveredSale(PHONE, 300, 'Blender X200');
  const otherTn = await stack.deliveredSale(OTHER_PHONE, 2_000, 'Heater H1');
  const main = await settled(mainTn, (o) => o.hierarchy_status === 'main');
  const sub = await settled(subTn, (o) => o.service_type === 'maintenance' && o.hierarchy_status === 'linked');
  const other = await settled(otherTn, (o) => o.hierarchy_status === 'main');
  orders.main = { id: main.id, tn: mainTn };
  orders.sub = { id: sub.id, tn: subTn };
  orders.other = { id: other.id, tn: otherTn };
  // The maintenance sub opened its automatic case.
  await stack.until<{ items: unknown[] }>(`/api/v1/service-actions/hierarchy/${subTn}`, (b, status) => status === 200 && b.items.length > 0, 'automatic case of the sub');
}, 240_000);

afterAll(async () => {
  await stack?.close();
});

/** Tracking numbers in the list's rows, top to bottom. */
async function rows(page: Page): Promise<string[]> {
  return page.locator('table tbody tr td:first-child a').allTextContents();
}

async function listShows(page: Page, expected: string[]): Promise<void> {
  await expect.poll(() => rows(page), { timeout: 15_000 }).toEqual(expected);
}

const sorted = (...tns: string[]) => [...tns].sort();

describe('orders list', () => {
  it('lists the orders; filters and sort change the URL and the rows, and survive a reload', async () => {
    const page = await stack.newPage();
    await stack.login(page, 'agent');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
    await page.waitForURL((u) => u.pathname === '/orders');
    await expect.poll(async () => sorted(...(await rows(page)))).toEqual(sorted(orders.main.tn, orders.sub.tn, orders.other.tn));
    const subRow = page.locator('tr', { has: page.getByRole('link', { name: orders.sub.tn, exact: true }) });
    expect(await subRow.textContent()).toContain('Maintenance Order');
    expect(await subRow.textContent()).toContain('Linked');
    expect(await subRow.textContent()).toContain(`under ${orders.main.tn}`);
    expect(await subRow.textContent()).toContain('+201011112222');
    await checkA11y(page, 'orders list');
    await shot(page, 'orders');

    await page.locator('#of-business_category').selectOption('Real Sales Order');
    await page.waitForURL((u) => u.searchParams.get('business_category') === 'Real Sales Order');
    await expect.poll(async () => sorted(...(await rows(page)))).toEqual(sorted(orders.main.tn, orders.other.tn));

    await page.locator('#orders-sort').selectOption('cod');
    await page.waitForURL((u) => u.searchParams.get('sort') === 'cod');
    await listShows(page, [orders.main.tn, orders.other.tn]);
    await page.locator('#orders-sort').selectOption('-cod');
    await listShows(page, [orders.other.tn, orders.main.tn]);

    await page.locator('#of-phone').fill(PHONE);
    await page.locator('#of-phone').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('phone') === PHONE);
    await listShows(page, [orders.main.tn]);
    await shot(page, 'orders-filtered');

    await page.reload();
    await listShows(page, [orders.main.tn]);
    expect(await page.locator('#of-business_category').inputValue()).toBe('Real Sales Order');
    expect(await page.locator('#of-phone').inputValue()).toBe(PHONE);
    expect(await page.locator('#orders-sort').inputValue()).toBe('-cod');
  });

  it('a filter without matches says so and clears the filters; an invalid filter shows the API problem', async () => {
    const page = await stack.newPage();
    await stack.login(page, 'viewer');
    await page.goto('/orders?service_type=maintenance');
    await listShows(page, [orders.sub.tn]);
    await page.locator('#of-state').selectOption('49');
    await page.waitForURL((u) => u.searchParams.get('state') === '49' && u.searchParams.get('service_type') === 'maintenance');
    await expect.poll(() => page.getByText('No orders match these filters.').count()).toBe(1);
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.waitForURL((u) => u.search === '');
    await expect.poll(async () => (await rows(page)).length).toBe(3);

    await page.goto('/orders?cod_min=lots');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('cod_min');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expect.poll(async () => (await rows(page)).length).toBe(3);
  });

  it('pages with the API cursor; a filter change starts again at the first page', async () => {
    const page = await stack.newPage();
    await stack.login(page, 'agent');
    await page.goto('/orders?limit=1&sort=cod');
    await listShows(page, [orders.sub.tn]);
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.waitForURL((u) => !!u.searchParams.get('cursor'));
    await listShows(page, [orders.main.tn]);
    await page.getByRole('button', { name: 'Next page' }).click();
    await listShows(page, [orders.other.tn]);
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await listShows(page, [orders.main.tn]);
    await page.locator('#of-hierarchy_status').selectOption('main');
    await page.waitForURL((u) => u.searchParams.get('hierarchy_status') === 'main' && !u.searchParams.has('cursor'));
    await listShows(page, [orders.main.tn]);
    expect(await page.getByRole('button', { name: 'Previous page' }).isDisabled()).toBe(true);
  });
});

describe('order page', () => {
  it('shows facts, timeline, classification rule, family tree and the family cases', async () => {
    const page = await stack.newPage();
    await stack.login(page, 'agent');
    await page.goto(`/orders?phone=${PHONE}&sort=cod`);
    await page.getByRole('link', { name: orders.sub.tn, exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/orders/${orders.sub.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Order ${orders.sub.tn}`);

    const facts = page.getByRole('region', { name: 'Order facts', exact: true });
    await expect.poll(() => facts.textContent()).toContain('+201011112222');
    const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
    await expect.poll(() => timeline.locator('ol.timeline li').count()).toBeGreaterThan(0);
    expect(await timeline.textContent()).toContain('Delivered');
    const classification = page.getByRole('region', { name: 'Classification', exact: true });
    await expect.poll(() => classification.locator('.rule-id').textContent()).toBe('R2');
    expect(await classification.locator('.rule-version').textContent()).toBe('v1');
    expect(await classification.textContent()).toContain('Maintenance Order');
    const tree = page.getByRole('list', { name: 'Family tree' });
    await expect.poll(() => tree.getByRole('link').allTextContents()).toEqual([orders.main.tn, orders.sub.tn]);
    expect(await tree.getByRole('link', { name: orders.sub.tn }).getAttribute('aria-current')).toBe('page');
    expect(await tree.textContent()).toContain('automatic');
    const cases = page.getByRole('region', { name: 'Service actions of the family', exact: true });
    const caseLink = cases.locator('table a').first();
    await expect.poll(() => caseLink.getAttribute('href')).toMatch(/^\/actions\/[0-9a-f-]{36}$/);
    expect(await cases.textContent()).toContain('Maintenance');
    await checkA11y(page, 'order page');
    await shot(page, 'order');

    // Each node opens its own order.
    await tree.getByRole('link', { name: orders.main.tn }).click();
    await page.waitForURL((u) => u.pathname === `/orders/${orders.main.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Order ${orders.main.tn}`);
    await expect.poll(() => page.locator('section .rule-id').textContent()).toBe('R1');
    // A tracking number in the address finds the order too.
    await page.goto(`/orders/${orders.other.tn}`);
    await expect.poll(() => page.getByRole('region', { name: 'Order facts', exact: true }).textContent()).toContain(orders.other.id);
    // An unknown order: each section says so on its own.
    await page.goto('/orders/no-such-order');
    await expect.poll(() => page.getByRole('region', { name: 'Order facts', exact: true }).getByRole('alert').textContent()).toContain('Not found.');
    await expect.poll(() => page.getByRole('region', { name: 'Classification', exact: true }).textContent()).toContain('Not classified yet');
  });

  it('unlinks and links by hand; a link across two customers shows the 422 problem', async () => {
    const page = await stack.newPage();
    await stack.login(page, 'agent');
    await page.goto(`/orders/${orders.sub.id}`);
    const tree = page.getByRole('list', { name: 'Family tree' });
    await expect.poll(() => tree.getByRole('link').count()).toBe(2);

    await page.locator('#unlink-reason').fill('the customer bought this blender elsewhere');
    await page.locator('#unlink-reason').press('Enter');
    await expect.poll(() => page.locator('p.done').textContent()).toBe(`Unlinked: ${orders.sub.tn} is no longer under ${orders.main.tn}.`);
    await expect.poll(() => page.getByText('This order has no family yet').count()).toBe(1);
    expect((await stack.api<TreeBody>('GET', `/api/v1/orders/hierarchy/${orders.sub.id}`)).body.size).toBe(1);

    expect(await page.locator('#link-direction').inputValue()).toBe('sub');
    await page.locator('#link-other').fill(orders.main.tn);
    await page.locator('#link-reason').fill('same blender, confirmed on the phone');
    await page.locator('#link-reason').press('Enter');
    await expect.poll(() => page.locator('p.done').textContent()).toBe(`Linked: ${orders.sub.tn} is now under ${orders.main.tn}.`);
    await expect.poll(() => tree.getByRole('link').allTextContents()).toEqual([orders.main.tn, orders.sub.tn]);
    expect(await tree.textContent()).toContain('by hand');
    const linked = (await stack.api<TreeBody>('GET', `/api/v1/orders/hierarchy/${orders.sub.id}`)).body;
    expect(linked.root.order_id).toBe(orders.main.id);
    expect(linked.root.children[0]).toMatchObject({ order_id: orders.sub.id, link: { linked_by: 'manual', locked: true } });

    // From the main's page: adding the other customer's sale as a sub is refused with the hierarchy's words.
    await page.goto(`/orders/${orders.main.id}`);
    await expect.poll(() => page.locator('#link-direction').inputValue()).toBe('main');
    await page.locator('#link-other').fill(orders.other.tn);
    await page.locator('#link-reason').fill('trying a link across customers');
    await page.getByRole('button', { name: 'Link orders' }).click();
    const problem = page.locator('form', { has: page.locator('#link-other') }).getByRole('alert');
    await expect.poll(() => problem.textContent()).toContain('different customers');
    expect((await stack.api<TreeBody>('GET', `/api/v1/orders/hierarchy/${orders.other.id}`)).body.size).toBe(1);
  });

  it('viewers read the family without the link forms; Arabic lays the page out right to left', async () => {
    const viewer = await stack.newPage();
    await stack.login(viewer, 'viewer');
    await viewer.goto(`/orders/${orders.sub.id}`);
    await expect.poll(() => viewer.getByRole('list', { name: 'Family tree' }).getByRole('link').count()).toBe(2);
    expect(await viewer.locator('#link-other').count()).toBe(0);
    expect(await viewer.locator('#unlink-reason').count()).toBe(0);

    const page = await stack.newPage({ lang: 'ar' });
    await stack.login(page, 'agent');
    await page.goto(`/orders/${orders.sub.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`الطلب ${orders.sub.tn}`);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => page.locator('section .rule-id').textContent()).toBe('R2');
    await expect.poll(() => page.getByRole('list', { name: 'شجرة العائلة' }).getByRole('link').count()).toBe(2);
    expect(await page.locator('main').textContent()).toContain('طلب صيانة');
    await checkA11y(page, 'order page in Arabic');
    await shot(page, 'order-ar');
  });
});
