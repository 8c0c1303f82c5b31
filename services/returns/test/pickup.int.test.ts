import { ReturnStatusChangedSchema } from '@hvar/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventTrail, GOOD_ADDRESS, returnRequest, snapshot, startReturnsStack, type ReturnsStack } from './harness.js';

// Return pickups against the real simulator: created once, whatever is repeated; refusals surfaced.
let s: ReturnsStack;

beforeAll(async () => {
  s = await startReturnsStack();
});
afterAll(async () => {
  await s?.close();
});

describe('return pickup (type 25)', () => {
  it('is created once with type 25, the customer address as pickup address, COD 0 and the derived reference, even when the job runs twice and the message is duplicated', async () => {
    const req = returnRequest();
    expect((await s.run('return-requested', req, `rr-${req.action_id}`)).ok).toBe(true);
    const leg = await s.waitLeg(req.action_id, (l) => l.status === 'created', 'pickup created');
    expect(leg).toMatchObject({ leg: 'pickup', attempt: 1, type_code: 25, unique_business_reference: `${req.case_number}-P1`, create_attempts: 1, last_error: null, cod_piastres: 0 });
    expect(leg.tracking_number).toMatch(/^\d+$/);

    // The same message again under another job id (a duplicated message), and the create job run twice.
    expect((await s.run('return-requested', req, `rr-dup-${req.action_id}`)).ok).toBe(true);
    expect((await s.run('create-leg', { return_id: leg.return_id }, `again-${leg.return_id}`)).ok).toBe(true);
    expect((await s.run('create-leg', { return_id: leg.return_id }, `again2-${leg.return_id}`)).ok).toBe(true);

    const legs = await s.legsOf(req.action_id);
    expect(legs).toHaveLength(1);
    expect(legs[0]).toMatchObject({ tracking_number: leg.tracking_number, create_attempts: 1 });
    const atBosta = await s.admin.byReference(`${req.case_number}-P1`);
    expect(atBosta).toHaveLength(1);
    const truth = await s.admin.truth(leg.tracking_number ?? '');
    expect(truth).toMatchObject({ type: { code: 25 }, cod: 0, businessReference: req.case_number, uniqueBusinessReference: `${req.case_number}-P1` });
    expect(truth.pickupAddress).toMatchObject({ city: { name: 'Cairo' }, zone: { name: 'Nasr City' }, firstLine: GOOD_ADDRESS.first_line });
    expect(truth.receiver).toMatchObject({ firstName: 'Mona', lastName: 'Adel', phone: req.customer_phone });

    const sent = await s.sent(req.action_id);
    expect(eventTrail(sent)).toEqual(['service-action/return-status-changed:created', 'hub/return-status-changed:created', 'hub/return-created']);
    const ev = ReturnStatusChangedSchema.parse(sent[0]?.payload);
    expect(ev).toMatchObject({ event_id: `${leg.return_id}:created`, return_id: leg.return_id, action_id: req.action_id, tracking_number: leg.tracking_number, bosta_state_code: 10, error: null });
    expect(sent[2]?.payload).toMatchObject({ tracking_number: leg.tracking_number, case_number: req.case_number, action_type: 'maintenance', reason: 'motor fault' });
  });

  it('a bad address is rejected with Bosta’s error on the leg and the event; the retry (attempt 2) with a fixed address is created', async () => {
    const req = returnRequest({ pickup_address: { city: 'Cairo', zone: 'Atlantis Heights', district: null, first_line: '1 Nowhere Street' } });
    await s.run('return-requested', req);
    const rejected = await s.waitLeg(req.action_id, (l) => l.status === 'rejected', 'pickup rejected');
    expect(rejected.last_error).toMatchObject({ code: 'bosta_3009' });
    expect(rejected.last_error?.message).toContain('pickupAddress');
    expect(rejected.tracking_number).toBeNull();
    const sent = await s.sent(req.action_id);
    expect(eventTrail(sent)).toEqual(['service-action/return-status-changed:rejected', 'hub/return-status-changed:rejected']);
    expect(ReturnStatusChangedSchema.parse(sent[0]?.payload)).toMatchObject({ status: 'rejected', tracking_number: null, error: rejected.last_error });
    expect(await s.admin.byReference(`${req.case_number}-P1`)).toHaveLength(0);

    const retry = { ...req, attempt: 2, pickup_address: GOOD_ADDRESS, requested_at: new Date(Date.now() + 1_000).toISOString() };
    await s.run('return-requested', retry);
    const created = await s.waitLeg(req.action_id, (l) => l.attempt === 2 && l.status === 'created', 'retry created');
    expect(created.unique_business_reference).toBe(`${req.case_number}-P2`);
    expect(await s.admin.byReference(`${req.case_number}-P2`)).toHaveLength(1);
    expect((await s.legsOf(req.action_id)).map((l) => [l.attempt, l.status])).toEqual([[1, 'rejected'], [2, 'created']]);
    const after = await s.sent(req.action_id);
    expect(eventTrail(after.slice(2))).toEqual(['service-action/return-status-changed:created', 'hub/return-status-changed:created', 'hub/return-created']);
    expect(after[2]?.payload).toMatchObject({ return_id: created.return_id, error: null });
  });

  it('an address that cannot be sent is rejected without calling Bosta, naming what to fix', async () => {
    const cases = [
      [null, 'address_missing'],
      [{ ...GOOD_ADDRESS, city: 'Atlantis' }, 'address_city_unknown'],
      [{ ...GOOD_ADDRESS, zone: null, district: null }, 'address_district_missing'],
    ] as const;
    const requests = [];
    for (const [pickup_address, code] of cases) {
      const req = returnRequest({ pickup_address });
      requests.push(req.case_number);
      await s.run('return-requested', req);
      const leg = await s.waitLeg(req.action_id, (l) => l.status === 'rejected', `rejected with ${code}`);
      expect(leg.last_error?.code).toBe(code);
      expect((await s.sent(req.action_id)).map((e) => (e.payload.error as { code?: string } | null)?.code)).toEqual([code, code]);
    }
    const refs = (await s.admin.all()).map((d) => String(d.businessReference));
    for (const caseNumber of requests) expect(refs).not.toContain(caseNumber);
  });

  it('bad payloads fail the job and write nothing', async () => {
    const before = await snapshot(s.database);
    const good = returnRequest();
    const bad: [string, unknown][] = [
      ['return-requested', { ...good, action_id: 'not-a-uuid' }],
      ['return-requested', { ...good, attempt: 0 }],
      ['return-requested', { ...good, customer_phone: '0100' }],
      ['return-requested', { ...good, pickup_address: { city: '', first_line: 'x' } }],
      ['create-leg', { return_id: 'nope' }],
      ['cancel-return', { action_id: good.action_id }],
      ['order-changed', { batch_id: 'b', source: 'webhook', orders: [] }],
      ['no-such-job', {}],
    ];
    for (const [name, data] of bad) {
      const out = await s.runRaw(name, data);
      expect(out.ok, name).toBe(false);
      if (!out.ok) expect(out.error.type).toBe('invalid_data');
    }
    expect(await snapshot(s.database)).toEqual(before);
  });

  it('a create-leg for an unknown leg does nothing', async () => {
    const before = await snapshot(s.database);
    expect((await s.run('create-leg', { return_id: '00000000-0000-4000-8000-000000000000' })).ok).toBe(true);
    expect(await snapshot(s.database)).toEqual(before);
  });
});
