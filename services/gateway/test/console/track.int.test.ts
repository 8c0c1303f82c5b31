/**
 * The customers' public tracking page in a real browser, on the real cycle: a sale delivered through
 * the Bosta simulator and a service case opened for it. No one signs in: the page asks for the last
 * 4 digits of the phone, then shows the parcel and the case in plain words, in English and Arabic,
 * at a phone's size.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAIRO_ADDRESS, checkA11y, shot, startConsoleStack, type ConsoleStack } from './browser.js';

const PHONE = '+201001112233';
const PHONE_VIEWPORT = { width: 390, height: 844 };

let stack: ConsoleStack;
let sale: string;
let caseNumber: string;

beforeAll(async () => {
  stack = await startConsoleStack({ services: true });
  sale = await stack.deliveredSale(PHONE, 2400, 'Air fryer');
  const created = await stack.api<{ action_id: string; case_number: string }>('POST', '/api/v1/service-actions', {
    customer_phone: PHONE, action_type: 'maintenance', service_reason: 'Fan is noisy', main_order_id: sale, product_name: 'Air fryer',
    customer_name: 'Ahmed Ali', pickup_address: CAIRO_ADDRESS,
  });
  expect(created.status).toBe(201);
  caseNumber = created.body.case_number;
  await stack.until<{ action_status?: string }>(`/api/v1/service-actions/${caseNumber}`, (a) => a.action_status === 'return_ordered', 'the pickup is ordered');
}, 240_000);

afterAll(async () => {
  await stack?.close();
});

/** The page for a code on a phone-sized screen, the digits field ready. */
async function openTrack(code: string, lang: 'en' | 'ar' = 'en'): Promise<Page> {
  const page = await stack.newPage({ lang });
  await page.setViewportSize(PHONE_VIEWPORT);
  await page.goto(`/track/${encodeURIComponent(code)}`);
  await page.locator('#track-digits').waitFor();
  return page;
}

/** Types the digits and submits with Enter, as a keyboard user does. */
async function submitDigits(page: Page, digits: string): Promise<void> {
  await page.locator('#track-digits').fill(digits);
  await page.locator('#track-digits').press('Enter');
}

/** No horizontal scrolling at the phone's width. */
async function fitsThePhone(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
}

/** Nothing personal on the page: no name, phone or address of the customer. */
async function showsNothingPersonal(page: Page): Promise<void> {
  const text = (await page.locator('main').textContent()) ?? '';
  for (const secret of ['Ahmed', 'Ali', '1001112233', '01001112233', 'Abbas', 'Fan is noisy']) expect(text, `page shows ${secret}`).not.toContain(secret);
}

describe('public tracking page', () => {
  it('asks for the last 4 digits without the app frame; wrong digits say so and keep focus on the field', async () => {
    const page = await openTrack(sale);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Track your parcel or service case');
    expect(await page.locator('header.top').count()).toBe(0);
    expect(await page.locator('#app').textContent()).not.toContain('Loading');
    const digits = page.getByLabel('Last 4 digits of your phone number');
    expect(await digits.getAttribute('inputmode')).toBe('numeric');
    expect(await digits.getAttribute('pattern')).toBe('[0-9٠-٩۰-۹]{4}');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('track-digits');
    expect(await page.locator('main').textContent()).toContain(sale);
    await fitsThePhone(page);
    await checkA11y(page, 'track');
    await shot(page, 'track');

    await submitDigits(page, '12');
    await expect.poll(() => page.locator('.field-problem').textContent()).toBe('Enter exactly 4 digits.');
    expect(await page.getByRole('alert').count()).toBe(0);

    await submitDigits(page, '0000');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('No parcel or case matches this code and these phone digits');
    expect(await page.locator('.track-result').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('track-digits');
    await checkA11y(page, 'track-wrong-digits');
  });

  it('right digits show the delivered parcel and its case in plain words, with the progress', async () => {
    const page = await openTrack(sale);
    await submitDigits(page, '2233');
    const parcel = page.getByRole('region', { name: 'Your parcel', exact: true });
    await parcel.waitFor();
    const text = (await parcel.textContent()) ?? '';
    for (const fact of [sale, 'Delivered', 'Delivery to you', 'Air fryer', 'Nothing to pay']) expect(text, fact).toContain(fact);
    expect(await parcel.locator('[aria-current="step"]').textContent()).toContain('Delivered');
    expect(await parcel.locator('.track-step-done').count()).toBe(4);
    const kase = page.getByRole('region', { name: `Service case ${caseNumber}`, exact: true });
    await expect.poll(() => kase.textContent()).toContain('Pickup scheduled');
    expect(await kase.textContent()).toContain('Maintenance');
    expect(await kase.locator('[aria-current="step"]').textContent()).toContain('Pickup scheduled');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('track-result');
    expect(await page.getByRole('button', { name: 'Refresh' }).count()).toBe(1);
    await showsNothingPersonal(page);
    await fitsThePhone(page);
    await checkA11y(page, 'track-result');
    await shot(page, 'track-result');
  });

  it('a case number shows the case with its pickup', async () => {
    const page = await openTrack(caseNumber);
    await submitDigits(page, '2233');
    const kase = page.getByRole('region', { name: `Service case ${caseNumber}`, exact: true });
    await kase.waitFor();
    const text = (await kase.textContent()) ?? '';
    for (const fact of ['Pickup scheduled', 'Pickup from you', 'Air fryer', 'tracking number']) expect(text, fact).toContain(fact);
    expect(await page.getByRole('region', { name: 'Your parcel', exact: true }).count()).toBe(0);
    await showsNothingPersonal(page);
    await shot(page, 'track-case');
  });

  it('in Arabic the page is right to left, in Arabic words, and takes Arabic-Indic digits; the switch goes back to English', async () => {
    const page = await openTrack(sale, 'ar');
    expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual(['rtl', 'ar']);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('تتبّع شحنتك أو طلب الخدمة');
    await submitDigits(page, '٢٢٣٣');
    const parcel = page.getByRole('region', { name: 'شحنتك', exact: true });
    await parcel.waitFor();
    expect(await parcel.textContent()).toContain('تم التسليم');
    expect(await page.getByRole('region', { name: `طلب الخدمة ${caseNumber}`, exact: true }).textContent()).toContain('تم تحديد موعد الاستلام');
    await showsNothingPersonal(page);
    await fitsThePhone(page);
    await checkA11y(page, 'track-ar');
    await shot(page, 'track-ar');

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    expect(await page.getByRole('region', { name: 'Your parcel', exact: true }).textContent()).toContain('Delivered');
    await checkA11y(page, 'track-en-after-switch');
  });
});
