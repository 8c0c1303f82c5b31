/**
 * The hub station, the review queue and the technician queue in a real browser, on the whole cycle
 * (every service and the Bosta simulator): cases opened through the API, their pickups moved at the
 * simulator, then the hub agent scans and inspects with the keyboard alone on a tablet, the team
 * leader decides the review, and the technician executes; every outcome is checked through the API.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAIRO_ADDRESS, checkA11y, shot, startConsoleStack, type ConsoleStack } from './browser.js';

let stack: ConsoleStack;

interface Case {
  action_id: string;
  case_number: string;
  /** The return pickup's tracking number (what the hub scans). */
  tn: string;
}
interface ActionView {
  action_status: string;
  hub_quality_score: number | null;
  hub_recommended_action: string | null;
  review_required: boolean;
  review_decision: string | null;
  assigned_technician: string | null;
}

/** Opens a case as the admin and waits until its pickup exists at Bosta and the hub expects it. */
async function openCase(phone: string, actionType: string, reason: string): Promise<Case> {
  const created = await stack.api<{ action_id: string; case_number: string }>('POST', '/api/v1/service-actions', {
    customer_phone: phone, action_type: actionType, service_reason: reason, pickup_address: CAIRO_ADDRESS, customer_name: 'Mona Adel', product_name: 'Blender X200',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const { action_id, case_number } = created.body;
  const legs = await stack.until<{ items?: { tracking_number: string | null }[] }>(
    `/api/v1/returns?action_id=${action_id}&leg=pickup`, (b) => (b.items ?? []).some((l) => l.tracking_number), `pickup of ${case_number}`,
  );
  const tn = legs.items?.find((l) => l.tracking_number)?.tracking_number ?? '';
  await stack.until(`/api/v1/hub/workflows/${tn}`, (_b, status) => status === 200, `hub expects ${tn}`);
  return { action_id, case_number, tn };
}

/** Puts a case's pickup in transit (the courier picked it up). */
async function pickUp(c: Case): Promise<void> {
  await stack.until<ActionView>(`/api/v1/service-actions/${c.action_id}`, (b) => b.action_status === 'return_ordered', `${c.case_number} return ordered`);
  await stack.move(c.tn, 23);
  await stack.until<ActionView>(`/api/v1/service-actions/${c.action_id}`, (b) => b.action_status === 'return_in_transit', `${c.case_number} in transit`);
}

function actionUntil(c: Case, accept: (a: ActionView) => boolean, what: string): Promise<ActionView> {
  return stack.until<ActionView>(`/api/v1/service-actions/${c.action_id}`, (b, status) => status === 200 && accept(b), `${c.case_number} ${what}`);
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

let repair: Case;
let replacement: Case;
let cancelled: Case;

beforeAll(async () => {
  stack = await startConsoleStack({ services: true });
  [repair, replacement, cancelled] = await Promise.all([
    openCase('+201001230001', 'maintenance', 'Motor makes a grinding noise'),
    openCase('+201001230002', 'replace_full', 'Unit arrived dead'),
    openCase('+201001230003', 'maintenance', 'Leaks water'),
  ]);
  await Promise.all([pickUp(repair), pickUp(replacement)]);
  const cancel = await stack.api('DELETE', `/api/v1/service-actions/${cancelled.action_id}`, { reason: 'customer fixed it' });
  expect(cancel.status).toBe(200);
  await stack.until<{ status: string }>(`/api/v1/hub/workflows/${cancelled.tn}`, (b) => b.status === 'cancelled', 'hub knows the cancellation');
}, 240_000);

afterAll(async () => {
  await stack?.close();
});

describe('hub station, review queue, technician queue', () => {
  it('hub agent, keyboard only on a tablet: expected returns, unknown and cancelled scans, two inspections', async () => {
    const page = await stack.newPage({ tablet: true });
    await stack.login(page, 'hub_agent');
    await page.waitForURL((url) => url.pathname === '/hub');

    // First use of the station: it asks for its hub, and the scan field takes the focus after.
    await expect.poll(() => focused(page)).toBe('hub-name');
    await page.keyboard.type('Cairo Hub');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('hub-scan');
    const expected = page.getByRole('region', { name: 'Returns expected at this hub' });
    await expect.poll(() => expected.getByRole('table', { name: 'Returns on their way to Cairo Hub' }).textContent()).toContain(repair.tn);
    expect(await expected.textContent()).toContain(replacement.case_number);
    expect(await expected.textContent()).not.toContain(cancelled.tn);
    await checkA11y(page, 'hub');
    await shot(page, 'hub');

    // An unknown code: the API's 404 in words, and the scan field is ready for the next parcel.
    await page.keyboard.type('99999999');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Unknown code 99999999');
    expect(await focused(page)).toBe('hub-scan');
    // A cancelled case: the API's 409 with the reason.
    await page.keyboard.type(cancelled.tn);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('customer fixed it');
    expect(await focused(page)).toBe('hub-scan');

    // The first case: the context beside the form, the focus on the first inspection field.
    await page.keyboard.type(repair.tn);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#hub-context-title').textContent()).toBe(`Case ${repair.case_number}`);
    await expect.poll(() => focused(page)).toBe('insp-condition');
    expect(await page.locator('#hub-message').textContent()).toBe(`Received at Cairo Hub: Maintenance, case ${repair.case_number}. Inspect it now.`);
    const context = await page.locator('.hub-context').textContent();
    expect(context).toContain('Motor makes a grinding noise');
    expect(context).toContain('Mona Adel');
    await checkA11y(page, 'hub after a scan');
    await shot(page, 'hub-scanned');
    await page.keyboard.type('Good');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Working');
    await page.keyboard.press('Tab');
    await page.keyboard.type('6');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('insp-recommended');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('insp-notes');
    await page.keyboard.type('Motor bearings worn');
    expect(await page.locator('#insp-condition').inputValue()).toBe('good');
    expect(await page.locator('#insp-functionality').inputValue()).toBe('working');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.locator('#hub-message').textContent()).toBe(`Inspection of case ${repair.case_number} recorded: confirmed by the hub.`);
    await expect.poll(() => focused(page)).toBe('hub-scan');
    await actionUntil(repair, (a) => a.action_status === 'hub_confirmed' && a.hub_quality_score === 6 && a.hub_recommended_action === 'maintenance' && !a.review_required, 'confirmed with 6');

    // The second case: score 2, Enter in the score field records it; a team leader must review.
    await page.keyboard.type(replacement.tn);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('insp-condition');
    await page.keyboard.type('Damaged');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Not working');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#hub-message').textContent()).toBe(`Inspection of case ${replacement.case_number} recorded: a team leader must review it.`);
    await expect.poll(() => focused(page)).toBe('hub-scan');
    await actionUntil(replacement, (a) => a.action_status === 'pending_review' && a.review_required && a.hub_quality_score === 2, 'pending review');
    await expect.poll(() => expected.textContent()).toContain('No returns are expected at this hub right now.');
  }, 180_000);

  it('hub station in Arabic: right to left, a repeated scan shows the context without a form', async () => {
    const page = await stack.newPage({ tablet: true, lang: 'ar' });
    await stack.login(page, 'hub_agent');
    await expect.poll(() => focused(page)).toBe('hub-name');
    await page.keyboard.type('مستودع القاهرة');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('hub-scan');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('محطة المستودع');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => page.getByRole('heading', { name: 'المرتجعات المتوقعة في هذا المستودع' }).count()).toBe(1);
    await expect.poll(() => page.locator('.hub-list .state-loading').count()).toBe(0);
    // A parcel scanned before whose review is pending: its context, no form, the focus stays on the scan field.
    await page.keyboard.type(replacement.tn);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#hub-context-title').textContent()).toBe(`الحالة ${replacement.case_number}`);
    expect(await page.locator('#hub-message').textContent()).toContain('مراجعة قائد الفريق معلّقة');
    expect(await page.locator('#insp-condition').count()).toBe(0);
    expect(await focused(page)).toBe('hub-scan');
    // Focus moved away, then a tap on empty space: the scan field has it again.
    await page.keyboard.press('Tab');
    expect(await focused(page)).not.toBe('hub-scan');
    await page.locator('.hub-context').click({ position: { x: 4, y: 4 } });
    await expect.poll(() => focused(page)).toBe('hub-scan');
    await checkA11y(page, 'hub in Arabic');
    await shot(page, 'hub-ar');
  }, 60_000);

  it('team leader: the review queue shows the inspection and why; approving moves the case on and out of the queue', async () => {
    const page = await stack.newPage();
    await stack.login(page, 'team_leader');
    await page.goto('/review');
    const card = page.getByRole('article', { name: `Case ${replacement.case_number}` });
    // The customer's name comes with the case, read beside the workflow.
    await expect.poll(() => card.textContent()).toContain('Mona Adel');
    const text = await card.textContent();
    expect(text).toContain('Low quality score');
    expect(text).toContain('Damaged');
    expect(text).toContain('Not working');
    expect(text).toContain('2 / 10');
    expect(await page.getByRole('article', { name: `Case ${repair.case_number}` }).count()).toBe(0);
    await checkA11y(page, 'review');
    await shot(page, 'review');

    await card.getByLabel('Approve').check();
    await card.getByLabel('Notes').fill('Defective unit, replace it');
    await card.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(() => page.locator('#review-message').textContent()).toBe(`Case ${replacement.case_number}: Approved.`);
    await expect.poll(() => card.count()).toBe(0);
    await actionUntil(replacement, (a) => a.action_status === 'hub_confirmed' && a.review_decision === 'approved', 'approved');
    await page.reload();
    await expect.poll(() => page.getByText('No inspection is waiting for a review.').count()).toBe(1);
  }, 90_000);

  it('technician: the queue shows the confirmed cases with their inspection; maintenance through the form moves it on', async () => {
    const page = await stack.newPage();
    await stack.login(page, 'technician');
    await page.waitForURL((url) => url.pathname === '/technician');
    const card = page.getByRole('article', { name: `Case ${repair.case_number}` });
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain('6 / 10');
    expect(await card.textContent()).toContain('Motor bearings worn');
    await expect.poll(() => page.getByRole('article', { name: `Case ${replacement.case_number}` }).count()).toBe(1);
    expect(await card.getByLabel('Technician').inputValue()).toBe('Tarek Tech');
    await checkA11y(page, 'technician');
    await shot(page, 'technician');

    await card.getByLabel('Work notes').fill('Replaced motor bearings');
    await card.getByRole('button', { name: 'Record the work and ship it back' }).click();
    await expect.poll(() => page.locator('#tech-message').textContent()).toMatch(new RegExp(`^Case ${repair.case_number} is now: (In progress|Shipped to customer)\\.$`));
    await expect.poll(() => card.count()).toBe(0);
    await actionUntil(repair, (a) => ['in_progress', 'outbound_shipped'].includes(a.action_status) && a.assigned_technician === 'Tarek Tech', 'in progress');
  }, 90_000);
});
