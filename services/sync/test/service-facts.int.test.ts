import { SERVICE_FACTS_MAX_BATCH, syncQueue, type ServiceFactsBatch } from '@hvar/contracts';
import { createQueueEvents } from '@hvar/platform';
import type { QueueEvents } from 'bullmq';
import { eq } from 'drizzle-orm';
import type { PoolClient } from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { customerFacts, orderFacts, orders } from '../src/db/schema.js';
import { orderWhere } from '../src/read/order-filters.js';
import { count, resetSyncTables } from './harness.js';
import { webhookState, writeDeliveries } from './read-model-facts.js';
import { startReadApi, type ReadApiHarness } from './read-fixtures.js';
import { startSyncStack, type SyncStack } from './sync-stack.js';

type OrderFact = ServiceFactsBatch['orders'][number];
type CustomerFact = ServiceFactsBatch['customers'][number];

let stack: SyncStack;
let events: QueueEvents;
let api: ReadApiHarness;

beforeAll(async () => {
  stack = await startSyncStack({ deliveries: 1 });
  events = createQueueEvents(syncQueue, { connection: stack.infra.workerRedis, prefix: stack.infra.prefix });
  api = await startReadApi();
}, 60_000);
afterAll(async () => {
  await api?.close();
  await events?.close();
  await stack?.close();
});
beforeEach(async () => {
  await resetSyncTables(stack.database);
});

// The deliveries of `writeDeliveries` (`d<n>`) all go to this phone (see `rawDelivery`).
const PHONE = '+201001234567';
const OTHER = '+201112223334';

const order = (n: number, over: Partial<OrderFact> = {}): OrderFact => ({ order_id: `d${n}`, actions_count: 1, service_status: 'requested', revision: 1, ...over });
const segment = (phone: string, over: Partial<CustomerFact> = {}): CustomerFact => ({ phone, segment: 'vip', revision: 1, ...over });

/** Sends a `service-facts` batch through the real queue and worker and waits for it. */
async function send(batchId: string, facts: { customers?: CustomerFact[]; orders?: OrderFact[] }): Promise<void> {
  const job = await stack.queue.add('service-facts', { batch_id: batchId, customers: facts.customers ?? [], orders: facts.orders ?? [] });
  await job.waitUntilFinished(events, 10_000);
}

/** The service columns of `d<n>`'s read model. */
async function serviceModel(n: number): Promise<Record<string, unknown> | undefined> {
  const res = await stack.database.pool.query(
    'select service_actions_count, has_service_actions, service_status, service_revision::int from sync.order_facts where order_id = $1', [`d${n}`]);
  return res.rows[0] as Record<string, unknown> | undefined;
}

/** The stored segment of a phone. */
async function segmentOf(phone: string): Promise<Record<string, unknown> | undefined> {
  const res = await stack.database.pool.query('select segment, revision::int from sync.customer_facts where phone = $1', [phone]);
  return res.rows[0] as Record<string, unknown> | undefined;
}

const inboxResult = async (batchId: string): Promise<unknown> =>
  (await stack.database.pool.query<{ result: unknown }>('select result from sync.inbox where message_id = $1', [batchId])).rows[0]?.result;

describe('service-facts', () => {
  it('writes order summaries and customer segments once; a redelivered batch changes nothing', async () => {
    await writeDeliveries(stack.database, [{ n: 1 }, { n: 2 }]);
    await send('s-1', { customers: [segment(PHONE, { revision: 4 })], orders: [order(1, { actions_count: 2, service_status: 'hub_confirmed', revision: 4 }), order(2, { revision: 4 })] });
    expect(await serviceModel(1)).toEqual({ service_actions_count: 2, has_service_actions: true, service_status: 'hub_confirmed', service_revision: 4 });
    expect(await serviceModel(2)).toMatchObject({ service_actions_count: 1, service_status: 'requested' });
    expect(await segmentOf(PHONE)).toEqual({ segment: 'vip', revision: 4 });
    expect(await inboxResult('s-1')).toEqual({ received: 3, applied: 3, stale: 0 });
    // Same batch id again, even with other content: the inbox answers, nothing is written.
    await send('s-1', { customers: [segment(PHONE, { segment: 'problematic', revision: 9 })], orders: [order(1, { service_status: 'completed', revision: 9 })] });
    expect(await serviceModel(1)).toMatchObject({ service_status: 'hub_confirmed', service_revision: 4 });
    expect(await segmentOf(PHONE)).toEqual({ segment: 'vip', revision: 4 });
    expect(await count(stack.database, 'select count(*) n from sync.inbox')).toBe(1);
  });

  it('a late older batch changes nothing; in one batch the newest fact of a key wins', async () => {
    await writeDeliveries(stack.database, [{ n: 1 }]);
    await send('s-2', { customers: [segment(PHONE, { segment: 'problematic', revision: 6 })], orders: [order(1, { service_status: 'in_progress', revision: 6 })] });
    // Emitted before s-2, delivered after it.
    await send('s-1', { customers: [segment(PHONE, { segment: 'regular', revision: 5 })], orders: [order(1, { service_status: 'requested', revision: 5 })] });
    expect(await serviceModel(1)).toMatchObject({ service_status: 'in_progress', service_revision: 6 });
    expect(await segmentOf(PHONE)).toEqual({ segment: 'problematic', revision: 6 });
    expect(await inboxResult('s-1')).toEqual({ received: 2, applied: 0, stale: 2 });
    // The same revision again under another batch id (a re-emission) is not newer either.
    await send('s-2b', { orders: [order(1, { service_status: 'cancelled', revision: 6 })] });
    expect(await serviceModel(1)).toMatchObject({ service_status: 'in_progress' });
    await send('s-3', {
      customers: [segment(PHONE, { segment: 'new', revision: 7 }), segment(PHONE, { segment: 'vip', revision: 8 })],
      orders: [order(1, { service_status: 'completed', revision: 8 }), order(1, { service_status: 'rejected', revision: 7 })],
    });
    expect(await serviceModel(1)).toMatchObject({ service_status: 'completed', service_revision: 8 });
    expect(await segmentOf(PHONE)).toEqual({ segment: 'vip', revision: 8 });
    expect(await inboxResult('s-3')).toEqual({ received: 4, applied: 2, stale: 0 });
  });

  it('an order whose actions are gone is cleared by its zero fact', async () => {
    await writeDeliveries(stack.database, [{ n: 1 }]);
    await send('s-1', { orders: [order(1, { revision: 1 })] });
    await send('s-2', { orders: [order(1, { actions_count: 0, service_status: null, revision: 2 })] });
    expect(await serviceModel(1)).toEqual({ service_actions_count: 0, has_service_actions: false, service_status: null, service_revision: 2 });
  });

  it('keeps facts of an order sync does not have yet; its first write and later state changes leave them alone', async () => {
    await send('s-1', { orders: [order(7, { service_status: 'return_ordered', revision: 3 })] });
    expect(await serviceModel(7)).toMatchObject({ service_status: 'return_ordered', service_revision: 3 });
    expect((await api.get('/orders/d7')).status).toBe(404);
    await writeDeliveries(stack.database, [{ n: 7, state: 41, stateAt: '2025-08-15T10:00:00.000Z' }]);
    expect(await webhookState(stack.database, 7, 45, '2025-08-16T10:00:00.000Z')).toBe('applied');
    expect(await serviceModel(7)).toEqual({ service_actions_count: 1, has_service_actions: true, service_status: 'return_ordered', service_revision: 3 });
    expect((await api.get('/orders/d7')).body).toMatchObject({ id: 'd7', has_service_actions: true, service_status: 'return_ordered', hierarchy_status: 'pending_review' });
  });

  it("a segment is stored once per phone and shows on every order of the phone, until a newer one", async () => {
    await writeDeliveries(stack.database, [{ n: 1 }, { n: 2 }]);
    await send('s-1', { customers: [segment(PHONE, { revision: 1 }), segment(OTHER, { segment: 'problematic', revision: 1 })] });
    expect(await count(stack.database, 'select count(*) n from sync.customer_facts')).toBe(2);
    const ids = async (q: string) => ((await api.get(`/orders?${q}`)).body.items as { id: string }[]).map((o) => o.id).sort();
    expect(await ids('customer_segment=vip')).toEqual(['d1', 'd2']);
    expect(await ids('customer_segment=problematic')).toEqual([]);
    await send('s-2', { customers: [segment(PHONE, { segment: 'regular', revision: 2 })] });
    expect(await ids('customer_segment=vip')).toEqual([]);
    expect(await ids('customer_segment=regular')).toEqual(['d1', 'd2']);
    expect((await api.get('/orders/d2')).body).toMatchObject({ customer_segment: 'regular', has_service_actions: false, service_actions_count: 0 });
  });
});

describe('service filters at scale', () => {
  // With sequential scans refused, only an index whose condition matches the filter can serve it.
  // `setup` runs in the same transaction (rolled back), before the plan is made.
  async function plan(filters: Parameters<typeof orderWhere>[0], setup?: (client: PoolClient) => Promise<void>): Promise<string> {
    const query = stack.database.db.select({ id: orders.id }).from(orders).innerJoin(orderFacts, eq(orderFacts.order_id, orders.id)).where(orderWhere(filters)).toSQL();
    const client = await stack.database.pool.connect();
    try {
      await client.query('begin');
      await setup?.(client);
      await client.query('set local enable_seqscan = off');
      const res = await client.query<{ 'QUERY PLAN': unknown }>(`explain (format json) ${query.sql}`, query.params);
      return JSON.stringify(res.rows[0]?.['QUERY PLAN']);
    } finally {
      await client.query('rollback');
      client.release();
    }
  }
  const indexCond = (name: string) => new RegExp(`"Index Name":"${name}"[^}]*"Index Cond"`);

  it('has_service_actions=true and service_status (one or a list) are served by the partial index', async () => {
    expect(await plan({ hasServiceActions: true })).toMatch(/"Index Name":"order_facts_service_status_idx"/);
    expect(await plan({ serviceStatuses: ['hub_confirmed'] })).toMatch(indexCond('order_facts_service_status_idx'));
    expect(await plan({ serviceStatuses: ['requested', 'return_ordered'] })).toMatch(indexCond('order_facts_service_status_idx'));
  });

  // Realistic proportions (20,000 orders of 5,000 customers, 5 of them VIP), with statistics: on a
  // near-empty table any plan is as cheap as another.
  async function book(client: PoolClient): Promise<void> {
    await client.query(`
      insert into sync.orders (id, tracking_number, state_code, state_at, type_code, cod_piastres, receiver_phone, created_at, updated_at, raw)
      select 'p' || g, (70000000 + g)::text, 45, now(), 10, 10000, '+2010' || lpad((g % 5000)::text, 8, '0'), now(), now(), '{}'::json
        from generate_series(1, 20000) g`);
    await client.query(`insert into sync.order_facts (order_id) select 'p' || g from generate_series(1, 20000) g`);
    await client.query(`
      insert into sync.customer_facts (phone, segment, revision)
      select '+2010' || lpad(g::text, 8, '0'), case when g <= 5 then 'vip' else 'regular' end, 1 from generate_series(0, 4999) g`);
    await client.query('analyze sync.orders, sync.order_facts, sync.customer_facts');
  }

  it('customer_segment reads the phones of the segment, then their orders by phone', async () => {
    const segmentPlan = await plan({ customerSegment: 'vip' }, book);
    expect(segmentPlan).toMatch(indexCond('customer_facts_segment_idx'));
    expect(segmentPlan).toMatch(indexCond('orders_phone_idx'));
  });
});

describe('bad payloads', () => {
  const good = () => ({ batch_id: 'bad-1', customers: [segment(PHONE, { revision: 9 })], orders: [order(1, { revision: 9 })] });

  it.each([
    ['no batch id', { ...good(), batch_id: undefined }],
    ['no facts at all', { ...good(), customers: [], orders: [] }],
    ['an unknown status', { ...good(), orders: [order(1, { service_status: 'lost' as never })] }],
    ['an unknown segment', { ...good(), customers: [segment(PHONE, { segment: 'gold' as never })] }],
    ['a phone not in E.164', { ...good(), customers: [segment('01001234567')] }],
    ['a negative revision', { ...good(), orders: [order(1, { revision: -1 })] }],
    ['a negative actions count', { ...good(), orders: [order(1, { actions_count: -1 })] }],
    ['an empty order id', { ...good(), orders: [order(1, { order_id: '' })] }],
    [`more than ${SERVICE_FACTS_MAX_BATCH} orders`, { ...good(), orders: Array.from({ length: SERVICE_FACTS_MAX_BATCH + 1 }, (_, i) => order(i)) }],
  ])('%s fails for good, before the handler, and writes nothing', async (_what, data) => {
    await writeDeliveries(stack.database, [{ n: 1 }]);
    const before = await serviceModel(1);
    const job = await stack.queue.queue.add('service-facts', data);
    await expect(job.waitUntilFinished(events, 10_000)).rejects.toThrow(/invalid_data|invalid sync/);
    const failed = (await stack.queue.queue.getFailed()).find((j) => j.id === job.id);
    expect(failed?.attemptsMade).toBe(1);
    expect(await serviceModel(1)).toEqual(before);
    expect(await count(stack.database, 'select count(*) n from sync.inbox')).toBe(0);
    expect(await count(stack.database, 'select count(*) n from sync.order_facts')).toBe(1);
    expect(await stack.database.db.select().from(customerFacts)).toEqual([]);
  });
});
