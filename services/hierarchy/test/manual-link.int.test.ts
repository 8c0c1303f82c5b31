import type { HierarchyLink } from '@hvar/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classified, expectAppError, phone, resetHierarchyTables, snapshot, startHierarchyStack, trackingOf, type HierarchyStack } from './harness.js';

let stack: HierarchyStack;

beforeAll(async () => {
  stack = await startHierarchyStack();
});
afterAll(async () => {
  await stack.close();
});
beforeEach(async () => {
  await resetHierarchyTables(stack.database);
  // Customer 1: two mains, a maintenance sub (auto-linked to m2), a service sub; customer 2: one main.
  await stack.send([
    classified({ id: 'm1', day: 0 }),
    classified({ id: 'm2', day: 40 }),
    classified({ id: 's1', type: 'maintenance', day: 45, cod: 200_00 }),
    classified({ id: 's2', type: 'service', day: 50 }),
    classified({ id: 'other', day: 1, phone: phone(2) }),
  ]);
});

const link = (over: Record<string, unknown> = {}) =>
  stack.run('link', { main_order_id: 'm1', sub_order_id: 's1', relationship_reason: 'customer said so', linked_by: 'manual', requested_by: 'agent@x', ...over });

async function active(subId: string) {
  const { rows } = await stack.database.pool.query<{ main_order_id: string; linked_by: string; locked: boolean }>(
    'select main_order_id, linked_by, locked from hierarchy.links where active and sub_order_id = $1', [subId]);
  return rows[0];
}

/** Sends `fn`'s command, expects the error type, and that nothing at all was written. */
async function rejected(fn: () => ReturnType<typeof link>, type: string, message: RegExp): Promise<void> {
  const before = await snapshot(stack.database);
  const error = expectAppError(await fn());
  expect(error.type).toBe(type);
  expect(error.message).toMatch(message);
  expect(await snapshot(stack.database)).toEqual(before);
}

describe('link', () => {
  it('replaces the automatic link, locks the sub, and emits its facts with cause manual', async () => {
    expect(await active('s1')).toMatchObject({ main_order_id: 'm2', linked_by: 'auto_sync' });
    const outcome = await link();
    expect(outcome.ok).toBe(true);
    const made = (outcome as { result: HierarchyLink }).result;
    expect(made).toMatchObject({
      main_order_id: 'm1', main_tracking_number: trackingOf('m1'), sub_order_id: 's1', customer_phone: phone(1), relationship_type: 'maintenance',
      relationship_level: 1, business_rule: 'manual_link', confidence: 1, linked_by: 'manual', locked: true, active: true,
      relationship_reason: 'customer said so', created_by: 'agent@x', main_cod: 1500, sub_cod: 200, deactivated_at: null,
    });
    const { rows } = await stack.database.pool.query('select main_order_id, deactivation_reason, deactivated_by from hierarchy.links where not active');
    expect(rows).toEqual([{ main_order_id: 'm2', deactivation_reason: 'replaced by manual link', deactivated_by: 'agent@x' }]);
    const lock = await stack.database.pool.query('select kind, locked_by from hierarchy.locks where order_id = $1', ['s1']);
    expect(lock.rows).toEqual([{ kind: 'linked', locked_by: 'agent@x' }]);
    const last = (await stack.facts()).filter((f) => f.order_id === 's1').at(-1);
    expect(last).toMatchObject({ cause: 'manual', main_order_id: 'm1', linked_by: 'manual', confidence: 1, hierarchy_status: 'linked' });
  });

  it('accepts tracking numbers as references, and the same link again answers the existing one', async () => {
    const first = await link({ main_order_id: trackingOf('m1'), sub_order_id: trackingOf('s1') });
    const before = await snapshot(stack.database);
    const again = await link();
    expect((again as { result: HierarchyLink }).result.id).toBe((first as { result: HierarchyLink }).result.id);
    const after = (await snapshot(stack.database)) as { counts: Record<string, number> };
    // Only the second command's inbox row is new.
    expect({ ...after, counts: { ...after.counts, inbox: (before as typeof after).counts.inbox } }).toEqual(before);
  });

  it('a redelivered command (same job id) applies once', async () => {
    const first = await link();
    expect(first.ok).toBe(true);
    const jobId = 'link-once';
    await stack.run('link', { main_order_id: 'm1', sub_order_id: 's2', relationship_reason: 'r', linked_by: 'api', requested_by: 'api-key' }, jobId);
    const { rows } = await stack.database.pool.query("select result->>'id' as id from hierarchy.inbox where message_id = $1", [`link:${jobId}`]);
    expect(rows).toHaveLength(1);
    expect((await active('s2'))?.linked_by).toBe('api');
  });

  it('refuses unknown orders (404), other customers and itself (422), leaving nothing written', async () => {
    await rejected(() => link({ main_order_id: 'nope' }), 'not_found', /main order nope not found/);
    await rejected(() => link({ sub_order_id: '123456' }), 'not_found', /sub order 123456 not found/);
    await rejected(() => link({ main_order_id: 'other' }), 'unprocessable', /different customers/);
    await rejected(() => link({ main_order_id: 's1' }), 'unprocessable', /itself/);
  });

  it('refuses a sub linked by hand to another main (409) and a cycle (422)', async () => {
    expect((await link()).ok).toBe(true);
    await rejected(() => link({ main_order_id: 'm2' }), 'conflict', /already linked by hand.*unlink it first/);
    // s2 under s1 (manual), then s1 under s2 would close a cycle.
    expect((await link({ main_order_id: 's1', sub_order_id: 's2' })).ok).toBe(true);
    await rejected(() => link({ main_order_id: 's2', sub_order_id: 'm1' }), 'unprocessable', /cycle/);
  });

  it('levels follow: a sub linked under a sub gets level 2', async () => {
    expect((await link()).ok).toBe(true);
    const outcome = await link({ main_order_id: 's1', sub_order_id: 's2' });
    expect((outcome as { result: HierarchyLink }).result.relationship_level).toBe(2);
  });

  it('rejects a malformed command payload before anything runs', async () => {
    const before = await snapshot(stack.database);
    const bad = [
      { main_order_id: '', sub_order_id: 's1', relationship_reason: 'x', linked_by: 'manual', requested_by: 'a' },
      { main_order_id: 'm1', sub_order_id: 's1', relationship_reason: '   ', linked_by: 'manual', requested_by: 'a' },
      { main_order_id: 'm1', sub_order_id: 's1', relationship_reason: 'x', linked_by: 'auto_sync', requested_by: 'a' },
      { main_order_id: 'm1', sub_order_id: 's1', relationship_reason: 'x', linked_by: 'manual', requested_by: 'a', relationship_type: 'cousin' },
    ];
    for (const payload of bad) {
      const error = expectAppError(await stack.runRaw('link', payload));
      expect(error.type).toBe('invalid_data');
    }
    expect(expectAppError(await stack.runRaw('unlink', { order_id: 's1', requested_by: 'a' })).message).toMatch(/reason/);
    expect(await snapshot(stack.database)).toEqual(before);
  });
});

describe('unlink', () => {
  it('deactivates the active link with the reason, locks the sub unlinked, and automatic evaluation leaves it alone', async () => {
    const outcome = await stack.run('unlink', { order_id: 's1', reason: 'wrong product', requested_by: 'agent@x' });
    expect((outcome as { result: HierarchyLink }).result).toMatchObject({ sub_order_id: 's1', main_order_id: 'm2', active: false, deactivation_reason: 'wrong product', deactivated_by: 'agent@x' });
    expect(await active('s1')).toBeUndefined();
    // A new classification of the customer does not link it again, nor does a full detection.
    await stack.send([classified({ id: 's1', type: 'maintenance', day: 45, cod: 200_00, revision: 2 }), classified({ id: 'm3', day: 46 })]);
    expect(await active('s1')).toBeUndefined();
    await stack.detect();
    expect(await active('s1')).toBeUndefined();
    const last = (await stack.facts()).filter((f) => f.order_id === 's1').at(-1);
    expect(last).toMatchObject({ hierarchy_status: 'unlinked', main_order_id: null });
  });

  it('answers 404 for an order without an active link or an unknown order, writing nothing', async () => {
    await rejected(() => stack.run('unlink', { order_id: 'm1', reason: 'x', requested_by: 'a' }), 'not_found', /no active link/);
    await rejected(() => stack.run('unlink', { order_id: 'ghost', reason: 'x', requested_by: 'a' }), 'not_found', /not found/);
  });

  it('relink after unlink: a manual link replaces the unlinked lock', async () => {
    await stack.run('unlink', { order_id: 's1', reason: 'wrong', requested_by: 'a' });
    expect((await link()).ok).toBe(true);
    expect(await active('s1')).toMatchObject({ main_order_id: 'm1', locked: true });
    const lock = await stack.database.pool.query('select kind from hierarchy.locks where order_id = $1', ['s1']);
    expect(lock.rows).toEqual([{ kind: 'linked' }]);
    // Unlinking the manual link works the same way.
    const again = await stack.run('unlink', { order_id: 's1', reason: 'changed mind', requested_by: 'a' });
    expect((again as { result: HierarchyLink }).result).toMatchObject({ linked_by: 'manual', active: false });
  });

  it('a manual link survives a full re-detection unchanged', async () => {
    const made = (await link()) as { result: HierarchyLink };
    const run = await stack.detect();
    expect(run.status).toBe('completed');
    const { rows } = await stack.database.pool.query('select id::text, active from hierarchy.links where sub_order_id = $1 and active', ['s1']);
    expect(rows).toEqual([{ id: made.result.id, active: true }]);
  });
});
