import { fileURLToPath } from 'node:url';
import type { DetectionRun } from '@hvar/contracts';
import { spawnScript, waitFor, type ScriptProcess } from '@hvar/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrders } from './generate.js';
import { classified, expectAppError, phone, resetHierarchyTables, snapshot, startHierarchyStack, type HierarchyStack } from './harness.js';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const ORDERS = 20_000;
const CUSTOMERS = 6_000;
const CHUNK = 5;
let stack: HierarchyStack;
const children: ScriptProcess[] = [];

beforeAll(async () => {
  // No worker in this process: the real service (main.ts) runs as a child process.
  stack = await startHierarchyStack({ worker: false });
});
afterAll(async () => {
  for (const child of children) await child.kill();
  await stack?.close();
});

function startService(): ScriptProcess {
  const child = spawnScript(MAIN, {
    DATABASE_URL: stack.infra.env.databaseUrl,
    REDIS_URL: stack.infra.env.redisUrl,
    QUEUE_PREFIX: stack.infra.prefix,
    INTERNAL_PORT: '0',
    LOG_LEVEL: 'silent',
    HIERARCHY_DETECTION_CHUNK: String(CHUNK),
    HIERARCHY_LOCK_MS: '1500',
  });
  children.push(child);
  return child;
}

async function latestRun(): Promise<(DetectionRun & { facts_emitted: number }) | undefined> {
  const { rows } = await stack.database.pool.query('select *, id::text as id from hierarchy.detection_runs order by created_at desc limit 1');
  return rows[0] as never;
}

async function finished(): Promise<DetectionRun & { facts_emitted: number }> {
  return waitFor(async () => {
    const run = await latestRun();
    return run?.status === 'completed' || run?.status === 'failed' ? run : undefined;
  }, { timeoutMs: 60_000, intervalMs: 50, message: 'detection run finished' });
}

/** Every link (active or not) with everything the engine decided, and the facts emitted, as sorted text. */
async function outcome(): Promise<{ links: string[]; facts: string[] }> {
  const links = await stack.database.pool.query<{ t: string }>(
    `select concat_ws('|', sub_order_id, main_order_id, relationship_type, relationship_level, business_rule, confidence, array_to_string(confidence_reasons, ';'), active) as t
       from hierarchy.links order by 1`);
  const facts = await stack.facts();
  return {
    links: links.rows.map((r) => r.t),
    facts: facts.map((f) => `${f.order_id}|${f.hierarchy_status}|${f.main_order_id}|${f.relationship_level}|${f.confidence}|${f.cause}`).sort(),
  };
}

describe('detection runs', () => {
  it('a run killed with SIGKILL resumes from its cursor and ends equal to an uninterrupted run', async () => {
    await resetHierarchyTables(stack.database);
    await generateOrders(stack.database, { orders: ORDERS, customers: CUSTOMERS, seed: 0.17 });
    const first = startService();
    await stack.queue.add('detect', { requested_by: 'test' });
    await waitFor(async () => ((await latestRun())?.customers_done ?? 0) >= 300, { timeoutMs: 30_000, intervalMs: 5, message: 'detection under way' });
    expect(await first.kill()).toBe('SIGKILL');
    const killed = await latestRun();
    expect(killed?.status).toBe('running');
    expect(killed?.customers_done).toBeLessThan(killed?.customers_total ?? 0);

    startService();
    const resumed = await finished();
    expect(resumed.status).toBe('completed');
    expect(resumed.customers_done).toBe(resumed.customers_total);
    expect(resumed.orders_seen).toBe(ORDERS);
    const interrupted = await outcome();
    expect(resumed.links_created).toBe(interrupted.links.length);
    expect(resumed.facts_emitted).toBe(interrupted.facts.length);
    expect(interrupted.links.length).toBeGreaterThan(1_000);

    // The same detection again from no links, uninterrupted (the second service process runs it).
    await stack.database.pool.query('truncate hierarchy.links, hierarchy.locks, hierarchy.outbox, hierarchy.evaluations, hierarchy.detection_runs');
    await stack.queue.add('detect', { requested_by: 'test' });
    const uninterrupted = await finished();
    expect(uninterrupted.status).toBe('completed');
    expect(await outcome()).toEqual(interrupted);
  }, 120_000);
});

describe('detection commands', () => {
  let local: HierarchyStack;
  beforeAll(async () => {
    local = await startHierarchyStack({ detectionChunk: 2 });
  });
  afterAll(async () => {
    await local.close();
  });

  it('a customer run (any phone spelling) touches only that customer; a second run of the same result changes nothing', async () => {
    await resetHierarchyTables(local.database);
    await local.send([classified({ id: 'a1', day: 0 }), classified({ id: 'a2', type: 'service', day: 2 }), classified({ id: 'b1', day: 0, phone: phone(2) })]);
    // Break customer 1's link behind the engine's back: a detection of customer 1 repairs it.
    await local.database.pool.query(`update hierarchy.links set active = false, deactivation_reason = 'test' where sub_order_id = 'a2'`);
    const run = await local.detect('0 100 000 0001');
    expect(run).toMatchObject({ status: 'completed', links_created: 1, links_deactivated: 0 });
    const { rows } = await local.database.pool.query('select scope, phone, customers_total, customers_done from hierarchy.detection_runs where id = $1', [run.id]);
    expect(rows[0]).toEqual({ scope: 'customer', phone: phone(1), customers_total: 1, customers_done: 1 });
    const facts = (await local.facts()).filter((f) => f.cause === 'detection');
    expect(facts.map((f) => f.order_id)).toEqual(['a2']);
    const again = await local.detect();
    expect(again).toMatchObject({ status: 'completed', links_created: 0, links_deactivated: 0 });
  });

  it('refuses a malformed phone (400) and a phone without orders (404), creating no run', async () => {
    const before = await snapshot(local.database);
    expect(expectAppError(await local.run('detect', { phone: '12345', requested_by: 't' })).type).toBe('invalid_data');
    expect(expectAppError(await local.run('detect', { phone: '01099999999', requested_by: 't' })).type).toBe('not_found');
    expect(expectAppError(await local.runRaw('detect', { phone: 12, requested_by: 't' })).type).toBe('invalid_data');
    expect(expectAppError(await local.runRaw('execute-detection', { run_id: 'not-a-uuid' })).type).toBe('invalid_data');
    expect(await snapshot(local.database)).toEqual(before);
  });

  it('an unknown run id fails for good without writing anything', async () => {
    const before = await snapshot(local.database);
    const error = expectAppError(await local.run('execute-detection', { run_id: '00000000-0000-4000-8000-000000000000' }));
    expect(error.type).toBe('not_found');
    expect(await snapshot(local.database)).toEqual(before);
  });
});
