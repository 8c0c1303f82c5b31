import { CustomerSchema, InteractionSchema } from '@hvar/contracts';
import { inSqlTransaction, type JobContext } from '@hvar/platform';
import { ensureCustomer } from '../src/customers/ensure.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerCommandHandlers } from '../src/handlers/customers.handler.js';
import { T0, classified, phone, refusal, snapshot, startServiceActionStack, type ServiceActionStack } from './harness.js';

const HOUR = 3_600_000;
let clock = new Date(T0 + 400 * 24 * HOUR);
let stack: ServiceActionStack;

beforeAll(async () => {
  stack = await startServiceActionStack({ deps: { now: () => clock } });
});
afterAll(async () => {
  await stack?.close();
});

const by = 'user-agent-1';

/** Runs a command that must be refused with `type` (and `code`), and proves nothing was written. */
async function refused(name: Parameters<ServiceActionStack['runRaw']>[0], payload: unknown, type: 'invalid_data' | 'not_found' | 'conflict', code?: string) {
  const before = await snapshot(stack.database);
  const error = refusal(await stack.runRaw(name, payload), type);
  if (code) expect(error.options.code).toBe(code);
  expect(await snapshot(stack.database)).toEqual(before);
  return error;
}

describe('create-customer', () => {
  it('creates a customer without orders: segment new, "no orders yet", given fields managed, history recorded', async () => {
    const p = phone(101);
    const customer = CustomerSchema.parse(await stack.ok('create-customer', { phone: p, full_name: 'Mona Adel', email: 'mona@example.com', primary_city: 'Cairo', requested_by: by }));
    expect(customer).toMatchObject({
      phone: p, full_name: 'Mona Adel', email: 'mona@example.com', primary_city: 'Cairo', total_orders: 0, total_value: 0, avg_order_value: 0,
      customer_segment: 'new', segment_reason: 'no orders yet', service_actions: 0, erased: false, created_by: by, first_order_date: null,
    });
    const { rows } = await stack.database.pool.query('select managed_fields from service_action.customers where phone = $1', [p]);
    expect(rows[0]).toEqual({ managed_fields: ['full_name', 'email', 'primary_city'] });
    const history = await stack.database.pool.query('select from_segment, to_segment, reason from service_action.segment_history where phone = $1', [p]);
    expect(history.rows).toEqual([{ from_segment: null, to_segment: 'new', reason: 'no orders yet' }]);
  });

  it('refuses an existing phone (409 customer_exists), also one created by orders', async () => {
    await stack.ok('create-customer', { phone: phone(102), requested_by: by });
    await refused('create-customer', { phone: phone(102), full_name: 'Other', requested_by: by }, 'conflict', 'customer_exists');
    await stack.send([classified({ id: 'cc-1', phone: phone(103), day: 1 })]);
    await refused('create-customer', { phone: phone(103), requested_by: by }, 'conflict', 'customer_exists');
  });

  it('refuses bad input: a phone that is not E.164, a bad email, empty or too long text, no requester', async () => {
    await refused('create-customer', { phone: '01001234567', requested_by: by }, 'invalid_data');
    await refused('create-customer', { phone: '+2010012345', requested_by: by }, 'invalid_data');
    await refused('create-customer', { phone: phone(104), email: 'not-an-email', requested_by: by }, 'invalid_data');
    await refused('create-customer', { phone: phone(104), full_name: '  ', requested_by: by }, 'invalid_data');
    await refused('create-customer', { phone: phone(104), primary_address: 'x'.repeat(301), requested_by: by }, 'invalid_data');
    await refused('create-customer', { phone: phone(104) }, 'invalid_data');
  });
});

describe('update-customer', () => {
  it('sets fields and marks them managed: later orders keep the agent values, fill the others', async () => {
    const p = phone(111);
    await stack.send([classified({ id: 'uc-1', phone: p, day: 1, name: 'Receiver One', city: 'Giza' })]);
    const updated = CustomerSchema.parse(await stack.ok('update-customer', { phone: p, changes: { full_name: 'Agent Name', primary_city: 'Cairo' }, requested_by: by }));
    expect(updated).toMatchObject({ full_name: 'Agent Name', primary_city: 'Cairo', first_name: 'Ahmed' });
    await stack.send([{ ...classified({ id: 'uc-2', phone: p, day: 2, name: 'Receiver Two', city: 'Alexandria' }), customer: {
      name: 'Receiver Two', first_name: 'Receiver', last_name: 'Two', city: 'Alexandria', zone: 'Smouha', district: 'D2', address: '5 Sea St' } }]);
    const { rows } = await stack.database.pool.query('select full_name, first_name, primary_city, primary_zone, primary_address, total_orders from service_action.customers where phone = $1', [p]);
    expect(rows[0]).toEqual({ full_name: 'Agent Name', first_name: 'Receiver', primary_city: 'Cairo', primary_zone: 'Smouha', primary_address: '5 Sea St', total_orders: 2 });
  });

  it('an agent-set satisfaction overrides the interactions; null goes back to their average', async () => {
    const p = phone(112);
    await stack.ok('create-customer', { phone: p, requested_by: by });
    const i = InteractionSchema.parse(await stack.ok('create-interaction', { phone: p, interaction_type: 'call', subject: 'Late delivery', requested_by: by }));
    await stack.ok('update-customer', { phone: p, changes: { satisfaction_score: 0.3 }, requested_by: by });
    await stack.ok('update-interaction', { phone: p, interaction_id: i.interaction_id, changes: { status: 'closed', customer_satisfaction: 0.9 }, requested_by: by });
    expect(CustomerSchema.parse(await stack.ok('update-customer', { phone: p, changes: { email: 'a@b.eg' }, requested_by: by })).satisfaction_score).toBe(0.3);
    expect(CustomerSchema.parse(await stack.ok('update-customer', { phone: p, changes: { satisfaction_score: null }, requested_by: by })).satisfaction_score).toBe(0.9);
  });

  it('refuses unknown phones (404), unknown or no fields, out-of-range numbers, erased customers (409)', async () => {
    await refused('update-customer', { phone: phone(119), changes: { full_name: 'X' }, requested_by: by }, 'not_found', 'customer_not_found');
    await stack.ok('create-customer', { phone: phone(113), requested_by: by });
    await refused('update-customer', { phone: phone(113), changes: {}, requested_by: by }, 'invalid_data');
    await refused('update-customer', { phone: phone(113), changes: { nickname: 'Zizo' }, requested_by: by }, 'invalid_data');
    await refused('update-customer', { phone: phone(113), changes: { satisfaction_score: 1.5 }, requested_by: by }, 'invalid_data');
    await refused('update-customer', { phone: phone(113), changes: { satisfaction_score: -0.1 }, requested_by: by }, 'invalid_data');
    await refused('update-customer', { phone: phone(113), changes: { email: 'nope' }, requested_by: by }, 'invalid_data');
    await refused('update-customer', { phone: 'abc', changes: { full_name: 'X' }, requested_by: by }, 'invalid_data');
    await stack.ok('erase-customer', { phone: phone(113), reason: 'GDPR request', requested_by: by });
    await refused('update-customer', { phone: phone(113), changes: { full_name: 'Back' }, requested_by: by }, 'conflict', 'customer_erased');
  });
});

describe('erase-customer', () => {
  it('anonymizes the customer, their orders and interactions, keeps aggregates; later orders bring nothing back', async () => {
    const p = phone(121);
    await stack.send([classified({ id: 'er-1', phone: p, day: 1 }), classified({ id: 'er-2', phone: p, day: 2 })]);
    await stack.ok('update-customer', { phone: p, changes: { email: 'x@y.eg' }, requested_by: by });
    await stack.ok('create-interaction', { phone: p, interaction_type: 'whatsapp', subject: 'Ahmed at 12 Abbas St', description: 'lives at 12 Abbas', follow_up_notes: 'call his wife', requested_by: by });
    await stack.ok('create-action', {
      customer_phone: p, action_type: 'maintenance', service_reason: 'noisy motor', service_notes: 'ring the bell twice', product_description: 'white, scratched',
      pickup_address: { city: 'Cairo', first_line: '12 Abbas El Akkad St' }, requested_by: by,
    });
    const erased = CustomerSchema.parse(await stack.ok('erase-customer', { phone: p, reason: 'customer asked', requested_by: by }));
    expect(erased).toMatchObject({ erased: true, full_name: null, first_name: null, last_name: null, email: null, primary_address: null, primary_district: null,
      primary_city: 'Cairo', total_orders: 2, total_value: 3_000 });
    const { rows: c } = await stack.database.pool.query('select erased_by, erased_reason, erased_at from service_action.customers where phone = $1', [p]);
    expect(c[0]).toEqual({ erased_by: by, erased_reason: 'customer asked', erased_at: clock });
    const orders = await stack.database.pool.query<Record<string, string | null>>('select receiver_name, receiver_first_name, receiver_last_name, district, address from service_action.orders where phone = $1', [p]);
    expect(orders.rows.every((o) => Object.values(o).every((v) => v === null))).toBe(true);
    const inter = await stack.database.pool.query('select subject, description, follow_up_notes from service_action.interactions where phone = $1', [p]);
    expect(inter.rows).toEqual([{ subject: '[erased]', description: null, follow_up_notes: null }]);
    const cases = await stack.database.pool.query('select service_reason, service_notes, product_description, pickup_address from service_action.actions where phone = $1', [p]);
    expect(cases.rows).toEqual([{ service_reason: 'noisy motor', service_notes: null, product_description: null, pickup_address: null }]);
    // A later order (and a new revision of an old one) carries names and address: none is stored.
    await stack.send([classified({ id: 'er-3', phone: p, day: 3, name: 'Ahmed Ali' }), classified({ id: 'er-1', phone: p, day: 1, revision: 2 })]);
    const after = await stack.database.pool.query('select full_name, first_name, primary_address, total_orders from service_action.customers where phone = $1', [p]);
    expect(after.rows[0]).toEqual({ full_name: null, first_name: null, primary_address: null, total_orders: 3 });
    const later = await stack.database.pool.query('select count(*)::int as n from service_action.orders where phone = $1 and (receiver_name is not null or address is not null)', [p]);
    expect(later.rows[0]).toEqual({ n: 0 });
  });

  it('refuses a second erasure (409), an unknown phone (404), a missing or empty reason (400)', async () => {
    const p = phone(122);
    await stack.ok('create-customer', { phone: p, full_name: 'Sara', requested_by: by });
    await refused('erase-customer', { phone: p, reason: '', requested_by: by }, 'invalid_data');
    await refused('erase-customer', { phone: p, requested_by: by }, 'invalid_data');
    await refused('erase-customer', { phone: phone(129), reason: 'x', requested_by: by }, 'not_found', 'customer_not_found');
    await stack.ok('erase-customer', { phone: p, reason: 'asked', requested_by: by });
    await refused('erase-customer', { phone: p, reason: 'again', requested_by: by }, 'conflict', 'customer_already_erased');
  });
});

describe('interactions', () => {
  it('create, update, resolve (resolution time), reopen, close; satisfaction becomes the average of closed ones', async () => {
    const p = phone(131);
    await stack.ok('create-customer', { phone: p, requested_by: by });
    const created = clock;
    const a = InteractionSchema.parse(await stack.ok('create-interaction', {
      phone: p, interaction_type: 'call', subject: 'Filter leaking', description: 'since Monday', priority: 'high', follow_up_date: '2027-02-10', requested_by: by,
    }));
    expect(a).toMatchObject({ status: 'open', priority: 'high', follow_up_date: '2027-02-10', resolved_at: null, resolution_time_hours: null, created_by: by });
    const b = InteractionSchema.parse(await stack.ok('create-interaction', { phone: p, interaction_type: 'sms', subject: 'Thanks', requested_by: by }));
    expect(b.priority).toBe('medium');
    clock = new Date(created.getTime() + 5.5 * HOUR);
    const resolved = InteractionSchema.parse(await stack.ok('update-interaction', { phone: p, interaction_id: a.interaction_id, changes: { status: 'resolved', customer_satisfaction: 0.8 }, requested_by: by }));
    expect(resolved).toMatchObject({ status: 'resolved', resolution_time_hours: 5.5, resolved_at: clock.toISOString(), customer_satisfaction: 0.8 });
    // Reopening clears the resolution; closing later measures from creation again.
    const reopened = InteractionSchema.parse(await stack.ok('update-interaction', { phone: p, interaction_id: a.interaction_id, changes: { status: 'in_progress' }, requested_by: by }));
    expect(reopened).toMatchObject({ resolved_at: null, resolution_time_hours: null });
    clock = new Date(created.getTime() + 10 * HOUR);
    await stack.ok('update-interaction', { phone: p, interaction_id: a.interaction_id, changes: { status: 'closed' }, requested_by: by });
    await stack.ok('update-interaction', { phone: p, interaction_id: b.interaction_id, changes: { status: 'closed', customer_satisfaction: 0.5 }, requested_by: by });
    const { rows } = await stack.database.pool.query('select satisfaction_score::float as s from service_action.customers where phone = $1', [p]);
    expect(rows[0]).toEqual({ s: 0.65 });
    const closed = await stack.database.pool.query('select resolution_time_hours::float as h from service_action.interactions where interaction_id = $1', [a.interaction_id]);
    expect(closed.rows[0]).toEqual({ h: 10 });
  });

  it('refuses bad input and unknown ids, and a closed interaction cannot be reopened', async () => {
    const p = phone(132);
    await stack.ok('create-customer', { phone: p, requested_by: by });
    const i = InteractionSchema.parse(await stack.ok('create-interaction', { phone: p, interaction_type: 'email', subject: 'Invoice', requested_by: by }));
    await refused('create-interaction', { phone: phone(139), interaction_type: 'call', subject: 'x', requested_by: by }, 'not_found', 'customer_not_found');
    await refused('create-interaction', { phone: p, interaction_type: 'fax', subject: 'x', requested_by: by }, 'invalid_data');
    await refused('create-interaction', { phone: p, interaction_type: 'call', subject: '', requested_by: by }, 'invalid_data');
    await refused('create-interaction', { phone: p, interaction_type: 'call', subject: 'x', priority: 'asap', requested_by: by }, 'invalid_data');
    await refused('create-interaction', { phone: p, interaction_type: 'call', subject: 'x', follow_up_date: '10/02/2027', requested_by: by }, 'invalid_data');
    const upd = (changes: unknown, over: Record<string, unknown> = {}) => ({ phone: p, interaction_id: i.interaction_id, changes, requested_by: by, ...over });
    await refused('update-interaction', upd({ status: 'closed' }, { interaction_id: 'not-a-uuid' }), 'invalid_data');
    await refused('update-interaction', upd({ status: 'closed' }, { interaction_id: '00000000-0000-4000-8000-000000000000' }), 'not_found', 'interaction_not_found');
    await refused('update-interaction', upd({ status: 'closed' }, { phone: phone(139) }), 'not_found', 'customer_not_found');
    await refused('update-interaction', upd({ status: 'done' }), 'invalid_data');
    await refused('update-interaction', upd({ customer_satisfaction: 2 }), 'invalid_data');
    await refused('update-interaction', upd({ customer_satisfaction: -1 }), 'invalid_data');
    await refused('update-interaction', upd({}), 'invalid_data');
    await refused('update-interaction', upd({ mood: 'happy' }), 'invalid_data');
    // Another customer's interaction is not found under this phone.
    await stack.ok('create-customer', { phone: phone(133), requested_by: by });
    await refused('update-interaction', upd({ status: 'closed' }, { phone: phone(133) }), 'not_found', 'interaction_not_found');
    await stack.ok('update-interaction', { phone: p, interaction_id: i.interaction_id, changes: { status: 'closed' }, requested_by: by });
    await refused('update-interaction', upd({ status: 'open' }), 'conflict', 'interaction_closed');
    // An erased customer gets no new interactions.
    await stack.ok('erase-customer', { phone: p, reason: 'asked', requested_by: by });
    await refused('create-interaction', { phone: p, interaction_type: 'call', subject: 'x', requested_by: by }, 'conflict', 'customer_erased');
  });

  it('the same job delivered twice creates one interaction and answers the first result', async () => {
    const p = phone(134);
    await stack.ok('create-customer', { phone: p, requested_by: by });
    const handle = customerCommandHandlers(stack.deps)['create-interaction'];
    const ctx = { jobId: 'same-key-134', attempt: 1, log: stack.deps.log } as unknown as JobContext;
    const payload = { phone: p, interaction_type: 'visit' as const, subject: 'Install', priority: 'low' as const, requested_by: by };
    const first = await handle(payload, ctx);
    const second = await handle(payload, { ...ctx, attempt: 2 });
    expect(second).toEqual(first);
    const { rows } = await stack.database.pool.query('select count(*)::int as n from service_action.interactions where phone = $1', [p]);
    expect(rows[0]).toEqual({ n: 1 });
  });
});

describe('ensureCustomer (an agent opens a case for a phone)', () => {
  const ensure = (p: string, profile: { full_name?: string; email?: string }) =>
    inSqlTransaction(stack.database.pool, (tx) => ensureCustomer(tx, p, profile, 'user-agent-2', stack.deps.segments, clock));
  const row = async (p: string) => (await stack.database.pool.query(
    'select full_name, email, created_by, segment, segment_reason, managed_fields, total_orders from service_action.customers where phone = $1', [p])).rows[0] as unknown;

  it('creates an unknown customer once, by the agent, segment new with its history', async () => {
    const p = phone(141);
    expect(await ensure(p, { full_name: 'Hany Fawzy' })).toEqual({ created: true });
    expect(await ensure(p, { full_name: 'Other Name' })).toEqual({ created: false });
    expect(await row(p)).toEqual({ full_name: 'Hany Fawzy', email: null, created_by: 'user-agent-2', segment: 'new', segment_reason: 'no orders yet', managed_fields: [], total_orders: 0 });
    const { rows } = await stack.database.pool.query('select to_segment, reason from service_action.segment_history where phone = $1', [p]);
    expect(rows).toEqual([{ to_segment: 'new', reason: 'no orders yet' }]);
  });

  it('fills only empty, non-managed fields of an existing customer, and nothing of an erased one', async () => {
    const p = phone(142);
    await stack.ok('create-customer', { phone: p, email: 'kept@example.com', requested_by: by });
    expect(await ensure(p, { full_name: 'Filled In', email: 'other@example.com' })).toEqual({ created: false });
    expect(await row(p)).toMatchObject({ full_name: 'Filled In', email: 'kept@example.com' });
    const q = phone(143);
    await stack.ok('create-customer', { phone: q, requested_by: by });
    await stack.ok('erase-customer', { phone: q, reason: 'asked', requested_by: by });
    await ensure(q, { full_name: 'Back Again', email: 'x@y.eg' });
    expect(await row(q)).toMatchObject({ full_name: null, email: null });
  });
});
