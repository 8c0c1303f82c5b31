import { OutboundStatusChangedSchema } from '@hvar/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventTrail, GOOD_ADDRESS, orderChange, outboundRequest, SIM_T0, startReturnsStack, type ReturnsStack } from './harness.js';

// Outbound deliveries (the repaired product or a replacement): type 10 or 30, COD 0, one per request.
let s: ReturnsStack;

beforeAll(async () => {
  s = await startReturnsStack();
});
afterAll(async () => {
  await s?.close();
});

describe('outbound delivery', () => {
  it('type 10 goes to the customer’s dropOffAddress with COD 0; a duplicated request makes no second one; a new request is the next leg', async () => {
    const req = outboundRequest();
    await s.run('outbound-requested', req);
    await s.run('outbound-requested', req); // the same request under another job id
    const leg = await s.waitLeg(req.action_id, (l) => l.status === 'created');
    expect(leg).toMatchObject({ leg: 'outbound', attempt: 1, type_code: 10, kind: 'repaired', unique_business_reference: `${req.case_number}-O1` });
    const truth = await s.admin.truth(leg.tracking_number ?? '');
    expect(truth).toMatchObject({ type: { code: 10 }, cod: 0, uniqueBusinessReference: `${req.case_number}-O1` });
    expect(truth.dropOffAddress).toMatchObject({ city: { name: 'Cairo' }, zone: { name: 'Nasr City' }, firstLine: GOOD_ADDRESS.first_line });
    const sent = await s.sent(req.action_id);
    expect(eventTrail(sent)).toEqual(['service-action/outbound-status-changed:created']);
    expect(OutboundStatusChangedSchema.parse(sent[0]?.payload)).toMatchObject({ outbound_id: leg.return_id, type_code: 10, tracking_number: leg.tracking_number, event_id: `${leg.return_id}:created` });

    await s.run('outbound-requested', { ...req, requested_at: new Date(Date.now() + 5_000).toISOString() });
    const second = await s.waitLeg(req.action_id, (l) => l.attempt === 2 && l.status === 'created');
    expect(second.unique_business_reference).toBe(`${req.case_number}-O2`);
    expect(await s.legsOf(req.action_id)).toHaveLength(2);
  });

  it('type 30 (exchange) delivers the replacement and collects the old unit', async () => {
    const req = outboundRequest({ kind: 'replacement', type_code: 30, product_name: 'Blender X300' });
    await s.run('outbound-requested', req);
    const leg = await s.waitLeg(req.action_id, (l) => l.status === 'created');
    const truth = await s.admin.truth(leg.tracking_number ?? '');
    expect(truth).toMatchObject({ type: { code: 30 }, cod: 0 });
    expect(JSON.stringify(truth.returnSpecs)).toContain('Old unit: Blender X300');
    expect((await s.sent(req.action_id))[0]?.payload).toMatchObject({ type_code: 30, status: 'created' });
  });

  it('follows Bosta to delivered: one event per status change', async () => {
    const req = outboundRequest();
    await s.run('outbound-requested', req);
    const leg = await s.waitLeg(req.action_id, (l) => l.status === 'created');
    const tn = leg.tracking_number ?? '';
    let minute = 0;
    for (const state of [21, 24, 41, 47, 41, 45]) {
      await s.admin.moveTo(tn, state);
      minute += 1;
      const entry = orderChange({ order_id: leg.bosta_delivery_id ?? '', tracking_number: tn, state_code: state, state_at: new Date(SIM_T0.getTime() + minute * 60_000), type_code: 10 });
      await s.run('order-changed', { batch_id: `out-${tn}-${minute}`, source: 'webhook', orders: [entry] });
    }
    expect((await s.legsOf(req.action_id))[0]).toMatchObject({ status: 'delivered', bosta_state_code: 45 });
    expect(eventTrail(await s.sent(req.action_id))).toEqual([
      'service-action/outbound-status-changed:created', 'service-action/outbound-status-changed:in_transit', 'service-action/outbound-status-changed:delivered',
    ]);
  });

  it('an address Bosta refuses rejects the delivery with the error on the event', async () => {
    const req = outboundRequest({ address: { ...GOOD_ADDRESS, zone: 'Atlantis Heights' } });
    await s.run('outbound-requested', req);
    const leg = await s.waitLeg(req.action_id, (l) => l.status === 'rejected');
    expect(leg.last_error?.code).toBe('bosta_3009');
    const sent = await s.sent(req.action_id);
    expect(eventTrail(sent)).toEqual(['service-action/outbound-status-changed:rejected']);
    expect(sent[0]?.payload.error).toEqual(leg.last_error);
  });
});
