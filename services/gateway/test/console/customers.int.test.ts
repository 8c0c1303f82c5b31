/**
 * The customer screens in a real browser on the whole stack: real sales delivered at the Bosta
 * simulator make two customers; the list (filters in the address, stats strip), the Customer 360
 * page against the API's own numbers, interactions recorded from the keyboard (and refused with the
 * API's field error), a customer without orders created from the form, the Arabic layout, and what
 * a viewer may not do.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, shot, startConsoleStack, type ConsoleStack } from './browser.js';

let stack: ConsoleStack;

/** Two orders (A) and one (B): "orders at least 2" keeps only A. */
const A = { local: '01012345678', e164: '+201012345678' };
const B = { local: '01198765432', e164: '+201198765432' };
const NEW = { local: '01551234567', e164: '+201551234567' };

interface ApiCustomer {
  phone: string;
  full_name: string | null;
  email: string | null;
  total_orders: number;
  total_value: number;
  avg_order_value: number;
  return_rate: number;
  customer_segment: string;
  segment_reason: string;
  analytics: { lifetime_value: number; health_score: number };
}

/** Waits (up to the page's timeout) for what the page shows after the API answered. */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });
const money = (v: number) => `${new Intl.NumberFormat('en-GB', { minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(v)} EGP`;
const percent = (v: number) => new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(v);
const SEGMENT_WORD: Record<string, string> = { new: 'New', regular: 'Regular', vip: 'VIP', problematic: 'Problematic' };
const path360 = (phone: string) => `/customers/${encodeURIComponent(phone)}`;

/** The `<dd>` next to the `<dt>` with exactly this label, in a section. */
const fact = (page: Page, section: string, label: string) =>
  page.getByRole('region', { name: section, exact: true }).locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');

async function customer(phone: string): Promise<ApiCustomer> {
  const res = await stack.api<ApiCustomer>('GET', `/api/v1/customers/${encodeURIComponent(phone)}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function interactions(phone: string): Promise<{ subject: string; interaction_type: string; created_by: string }[]> {
  const res = await stack.api<{ items: { subject: string; interaction_type: string; created_by: string }[] }>('GET', `/api/v1/customers/${encodeURIComponent(phone)}/interactions`);
  expect(res.status).toBe(200);
  return res.body.items;
}

async function agentPage(lang: 'en' | 'ar' = 'en'): Promise<Page> {
  const page = await stack.newPage({ lang });
  await stack.login(page, 'agent');
  return page;
}

beforeAll(async () => {
  stack = await startConsoleStack({ services: true });
  await stack.deliveredSale(A.local, 1500, 'HVAR Split AC 1.5HP');
  await stack.deliveredSale(A.local, 640.5, 'HVAR Air Filter');
  await stack.until<{ total_orders: number }>(`/api/v1/customers/${encodeURIComponent(A.e164)}`, (b, s) => s === 200 && b.total_orders === 2, 'both sales of A known');
  await stack.deliveredSale(B.local, 2300, 'HVAR Window AC');
  await stack.until<{ families: unknown[] }>(`/api/v1/orders/hierarchy/customer/${encodeURIComponent(A.e164)}`, (b, s) => s === 200 && b.families.length === 2, 'families of A');
}, 240_000);

afterAll(async () => {
  await stack?.close();
});

describe('operator console: customers', () => {
  it('agent: the list shows both customers and the stats; a filter changes the address and the rows', async () => {
    const page = await agentPage();
    await page.goto('/customers');
    const rows = page.locator('table tbody tr');
    await eventually(() => rows.count()).toBe(2);
    for (const p of [A, B]) expect(await rows.filter({ hasText: p.e164 }).count(), p.e164).toBe(1);
    const stats = (await stack.api<{ total_customers: number; total_value: number }>('GET', '/api/v1/customers/stats')).body;
    const stat = (label: string) => page.locator('.stat').filter({ has: page.locator('.stat-label', { hasText: new RegExp(`^${label}$`) }) }).locator('.stat-value');
    expect(await stat('Customers').textContent()).toBe(String(stats.total_customers));
    expect(await stat('Lifetime value \\(all\\)').textContent()).toBe(money(stats.total_value));
    await checkA11y(page, 'customers');
    await shot(page, 'customers');

    await page.getByLabel('Orders at least').fill('2');
    await page.getByLabel('Orders at least').press('Enter');
    await page.waitForURL(/[?&]order_count_min=2(&|$)/);
    await eventually(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(A.e164);
    // The filter is in the address: a reload (or a shared link) shows the same rows; clearing shows every customer.
    await page.reload();
    await eventually(() => page.getByLabel('Orders at least').inputValue()).toBe('2');
    await eventually(() => rows.count()).toBe(1);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => url.pathname === '/customers' && url.search === '');
    await eventually(() => rows.count()).toBe(2);
    expect(await page.getByLabel('Orders at least').inputValue()).toBe('');
    await page.getByLabel('Orders at least').fill('2');
    await page.getByLabel('Orders at least').press('Enter');
    await eventually(() => rows.count()).toBe(1);
    await page.getByLabel('Segment').selectOption('vip');
    await page.waitForURL(/segment=vip/);
    await eventually(() => page.getByText('No customer matches these filters.').count()).toBe(1);

    await page.goto('/customers');
    await rows.filter({ hasText: A.e164 }).getByRole('link').click();
    await page.waitForURL((url) => url.pathname === path360(A.e164));
  });

  it('Customer 360 shows the API’s numbers, the segment with its reason, orders and families', async () => {
    const api = await customer(A.e164);
    const page = await agentPage();
    await page.goto(path360(A.local));
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(api.full_name);
    await eventually(() => fact(page, 'Profile', 'Orders').textContent()).toBe('2');
    expect(await fact(page, 'Profile', 'Lifetime value').textContent()).toBe(money(api.analytics.lifetime_value));
    expect(api.analytics.lifetime_value).toBe(2140.5);
    expect(await fact(page, 'Profile', 'Average order value').textContent()).toBe(money(api.avg_order_value));
    expect(await fact(page, 'Profile', 'Return rate').textContent()).toBe(percent(api.return_rate));
    expect(await fact(page, 'Profile', 'Phone').textContent()).toBe(A.e164);
    const segment = page.getByRole('region', { name: 'Segment', exact: true });
    expect(await segment.locator('.segment-now').textContent()).toContain(api.segment_reason);
    expect(await segment.locator('.segment-now .badge').textContent()).toBe(SEGMENT_WORD[api.customer_segment]);
    await eventually(() => segment.locator('.timeline li').count()).toBeGreaterThan(0);
    const analytics = page.getByRole('region', { name: 'Analytics' });
    expect(await analytics.getByText(`${api.analytics.health_score} / 100`).count()).toBe(1);

    const orders = (await stack.api<{ items: { id: string; tracking_number: string }[] }>('GET', `/api/v1/orders/phone/${encodeURIComponent(A.e164)}`)).body.items;
    const orderRows = page.getByRole('region', { name: 'Orders', exact: true }).locator('tbody tr');
    await eventually(() => orderRows.count()).toBe(orders.length);
    for (const o of orders) {
      expect(await orderRows.getByRole('link', { name: o.tracking_number }).getAttribute('href')).toBe(`/orders/${o.id}`);
    }
    const families = page.getByRole('region', { name: 'Order families' });
    await eventually(() => families.locator('ul.family-tree > li').count()).toBe(2);
    for (const o of orders) expect(await families.getByRole('link', { name: o.tracking_number }).getAttribute('href')).toBe(`/orders/${o.id}`);
    expect(await page.getByRole('link', { name: 'New service action' }).getAttribute('href')).toBe(`/actions/new?phone=${encodeURIComponent(A.e164)}`);
    await eventually(() => page.getByRole('region', { name: 'Service actions' }).getByText('No service actions for this customer.').count()).toBe(1);
    await checkA11y(page, 'customer 360');
  });

  it('an interaction is recorded from the keyboard; a blank subject shows the API’s field error and adds nothing', async () => {
    const page = await agentPage();
    await page.goto(path360(A.e164));
    const section = page.getByRole('region', { name: 'Interactions' });
    await eventually(() => section.getByText('No interactions recorded yet.').count()).toBe(1);
    const subject = section.getByLabel('Subject');

    await subject.focus();
    await page.keyboard.type('   ');
    await page.keyboard.press('Enter');
    const problem = section.locator('.field-error', { has: page.getByLabel('Subject') }).locator('.field-problem');
    await eventually(() => problem.count()).toBe(1);
    expect(await subject.getAttribute('aria-invalid')).toBe('true');
    expect(await interactions(A.e164)).toEqual([]);

    await section.getByLabel('Channel').focus();
    await page.keyboard.press('w'); // type-ahead: WhatsApp
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Asked when the filter should be replaced');
    await page.keyboard.press('Enter');
    await eventually(() => section.getByRole('heading', { name: 'Asked when the filter should be replaced' }).count()).toBe(1);
    expect(await section.getByRole('status').textContent()).toBe('Interaction recorded.');
    expect(await problem.count()).toBe(0);
    expect(await subject.inputValue()).toBe('');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('id'))).toBe(await subject.getAttribute('id'));
    const saved = await interactions(A.e164);
    expect(saved).toMatchObject([{ subject: 'Asked when the filter should be replaced', interaction_type: 'whatsapp' }]);
    expect(await section.locator('.interaction .badge').first().textContent()).toBe('WhatsApp');
    await shot(page, 'customer-360');
  });

  it('an agent edits the profile: only what changed is sent, the page shows the API’s answer', async () => {
    const page = await agentPage();
    await page.goto(path360(B.e164));
    await page.getByRole('button', { name: 'Edit profile' }).click();
    const email = page.getByLabel('Email');
    await email.fill('buyer.b@example.com');
    await email.press('Enter');
    await eventually(() => fact(page, 'Profile', 'Email').textContent()).toBe('buyer.b@example.com');
    const api = await customer(B.e164);
    expect(api.email).toBe('buyer.b@example.com');
    expect(api.total_orders).toBe(1);
  });

  it('a customer without orders is created from the form (a bad phone is refused next to the field)', async () => {
    const page = await agentPage();
    await page.goto('/customers');
    await page.getByRole('button', { name: 'New customer' }).click();
    const form = page.getByRole('form', { name: 'New customer' });
    await form.getByLabel('Mobile phone').fill('12345');
    await form.getByLabel('Full name').fill('Mona Hassan');
    await form.getByLabel('City').fill('Giza');
    await form.getByLabel('Mobile phone').press('Enter');
    await eventually(() => form.locator('.field-error', { has: page.getByLabel('Mobile phone') }).locator('.field-problem').textContent()).toContain('not an Egyptian mobile');
    expect((await stack.api('GET', '/api/v1/customers/stats')).body).toMatchObject({ total_customers: 2 });

    await form.getByLabel('Mobile phone').fill(NEW.local);
    await form.getByLabel('Mobile phone').press('Enter');
    await page.waitForURL((url) => url.pathname === path360(NEW.e164));
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Mona Hassan');
    await eventually(() => fact(page, 'Profile', 'Orders').textContent()).toBe('0');
    await eventually(() => page.getByText('No orders for this customer yet.').count()).toBe(1);
    await eventually(() => page.getByText('No order families yet.').count()).toBe(1);
    expect(await customer(NEW.e164)).toMatchObject({ full_name: 'Mona Hassan', total_orders: 0, customer_segment: 'new' });
  });

  it('one failing section shows its error while the rest of the 360 page works', async () => {
    const page = await agentPage();
    await page.route('**/api/v1/orders/hierarchy/customer/**', (route) => route.abort('connectionrefused'));
    await page.goto(path360(A.e164));
    const families = page.getByRole('region', { name: 'Order families' });
    await eventually(() => families.getByRole('alert').textContent()).toContain('The server cannot be reached.');
    await eventually(() => fact(page, 'Profile', 'Orders').textContent()).toBe('2');
    await eventually(() => page.getByRole('region', { name: 'Orders', exact: true }).locator('tbody tr').count()).toBe(2);
    // Retry once the service answers again.
    await page.unroute('**/api/v1/orders/hierarchy/customer/**');
    await families.getByRole('button', { name: 'Try again' }).click();
    await eventually(() => families.locator('ul.family-tree > li').count()).toBe(2);
  });

  it('Arabic: the 360 page is right to left and accessible', async () => {
    const page = await agentPage('ar');
    await page.goto(path360(A.e164));
    await eventually(() => fact(page, 'البيانات', 'الطلبات').textContent()).toBe('2');
    await eventually(() => page.getByRole('region', { name: 'التواصلات' }).locator('.interaction').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.getByRole('link', { name: 'إجراء خدمة جديد' }).count()).toBe(1);
    await checkA11y(page, 'customer 360 in Arabic');
    await shot(page, 'customer-360-ar');
  });

  it('a viewer reads the customer but gets no forms', async () => {
    const page = await stack.newPage();
    await stack.login(page, 'viewer');
    await page.goto(path360(A.e164));
    const section = page.getByRole('region', { name: 'Interactions' });
    await eventually(() => section.locator('.interaction').count()).toBe(1);
    await eventually(() => fact(page, 'Profile', 'Orders').textContent()).toBe('2');
    expect(await section.locator('form').count()).toBe(0);
    expect(await page.getByLabel('Subject').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Edit profile' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'New service action' }).count()).toBe(0);
    await page.goto('/customers');
    await eventually(() => page.locator('table tbody tr').count()).toBe(3);
    expect(await page.getByRole('button', { name: 'New customer' }).count()).toBe(0);
  });
});
