import { ReturnStatusChangedSchema, type OrderChange } from '@hvar/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventTrail, orderChange, returnRequest, SIM_T0, snapshot, startReturnsStack, strangerOrder, type ReturnsStack } from './harness.js';

// The pickup's status follows Bosta's states as the sync reports them (order-changed batches).
let s: ReturnsStack;
let batchSeq = 0;

beforeAll(async () => {
  s = await startReturnsStack();
});
afterAll(async () => {
  await s?.close();
});

const minutes = (n: number) => new Date(SIM_T0.getTime() + n * 60_000);

/** Moves the delivery at the simulator and answers its entry as the sync would send it. */
async function bostaMoves(tn: string, state: number, minute: number, syncVersion = minute): Promise<OrderChange> {
  const truth = await s.admin.moveTo(tn, state);
  const code = (truth.state as { code: number }).code;
  expect(code).toBe(state);
  return orderChange({ order_id: String(truth._id), tracking_number: tn, state_code: code, state_at: minutes(minute), ubr: String(truth.uniqueBusinessReference), sync_version: syncVersion });
}

/** A batch of 999 strangers' orders and ours. */
async function send(ours: OrderChange[], batchId = `batch-${++batchSeq}`): Promise<void> {
  const strangers = Array.from({ length: 1_000 - ours.length }, (_, i) => strangerOrder(i, minutes(1)));
  const out = await s.run('order-changed', { batch_id: batchId, source: 'incremental', orders: [...strangers, ...ours] });
  if (!out.ok) throw out.error;
}

describe('order-changed', () => {
  it('moves the pickup through its statuses with one event per change, forward only, once per batch', async () => {
    const req = returnRequest();
    await s.run('return-requested', req);
    const leg = await s.waitLeg(req.action_id, (l) => l.status === 'created');
    const tn = leg.tracking_number ?? '';

    await send([await bostaMoves(tn, 22, 1)]);
    expect((await s.legsOf(req.action_id))[0]).toMatchObject({ status: 'created', bosta_state_code: 22 });
    expect(await s.sent(req.action_id)).toHaveLength(3); // only the creation's

    const pickedUp = await bostaMoves(tn, 23, 2);
    await send([pickedUp], 'batch-picked-up');
    await send([pickedUp], 'batch-picked-up'); // the same batch delivered again
    await send([orderChange({ order_id: leg.bosta_delivery_id ?? '', tracking_number: tn, state_code: 22, state_at: minutes(1.5) })]); // late
    expect((await s.legsOf(req.action_id))[0]).toMatchObject({ status: 'picked_up', bosta_state_code: 23 });

    await send([await bostaMoves(tn, 24, 3)]);
    await send([await bostaMoves(tn, 30, 4)]);
    await send([await bostaMoves(tn, 41, 5)]);
    await send([await bostaMoves(tn, 46, 6)]);
    await send([orderChange({ order_id: leg.bosta_delivery_id ?? '', tracking_number: tn, state_code: 100, state_at: minutes(7) })]); // after the final status
    const final = (await s.legsOf(req.action_id))[0];
    expect(final).toMatchObject({ status: 'delivered_to_hub', bosta_state_code: 100 });

    const sent = await s.sent(req.action_id);
    expect(eventTrail(sent)).toEqual([
      'service-action/return-status-changed:created', 'hub/return-status-changed:created', 'hub/return-created',
      'service-action/return-status-changed:picked_up', 'hub/return-status-changed:picked_up',
      'service-action/return-status-changed:in_transit', 'hub/return-status-changed:in_transit',
      'service-action/return-status-changed:delivered_to_hub', 'hub/return-status-changed:delivered_to_hub',
    ]);
    const pickedEvent = ReturnStatusChangedSchema.parse(sent[3]?.payload);
    expect(pickedEvent).toMatchObject({ event_id: `${leg.return_id}:picked_up`, tracking_number: tn, bosta_state_code: 23, at: minutes(2).toISOString() });
    expect(new Set(sent.filter((e) => e.queue === 'service-action').map((e) => e.payload.event_id)).size).toBe(4);

    const history = await s.database.pool.query<{ status: string; bosta_state_code: number | null }>(
      'select status, bosta_state_code from returns.leg_history where return_id = $1 order by id', [leg.return_id]);
    expect(history.rows.map((h) => `${h.status}/${h.bosta_state_code ?? '-'}`)).toEqual([
      'pending/-', 'created/10', 'created/22', 'picked_up/23', 'in_transit/24', 'in_transit/30', 'in_transit/41', 'delivered_to_hub/46', 'delivered_to_hub/100',
    ]);
  });

  it('a batch with none of our deliveries writes nothing (not even its inbox row)', async () => {
    const before = await snapshot(s.database);
    await send([]);
    expect(await snapshot(s.database)).toEqual(before);
  });

  it('a delivery whose create was never answered is adopted by its reference: tracking number, status and the hub told', async () => {
    const req = returnRequest();
    await s.run('return-requested', req);
    const created = await s.waitLeg(req.action_id, (l) => l.status === 'created');
    // As if the create's answer had been lost for good: the leg knows nothing of the delivery.
    await s.database.pool.query(`update returns.legs set status = 'rejected', tracking_number = null, bosta_delivery_id = null, bosta_state_code = null,
      last_error = '{"code":"bosta_unavailable","message":"down"}' where return_id = $1`, [created.return_id]);
    await s.database.pool.query(`delete from returns.outbox where payload->>'action_id' = $1`, [req.action_id]);
    const tn = created.tracking_number ?? '';
    await send([await bostaMoves(tn, 22, 10)]);
    const leg = (await s.legsOf(req.action_id))[0];
    expect(leg).toMatchObject({ status: 'created', tracking_number: tn, bosta_delivery_id: created.bosta_delivery_id, bosta_state_code: 22 });
    expect(eventTrail(await s.sent(req.action_id))).toEqual(['service-action/return-status-changed:created', 'hub/return-status-changed:created', 'hub/return-created']);
  });
});
