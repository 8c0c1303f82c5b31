import { OrderClassifiedBatchSchema, hierarchyQueue, orderClassifiedConsumers, type RuleSetInput } from '@hvar/contracts';
import { AppError, type Database } from '@hvar/platform';
import { waitFor } from '@hvar/platform/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reclassifyChunk, startRun } from '../src/db/reclassify.write.js';
import { DEFAULT_RULE_SET } from '../src/domain/default-rule-set.js';
import { createRuleEngine } from '../src/domain/rule-engine.js';
import { classifyBatch } from '../src/handlers/order-changed.handler.js';
import { publishRules } from '../src/handlers/publish-rules.handler.js';
import { reclassifyAll } from '../src/handlers/reclassify-all.handler.js';
import { batchId, count, openClassifierDb, orderChange, outboxRows, resetClassifier, startQueueStack, testDeps } from './harness.js';

const ORDERS = 25;
const CHUNK = 4;
let database: Database;
let deps: ReturnType<typeof testDeps>;

beforeAll(async () => {
  database = await openClassifierDb();
});
beforeEach(async () => {
  await resetClassifier(database);
  deps = testDeps(database, { reclassifyChunk: CHUNK });
  // Delivered orders with COD 0, 100, ..., 2400 EGP (v1: R3, R2 up to 500, R1 above).
  const orders = Array.from({ length: ORDERS }, (_, i) => orderChange({ order_id: `rc${String(i).padStart(3, '0')}`, cod_piastres: i * 100_00 }));
  await classifyBatch(deps, { batch_id: batchId(), source: 'backfill', orders });
});
afterAll(async () => {
  await database.close();
});

const withThreshold = (threshold: number): RuleSetInput => ({ ...DEFAULT_RULE_SET, parameters: { main_cod_threshold: threshold } });

async function publish(threshold: number, id: string): Promise<string> {
  const set = await publishRules(deps, { rule_set: withThreshold(threshold), published_by: 'admin@hvar' }, id);
  if (!set.reclassify_run_id) throw new Error('no run');
  return set.reclassify_run_id;
}

async function rows(): Promise<{ order_id: string; rule_id: string; rule_set_version: number; revision: string; type_code: number; state_code: number; cod_piastres: string }[]> {
  return (await database.pool.query('select order_id, rule_id, rule_set_version, revision, type_code, state_code, cod_piastres from classifier.classifications order by order_id')).rows as never;
}

async function run(id: string) {
  return (await database.pool.query('select status, cursor, orders_total, orders_done, orders_changed, chunks_done, last_error from classifier.reclassify_runs where id = $1', [id])).rows[0] as Record<string, unknown>;
}

async function reclassifyMessages() {
  return (await outboxRows(database, 'order-classified')).map((r) => ({ queue: r.queue, ...OrderClassifiedBatchSchema.parse(r.payload) })).filter((b) => b.cause === 'reclassify');
}

/** Every stored classification equals what the rule set gives for the stored facts. */
async function expectClassifiedBy(version: number, input: RuleSetInput): Promise<void> {
  const engine = createRuleEngine(version, input);
  for (const r of await rows()) {
    expect({ id: r.order_id, rule: r.rule_id, version: r.rule_set_version }).toEqual({
      id: r.order_id, rule: engine.classify({ type_code: r.type_code, state_code: r.state_code, cod_piastres: Number(r.cod_piastres) })?.rule_id, version,
    });
  }
}

describe('reclassify-all', () => {
  it('resumes after an interruption from the last committed chunk and ends as an uninterrupted run would', async () => {
    const before = new Map((await rows()).map((r) => [r.order_id, r]));
    const runId = await publish(1000, 'cmd-1');
    expect(await startRun(database, runId)).toMatchObject({ id: runId, rule_set_version: 2 });
    expect(await reclassifyChunk(database, deps.engines, runId, CHUNK)).toEqual({ next: 'more', orders: 4, changed: 0 });
    expect(await reclassifyChunk(database, deps.engines, runId, CHUNK)).toEqual({ next: 'more', orders: 4, changed: 2 });
    // "Killed" here: the two committed chunks are visible as progress, the rest untouched.
    expect(await run(runId)).toMatchObject({ status: 'running', cursor: 'rc007', orders_total: ORDERS, orders_done: 8, orders_changed: 2, chunks_done: 2 });
    expect(await count(database, 'select count(*) as n from classifier.classifications where rule_set_version = 2')).toBe(8);

    await reclassifyAll(deps, runId, { finalAttempt: false });
    expect(await run(runId)).toMatchObject({ status: 'completed', cursor: 'rc024', orders_done: ORDERS, orders_changed: 5, chunks_done: 7, last_error: null });
    await expectClassifiedBy(2, withThreshold(1000));

    // COD 600..1000 EGP moved from R1 to R2: history, a new revision and one announcement each; the rest only took the version.
    const changed = ['rc006', 'rc007', 'rc008', 'rc009', 'rc010'];
    for (const r of await rows()) {
      const old = Number(before.get(r.order_id)?.revision);
      if (changed.includes(r.order_id)) expect(Number(r.revision)).toBeGreaterThan(old);
      else expect(Number(r.revision)).toBe(old);
    }
    const history = await database.pool.query("select order_id, from_rule_id, to_rule_id, from_rule_set_version, to_rule_set_version from classifier.classification_history where cause = 'reclassify' order by order_id");
    expect(history.rows).toEqual(changed.map((order_id) => ({ order_id, from_rule_id: 'R1', to_rule_id: 'R2', from_rule_set_version: 1, to_rule_set_version: 2 })));
    const batches = await reclassifyMessages();
    const consumers = orderClassifiedConsumers.map((q) => q.name);
    expect(batches.map((b) => b.queue).sort()).toEqual([...consumers, ...consumers].sort());
    for (const queue of consumers) {
      const facts = batches.filter((b) => b.queue === queue).flatMap((b) => b.orders);
      expect(facts.map((f) => f.order_id).sort()).toEqual(changed);
      for (const f of facts) expect(f).toMatchObject({ service_type: 'maintenance', rule_id: 'R2', rule_set_version: 2, changed: true, state_changed: false, previous_service_type: 'main' });
    }

    // Running the finished run again (a redelivered job) does nothing.
    const messages = (await outboxRows(database)).length;
    await reclassifyAll(deps, runId, { finalAttempt: false });
    expect((await outboxRows(database)).length).toBe(messages);
  });

  it('classifies orders that change during a run with the new version, before and after the cursor', async () => {
    const runId = await publish(1000, 'cmd-2');
    await startRun(database, runId);
    await reclassifyChunk(database, deps.engines, runId, CHUNK);
    const early = orderChange({ order_id: 'rc001', cod_piastres: 800_00, state_at: '2026-01-11T00:00:00.000Z' });
    const late = orderChange({ order_id: 'rc020', cod_piastres: 900_00, state_at: '2026-01-11T00:00:00.000Z' });
    expect((await classifyBatch(deps, { batch_id: batchId(), source: 'webhook', orders: [early, late] })).result.rule_set_version).toBe(2);
    await reclassifyAll(deps, runId, { finalAttempt: false });
    await expectClassifiedBy(2, withThreshold(1000));
    expect((await rows()).filter((r) => ['rc001', 'rc020'].includes(r.order_id)).map((r) => r.rule_id)).toEqual(['R2', 'R2']);
  });

  it('stops a run superseded by a newer publication; the newer run classifies everything', async () => {
    const first = await publish(1000, 'cmd-a');
    await startRun(database, first);
    await reclassifyChunk(database, deps.engines, first, CHUNK);
    const second = await publish(300, 'cmd-b');
    expect(await run(first)).toMatchObject({ status: 'superseded', orders_done: 4 });
    expect(await reclassifyChunk(database, deps.engines, first, CHUNK)).toEqual({ next: 'stopped', orders: 0, changed: 0 });
    await reclassifyAll(deps, first, { finalAttempt: false });
    expect(await run(first)).toMatchObject({ status: 'superseded', orders_done: 4 });

    await reclassifyAll(deps, second, { finalAttempt: false });
    expect(await run(second)).toMatchObject({ status: 'completed', orders_done: ORDERS });
    await expectClassifiedBy(3, withThreshold(300));
  });

  it('records an error on the run, marks it failed on the final attempt; an unknown run is not_found', async () => {
    const res = await database.pool.query("insert into classifier.reclassify_runs (rule_set_version) values (99) returning id");
    const runId = (res.rows[0] as { id: string }).id;
    await expect(reclassifyAll(deps, runId, { finalAttempt: false })).rejects.toThrow(/rule set v99 does not exist/);
    expect(await run(runId)).toMatchObject({ status: 'running', last_error: 'rule set v99 does not exist' });
    await expect(reclassifyAll(deps, runId, { finalAttempt: true })).rejects.toThrow(/v99/);
    expect(await run(runId)).toMatchObject({ status: 'failed', orders_done: 0 });
    expect(await count(database, 'select count(*) as n from classifier.classifications where rule_set_version <> 1')).toBe(0);

    const unknown = await reclassifyAll(deps, '00000000-0000-4000-8000-000000000000', { finalAttempt: false }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(AppError);
    expect((unknown as AppError).type).toBe('not_found');
  });
});

describe('reclassify-all through BullMQ', () => {
  it('a run id that is not a uuid fails for good and changes nothing', async () => {
    const stack = await startQueueStack(database);
    try {
      const job = await stack.classifier.queue.add('reclassify-all', { run_id: 'not-a-uuid' });
      const failed = await waitFor(async () => ((await job.isFailed()) ? await stack.classifier.queue.getJob(job.id ?? '') : undefined), { message: 'job failed' });
      expect(failed.failedReason).toMatch(/invalid_data.*run_id/);
      expect(failed.attemptsMade).toBe(1);
      expect(await count(database, 'select count(*) as n from classifier.classifications where rule_set_version <> 1')).toBe(0);
    } finally {
      await stack.close();
    }
  });

  it('a publication re-classifies every order in chunks and announces only the changed ones', async () => {
    const stack = await startQueueStack(database, { reclassifyChunk: CHUNK });
    try {
      const job = await stack.classifier.add('publish-rules', { rule_set: withThreshold(1500), published_by: 'admin@hvar' });
      const set = (await job.waitUntilFinished(stack.events, 10_000)) as { reclassify_run_id: string };
      await waitFor(async () => (await run(set.reclassify_run_id)).status === 'completed', { message: 'run completed' });
      expect(await run(set.reclassify_run_id)).toMatchObject({ orders_done: ORDERS, orders_changed: 10, chunks_done: 7 });
      await expectClassifiedBy(2, withThreshold(1500));
      const hierarchy = stack.producers.get(hierarchyQueue.name)?.queue;
      const announced = await waitFor(async () => {
        const jobs = (await hierarchy?.getJobs(['waiting'])) ?? [];
        const orders = jobs.map((j) => OrderClassifiedBatchSchema.parse(j.data)).filter((b) => b.cause === 'reclassify').flatMap((b) => b.orders);
        return orders.length === 10 ? orders : undefined;
      }, { message: '10 re-classified orders announced to the hierarchy' });
      expect(announced.map((o) => o.order_id).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `rc${String(i + 6).padStart(3, '0')}`));
    } finally {
      await stack.close();
    }
  });
});
