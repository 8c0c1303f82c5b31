import { waitFor } from '@hvar/platform/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { orderFacts } from '../src/db/schema.js';
import { ORDER_FACTS_SQL } from '../src/db/write/order-upsert.sql.js';
import { orderWhere } from '../src/read/order-filters.js';
import { count, resetSyncTables } from './harness.js';
import { classification, factSender, hierarchyFact, linkedTo, readModel, webhookState, writeDeliveries, type FactSender } from './read-model-facts.js';
import { startReadApi, type ReadApiHarness } from './read-fixtures.js';
import { startSyncStack, type SyncStack } from './sync-stack.js';

let stack: SyncStack;
let send: FactSender;
let api: ReadApiHarness;

beforeAll(async () => {
  stack = await startSyncStack({ deliveries: 1 });
  send = factSender(stack);
  api = await startReadApi();
}, 60_000);
afterAll(async () => {
  await api?.close();
  await send?.close();
  await stack?.close();
});
beforeEach(async () => {
  await resetSyncTables(stack.database);
});

const inboxResult = async (batchId: string): Promise<unknown> =>
  (await stack.database.pool.query<{ result: unknown }>('select result from sync.inbox where message_id = $1', [batchId])).rows[0]?.result;
const T0 = '2025-08-15T10:00:00.000Z';
const T1 = '2025-08-16T10:00:00.000Z';
const T2 = '2025-08-17T10:00:00.000Z';

describe('order-classified', () => {
  it('writes the classification of every order of a batch; a redelivered batch changes nothing', async () => {
    await writeDeliveries(stack.database, [{ n: 1 }, { n: 2 }]);
    await send.classified('c-1', [
      classification(1, { business_category: 'Real Sales Order', service_type: 'main', order_level: 0, rule_id: 'R1', revision: 5 }),
      classification(2, { business_category: 'Maintenance Order', service_type: 'maintenance', order_level: 1, rule_id: 'R2', rule_set_version: 2, revision: 3 }),
    ]);
    expect(await readModel(stack.database, 1)).toMatchObject({
      business_category: 'Real Sales Order', service_type: 'main', order_level: 0, classification_rule_id: 'R1', classification_version: 1, classification_revision: 5,
    });
    expect(await readModel(stack.database, 2)).toMatchObject({ service_type: 'maintenance', order_level: 1, classification_rule_id: 'R2', classification_version: 2 });
    expect(await inboxResult('c-1')).toEqual({ received: 2, applied: 2, stale: 0 });
    // Same batch id again (a redelivery), even with other content: the inbox answers, nothing is written.
    await send.classified('c-1', [classification(1, { business_category: 'Refund Order', service_type: 'return', revision: 9 })]);
    expect(await readModel(stack.database, 1)).toMatchObject({ service_type: 'main', classification_revision: 5 });
    expect(await count(stack.database, 'select count(*) n from sync.inbox')).toBe(1);
  });

  it('applies a fact only when its revision is newer; in one batch the newest fact of an order wins', async () => {
    await writeDeliveries(stack.database, [{ n: 1 }]);
    await send.classified('c-1', [classification(1, { service_type: 'main', revision: 5 })]);
    await send.classified('c-2', [classification(1, { service_type: 'service', revision: 4 }), classification(1, { service_type: 'return', revision: 5 })]);
    expect(await readModel(stack.database, 1)).toMatchObject({ service_type: 'main', classification_revision: 5 });
    expect(await inboxResult('c-2')).toMatchObject({ applied: 0, stale: 1 });
    await send.classified('c-3', [classification(1, { service_type: 'service', revision: 7 }), classification(1, { service_type: 'maintenance', revision: 6 })]);
    expect(await readModel(stack.database, 1)).toMatchObject({ service_type: 'service', classification_revision: 7 });
  });

  it('keeps the facts of an order sync does not have yet; the order arrives with them', async () => {
    await writeDeliveries(stack.database, [{ n: 1 }]);
    await send.classified('c-1', [classification(1), classification(7, { service_type: 'exchange', order_level: 1, revision: 4 })]);
    expect(await inboxResult('c-1')).toEqual({ received: 2, applied: 2, stale: 0 });
    // An older fact for the same unknown order does not replace the kept one.
    await send.classified('c-2', [classification(7, { service_type: 'return', revision: 3 })]);
    expect(await inboxResult('c-2')).toEqual({ received: 1, applied: 0, stale: 1 });
    expect(await readModel(stack.database, 7)).toMatchObject({ service_type: 'exchange', classification_revision: 4, hierarchy_status: 'unlinked' });
    // Not an order of the read API until sync has written it.
    expect((await api.get('/orders/d7')).status).toBe(404);

    await writeDeliveries(stack.database, [{ n: 7 }]);
    expect(await readModel(stack.database, 7)).toMatchObject({ service_type: 'exchange', order_level: 1, classification_revision: 4, hierarchy_status: 'unlinked' });
    expect((await api.get('/orders/d7')).body).toMatchObject({ id: 'd7', service_type: 'exchange', order_level: 1, hierarchy_status: 'unlinked' });
    expect(await count(stack.database, 'select count(*) n from sync.order_facts')).toBe(2);
  });
});

describe('hierarchy-changed', () => {
  it('writes status and link facts once; an older revision is ignored', async () => {
    await writeDeliveries(stack.database, [{ n: 1 }, { n: 2 }]);
    await send.hierarchy('h-1', [hierarchyFact(1, { hierarchy_status: 'main', revision: 2 }), linkedTo(2, 1, { confidence: 0.9, revision: 3 })]);
    expect(await readModel(stack.database, 1)).toMatchObject({ hierarchy_status: 'main', main_order_id: null, hierarchy_revision: 2 });
    expect(await readModel(stack.database, 2)).toMatchObject({
      hierarchy_status: 'linked', main_order_id: 'd1', main_tracking_number: '50000001', relationship_type: 'maintenance', relationship_level: 1,
      hierarchy_confidence: 0.9, hierarchy_linked_by: 'auto_sync', hierarchy_revision: 3,
    });
    await send.hierarchy('h-1', [hierarchyFact(2, { revision: 10 })]);
    await send.hierarchy('h-2', [hierarchyFact(2, { revision: 3 })]);
    expect(await readModel(stack.database, 2)).toMatchObject({ hierarchy_status: 'linked', main_order_id: 'd1' });
    await send.hierarchy('h-3', [hierarchyFact(2, { revision: 4 })]);
    expect(await readModel(stack.database, 2)).toMatchObject({ hierarchy_status: 'unlinked', main_order_id: null, relationship_type: null, hierarchy_confidence: null });
  });

  it('keeps hierarchy facts of unknown orders like classification facts: the new order is not in review', async () => {
    await send.hierarchy('h-1', [linkedTo(3, 1, { state_at: T0, revision: 2 })]);
    expect(await readModel(stack.database, 3)).toMatchObject({ hierarchy_status: 'linked', main_order_id: 'd1', hierarchy_revision: 2 });
    // A first write is not a state change, even in a state newer than the one the hierarchy saw.
    await writeDeliveries(stack.database, [{ n: 3, state: 45, stateAt: T1 }, { n: 4 }]);
    expect(await readModel(stack.database, 3)).toMatchObject({ hierarchy_status: 'linked', main_order_id: 'd1', hierarchy_revision: 2 });
    expect(await readModel(stack.database, 4)).toMatchObject({ hierarchy_status: 'unlinked', hierarchy_revision: null });
  });
});

describe('pending_review', () => {
  it('new orders start unlinked; a state change (webhook or page) puts them in review until a fact about that state arrives', async () => {
    await writeDeliveries(stack.database, [{ n: 1, state: 41, stateAt: T0 }, { n: 2, state: 45, stateAt: T0 }]);
    expect(await readModel(stack.database, 1)).toMatchObject({ hierarchy_status: 'unlinked' });
    await send.hierarchy('h-1', [linkedTo(1, 2, { state_at: T0, revision: 1 }), hierarchyFact(2, { hierarchy_status: 'main', state_at: T0, revision: 1 })]);
    expect(await readModel(stack.database, 1)).toMatchObject({ hierarchy_status: 'linked' });

    // Webhook: a new state.
    expect(await webhookState(stack.database, 1, 45, T1)).toBe('applied');
    expect(await readModel(stack.database, 1)).toMatchObject({ hierarchy_status: 'pending_review', main_order_id: 'd2' });
    // A newer evaluation of the older state: its facts apply, the status stays in review.
    await send.hierarchy('h-2', [linkedTo(1, 2, { state_at: T0, confidence: 0.8, revision: 2 })]);
    expect(await readModel(stack.database, 1)).toMatchObject({ hierarchy_status: 'pending_review', hierarchy_confidence: 0.8, hierarchy_revision: 2 });
    // The evaluation of the new state sets the real status.
    await send.hierarchy('h-3', [linkedTo(1, 2, { state_at: T1, revision: 3 })]);
    expect(await readModel(stack.database, 1)).toMatchObject({ hierarchy_status: 'linked', hierarchy_revision: 3 });

    // A page write without a state change (same state, new content) keeps the status.
    await writeDeliveries(stack.database, [{ n: 1, state: 45, stateAt: T1, steps: 5 }]);
    expect(await readModel(stack.database, 1)).toMatchObject({ hierarchy_status: 'linked' });
    // A page write with a state change puts it in review again; a main too.
    await writeDeliveries(stack.database, [{ n: 1, state: 46, stateAt: T2 }, { n: 2, state: 46, stateAt: T2 }]);
    expect(await readModel(stack.database, 1)).toMatchObject({ hierarchy_status: 'pending_review' });
    expect(await readModel(stack.database, 2)).toMatchObject({ hierarchy_status: 'pending_review' });
    await send.hierarchy('h-4', [hierarchyFact(1, { state_at: T2, revision: 4 }), hierarchyFact(2, { hierarchy_status: 'main', state_at: T2, revision: 2 })]);
    expect(await readModel(stack.database, 1)).toMatchObject({ hierarchy_status: 'unlinked', main_order_id: null });
    expect(await readModel(stack.database, 2)).toMatchObject({ hierarchy_status: 'main' });
  });

  it('a hierarchy batch arriving during a state change waits for it, and keeps the order in review', async () => {
    await writeDeliveries(stack.database, [{ n: 1, state: 41, stateAt: T0 }, { n: 2, state: 45, stateAt: T0 }]);
    await send.hierarchy('h-1', [linkedTo(1, 2, { state_at: T0, revision: 1 })]);
    // A state change holding its locks, as a page write does until it commits.
    const client = await stack.database.pool.connect();
    try {
      await client.query('begin');
      await client.query(`update sync.orders set state_code = 45, state_at = $1 where id = 'd1'`, [T1]);
      await client.query(ORDER_FACTS_SQL, [['d1'], [true]]);
      // A newer evaluation of the old state comes meanwhile: it must not take the pre-change state for current.
      const late = send.hierarchy('h-2', [linkedTo(1, 2, { state_at: T0, confidence: 0.7, revision: 2 })]);
      await waitFor(() => count(stack.database, `select count(*) n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`), {
        message: 'the hierarchy batch waiting for the facts row',
      });
      await client.query('commit');
      await late;
    } finally {
      await client.query('rollback').catch(() => undefined);
      client.release();
    }
    expect(await readModel(stack.database, 1)).toMatchObject({ hierarchy_status: 'pending_review', hierarchy_confidence: 0.7, hierarchy_revision: 2 });
  });

  it('a stale webhook or an older page copy leaves the status alone', async () => {
    await writeDeliveries(stack.database, [{ n: 1, state: 45, stateAt: T1 }]);
    await send.hierarchy('h-1', [hierarchyFact(1, { hierarchy_status: 'main', state_at: T1, revision: 1 })]);
    expect(await webhookState(stack.database, 1, 41, T0)).toBe('stale');
    await writeDeliveries(stack.database, [{ n: 1, state: 41, stateAt: T0 }]);
    expect(await readModel(stack.database, 1)).toMatchObject({ hierarchy_status: 'main' });
  });
});

describe('read API', () => {
  const ids = async (query: string): Promise<string[]> => {
    const res = await api.get(`/orders?limit=200&${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body.items as { id: string }[]).map((o) => o.id);
  };

  it('filters and sorts by what the classifier and the hierarchy said, and shows it', async () => {
    await writeDeliveries(stack.database, [1, 2, 3, 4, 5].map((n) => ({ n })));
    await send.classified('c-1', [
      classification(1, { business_category: 'Real Sales Order', service_type: 'main', order_level: 0 }),
      classification(2, { business_category: 'Maintenance Order', service_type: 'maintenance', order_level: 1 }),
      classification(3, { business_category: 'Service Order', service_type: 'service', order_level: 1 }),
      classification(4, { business_category: 'Operational Order', service_type: 'operational', order_level: 0 }),
    ]);
    await send.hierarchy('h-1', [hierarchyFact(1, { hierarchy_status: 'main' }), linkedTo(2, 1), linkedTo(3, 1, { relationship_type: 'service', confidence: 0.85 })]);
    await webhookState(stack.database, 4, 45, T2);

    expect(await ids('hierarchy_status=linked&sort=-service_type')).toEqual(['d3', 'd2']);
    expect(await ids('hierarchy_status=pending_review')).toEqual(['d4']);
    expect(await ids('hierarchy_status=unlinked')).toEqual(['d5']);
    expect(await ids('service_type=MAIN')).toEqual(['d1']);
    expect(await ids('order_level=1&sort=business_category')).toEqual(['d2', 'd3']);
    // Unclassified orders (d5) sort before every category and level.
    expect(await ids('sort=business_category')).toEqual(['d5', 'd2', 'd4', 'd1', 'd3']);
    expect(await ids('sort=-order_level')).toEqual(['d3', 'd2', 'd4', 'd1', 'd5']);
    expect(await ids('sort=hierarchy_status')).toEqual(['d2', 'd3', 'd1', 'd4', 'd5']);
    expect((await api.get('/orders?hierarchy_status=orphan')).status).toBe(400);

    const sub = await api.get('/orders/d3');
    expect(sub.body).toMatchObject({
      business_category: 'Service Order', service_type: 'service', order_level: 1, classification_rule_id: 'R5', classification_version: 1,
      hierarchy_status: 'linked', main_order_id: 'd1', main_tracking_number: '50000001', relationship_type: 'service', relationship_level: 1,
      hierarchy_confidence: 0.85, hierarchy_linked_by: 'auto_sync',
    });
    expect((await api.get('/orders/d5')).body).toMatchObject({ hierarchy_status: 'unlinked', main_order_id: null, service_type: null });
  });
});

describe('read-model filters at scale', () => {
  // Only an index whose expression matches the condition can replace the scan refused here.
  async function indexUsed(filters: Parameters<typeof orderWhere>[0]): Promise<string> {
    const query = stack.database.db.select({ id: orderFacts.order_id }).from(orderFacts).where(orderWhere(filters)).toSQL();
    const client = await stack.database.pool.connect();
    try {
      await client.query('begin');
      await client.query('set local enable_seqscan = off');
      const plan = await client.query<{ 'QUERY PLAN': unknown }>(`explain (format json) ${query.sql}`, query.params);
      return JSON.stringify(plan.rows[0]?.['QUERY PLAN']);
    } finally {
      await client.query('rollback');
      client.release();
    }
  }

  it('the service type filter is served by its index (no scan of every order)', async () => {
    expect(await indexUsed({ serviceType: 'Exchange' })).toMatch(/"Index Name":"order_facts_service_type_idx"[^}]*"Index Cond"/);
  });

  it('the business category filter (any case) is served by its index', async () => {
    expect(await indexUsed({ businessCategory: 'real sales ORDER' })).toMatch(/"Index Name":"order_facts_business_category_lower_idx"[^}]*"Index Cond"/);
  });
});

describe('bad payloads', () => {
  const good = () => ({ batch_id: 'bad-1', cause: 'order-changed', orders: [classification(1, { service_type: 'main', revision: 9 })] });
  const goodFact = () => ({ batch_id: 'bad-2', cause: 'incremental', orders: [linkedTo(1, 2, { revision: 9 })] });

  it.each([
    ['order-classified', 'no batch id', { ...good(), batch_id: undefined }],
    ['order-classified', 'no orders', { ...good(), orders: [] }],
    ['order-classified', 'an unknown service type', { ...good(), orders: [classification(1, { service_type: 'gift' as never })] }],
    ['order-classified', 'a negative revision', { ...good(), orders: [classification(1, { revision: -1 })] }],
    ['order-classified', 'a bad date', { ...good(), orders: [classification(1, { state_at: 'yesterday' })] }],
    ['hierarchy-changed', 'pending_review from the hierarchy', { ...goodFact(), orders: [hierarchyFact(1, { hierarchy_status: 'pending_review' as never })] }],
    ['hierarchy-changed', 'a confidence above 1', { ...goodFact(), orders: [linkedTo(1, 2, { confidence: 1.5 })] }],
    ['hierarchy-changed', 'an unknown relationship type', { ...goodFact(), orders: [linkedTo(1, 2, { relationship_type: 'cousin' as never })] }],
    ['hierarchy-changed', 'an unknown cause', { ...goodFact(), cause: 'guess' }],
  ])('%s with %s fails for good, before the handler, and writes nothing', async (name, _what, data) => {
    await writeDeliveries(stack.database, [{ n: 1 }]);
    const before = await readModel(stack.database, 1);
    await expect(send.raw(name, data)).rejects.toThrow(/invalid_data|invalid sync/);
    const failed = await stack.queue.queue.getFailed();
    const job = failed.find((j) => j.name === name && JSON.stringify(j.data) === JSON.stringify(data));
    expect(job?.attemptsMade).toBe(1);
    expect(await readModel(stack.database, 1)).toEqual(before);
    expect(await count(stack.database, 'select count(*) n from sync.inbox')).toBe(0);
    expect(await count(stack.database, 'select count(*) n from sync.order_facts')).toBe(1);
  });
});
