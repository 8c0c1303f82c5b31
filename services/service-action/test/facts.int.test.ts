import { randomUUID } from 'node:crypto';
import { SERVICE_FACTS_MAX_BATCH, ServiceFactsBatchSchema, syncQueue, type ServiceFactsBatch } from '@hvar/contracts';
import { clientTx, inSqlTransaction, type Database, type SqlTx } from '@hvar/platform';
import { waitFor } from '@hvar/platform/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emitServiceFacts } from '../src/facts/emit-facts.js';
import { openServiceActionDb, phone, resetTables, snapshot, T0 } from './harness.js';

let database: Database;

beforeAll(async () => {
  database = await openServiceActionDb();
});
afterAll(async () => {
  await database?.close();
});
beforeEach(async () => {
  await resetTables(database);
});

const HOUR = 3_600_000;
let caseSeq = 0;

/** Inserts customer `n` with a segment. */
async function customer(n: number, segment: string): Promise<void> {
  await database.pool.query(`insert into service_action.customers (phone, segment, created_by) values ($1, $2, 'test')`, [phone(n), segment]);
}

interface ActionSpec {
  status: string;
  hour: number;
  main?: string;
  sub?: string;
  source?: string;
}

/** Inserts an action row (on `tx` when given, else on the pool). */
async function action(spec: ActionSpec, tx?: SqlTx): Promise<string> {
  const id = randomUUID();
  const params = [
    id, `SA-2026-${String(++caseSeq).padStart(6, '0')}`, phone(1), spec.status, spec.main ?? null, spec.sub ?? null, spec.source ?? null,
    new Date(T0 + spec.hour * HOUR).toISOString(),
  ];
  const text = `insert into service_action.actions (action_id, case_number, phone, action_type, status, service_reason, main_order_id, sub_order_id, source_order_id, created_by, created_at)
                values ($1, $2, $3, 'maintenance', $4, 'broken', $5, $6, $7, 'test', $8)`;
  if (tx) await tx.query(text, params);
  else await database.pool.query(text, params);
  return id;
}

/** `service-facts` messages in the outbox, oldest first. */
async function messages(): Promise<{ id: string; queue: string; payload: ServiceFactsBatch }[]> {
  const { rows } = await database.pool.query<{ id: string; queue: string; payload: ServiceFactsBatch }>(
    `select id, queue, payload from service_action.outbox where job_name = 'service-facts' order by created_at, id`,
  );
  return rows;
}

const emit = (scope: Parameters<typeof emitServiceFacts>[1]) => inSqlTransaction(database.pool, (tx) => emitServiceFacts(tx, scope));

describe('emitServiceFacts', () => {
  it('writes the segments and action summaries of exactly the given phones and orders, one revision, one message per consumer', async () => {
    await customer(1, 'vip');
    await customer(2, 'problematic');
    await customer(3, 'regular');
    await action({ status: 'completed', hour: 1, main: 'm1' });
    await action({ status: 'return_ordered', hour: 5, main: 'm1', sub: 's1' });
    await action({ status: 'requested', hour: 3, main: 'm1' });
    await action({ status: 'in_progress', hour: 2, source: 'x1' });

    await emit({ phones: [phone(1), phone(2), phone(9)], orderIds: ['m1', 's1', 'none', 'm1'] });

    const out = await messages();
    expect(out).toHaveLength(1);
    const [msg] = out;
    expect(msg?.queue).toBe(syncQueue.name);
    expect(msg?.payload.batch_id).toBe(msg?.id);
    const batch = ServiceFactsBatchSchema.parse(msg?.payload);
    const revision = batch.orders[0]?.revision ?? -1;
    expect(revision).toBeGreaterThan(0);
    // phone(3) and order x1 were not asked for; phone(9) is not a customer.
    expect(batch.customers).toEqual([
      { phone: phone(1), segment: 'vip', revision },
      { phone: phone(2), segment: 'problematic', revision },
    ]);
    // The most recent action (by creation) gives the status, whatever the insertion order.
    expect(batch.orders).toEqual([
      { order_id: 'm1', actions_count: 3, service_status: 'return_ordered', revision },
      { order_id: 'none', actions_count: 0, service_status: null, revision },
      { order_id: 's1', actions_count: 1, service_status: 'return_ordered', revision },
    ]);
  });

  it('counts an action once when it names the order twice (source and sub), and takes a larger revision each time', async () => {
    await action({ status: 'requested', hour: 1, sub: 'o1', source: 'o1' });
    await emit({ orderIds: ['o1'] });
    await action({ status: 'cancelled', hour: 2, main: 'o1' });
    await emit({ orderIds: ['o1'] });
    const [first, second] = (await messages()).map((m) => m.payload.orders[0]);
    expect(first).toMatchObject({ order_id: 'o1', actions_count: 1, service_status: 'requested' });
    expect(second).toMatchObject({ order_id: 'o1', actions_count: 2, service_status: 'cancelled' });
    expect(second?.revision).toBeGreaterThan(first?.revision ?? Infinity);
  });

  it('nothing to emit: no message (empty scope, unknown phones only)', async () => {
    await customer(1, 'new');
    await emit({});
    await emit({ phones: [], orderIds: [] });
    await emit({ phones: [phone(7), phone(8)] });
    expect(await messages()).toEqual([]);
  });

  it(`splits into batches of at most ${SERVICE_FACTS_MAX_BATCH} customers and orders, all under one revision`, async () => {
    const orderIds = Array.from({ length: SERVICE_FACTS_MAX_BATCH + 500 }, (_, i) => `o${String(i).padStart(5, '0')}`);
    await action({ status: 'hub_confirmed', hour: 1, main: 'o00007' });
    await customer(1, 'vip');
    await emit({ phones: [phone(1)], orderIds });
    const out = await messages();
    expect(out).toHaveLength(2);
    const batches = out.map((m) => ServiceFactsBatchSchema.parse(m.payload));
    for (const b of batches) expect(b.orders.length).toBeLessThanOrEqual(SERVICE_FACTS_MAX_BATCH);
    const all = batches.flatMap((b) => b.orders);
    expect(all.map((o) => o.order_id).sort()).toEqual(orderIds);
    expect(new Set(all.map((o) => o.revision)).size).toBe(1);
    expect(all.find((o) => o.order_id === 'o00007')).toMatchObject({ actions_count: 1, service_status: 'hub_confirmed' });
    expect(batches.flatMap((b) => b.customers)).toEqual([{ phone: phone(1), segment: 'vip', revision: all[0]?.revision }]);
    expect(new Set(out.map((m) => m.payload.batch_id)).size).toBe(2);
  });

  it('a stored value the contract refuses fails the transaction and writes nothing', async () => {
    await customer(1, 'gold');
    await action({ status: 'shipped_somewhere', hour: 1, main: 'o1' });
    const before = await snapshot(database);
    await expect(emit({ phones: [phone(1)] })).rejects.toThrow(/segment/);
    await expect(emit({ orderIds: ['o1'] })).rejects.toThrow(/service_status/);
    expect(await snapshot(database)).toEqual(before);
    expect(await messages()).toEqual([]);
  });

  it('a concurrent emission of the same order waits for the first to commit, so the larger revision sees both actions', async () => {
    const client = await database.pool.connect();
    let second: Promise<void> | undefined;
    try {
      await client.query('begin');
      const first = clientTx(client);
      await action({ status: 'requested', hour: 1, main: 'o1' }, first);
      await emitServiceFacts(first, { orderIds: ['o1'] });
      // Another transaction adds an action to the same order and emits while the first is open.
      second = inSqlTransaction(database.pool, async (tx) => {
        await action({ status: 'return_ordered', hour: 2, main: 'o1' }, tx);
        await emitServiceFacts(tx, { orderIds: ['o1'] });
      });
      await waitFor(async () => {
        const { rows } = await database.pool.query<{ n: number }>(
          `select count(*)::int n from pg_stat_activity where datname = current_database() and wait_event = 'advisory'`);
        return rows[0]?.n;
      }, { message: 'the second emission waiting for the first' });
      await client.query('commit');
      await second;
    } finally {
      await client.query('rollback').catch(() => undefined);
      client.release();
    }
    const facts = (await messages()).map((m) => m.payload.orders[0]).sort((a, b) => (a?.revision ?? 0) - (b?.revision ?? 0));
    expect(facts.map((f) => f?.actions_count)).toEqual([1, 2]);
    expect(facts[1]).toMatchObject({ service_status: 'return_ordered' });
  });
});
