import { describe, expect, it } from 'vitest';
import { eventTrail, GOOD_ADDRESS, returnRequest, SIM_KEY, startReturnsStack, type ReturnsStack, type StackOptions } from './harness.js';

// Bosta failing in every way the simulator can: one delivery at most, nothing silently dropped.
async function withStack(opts: StackOptions, body: (s: ReturnsStack) => Promise<void>): Promise<void> {
  const s = await startReturnsStack(opts);
  try {
    await body(s);
  } finally {
    await s.close();
  }
}

const historyNotes = async (s: ReturnsStack, returnId: string) =>
  (await s.database.pool.query<{ note: string | null }>('select note from returns.leg_history where return_id = $1 order by id', [returnId])).rows.map((r) => r.note ?? '');

/** Creates a delivery at the simulator as an earlier, unrecorded try would have. */
async function createAtBosta(s: ReturnsStack, ubr: string, caseNumber: string): Promise<string> {
  const res = await fetch(`${s.sim.apiBase}/deliveries?apiVersion=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: SIM_KEY },
    body: JSON.stringify({
      type: 25, cod: 0, receiver: { firstName: 'Mona', phone: '01001234567' }, businessReference: caseNumber, uniqueBusinessReference: ubr,
      pickupAddress: { city: 'Cairo', districtName: GOOD_ADDRESS.zone, firstLine: GOOD_ADDRESS.first_line },
    }),
  });
  const body = (await res.json()) as { data: { trackingNumber: string } };
  return body.data.trackingNumber;
}

describe('create-leg when Bosta fails', () => {
  it('a 5xx (ambiguous) is retried with backoff and looked up first: still one delivery', () =>
    withStack({ jobOptions: { attempts: 5, backoff: { type: 'fixed', delay: 400 } } }, async (s) => {
      await s.admin.faults({ rate5xx: 1 });
      const req = returnRequest();
      await s.run('return-requested', req);
      const failing = await s.waitLeg(req.action_id, (l) => l.last_error !== null, 'first try failed');
      expect(failing.status).toBe('pending');
      expect(failing.last_error?.code).toMatch(/^bosta_50\d$/);
      await s.admin.faults({ rate5xx: 0 });
      const leg = await s.waitLeg(req.action_id, (l) => l.status === 'created', 'created after the fault');
      expect(leg.create_attempts).toBeGreaterThanOrEqual(2);
      expect(leg.last_error).toBeNull();
      expect(await s.admin.byReference(leg.unique_business_reference)).toHaveLength(1);
      expect(eventTrail(await s.sent(req.action_id))).toEqual(['service-action/return-status-changed:created', 'hub/return-status-changed:created', 'hub/return-created']);
    }));

  it('a create whose answer was lost is looked up by its reference before anything else: found, not created again', () =>
    withStack({}, async (s) => {
      s.network.loseCreateAnswers(1);
      const req = returnRequest();
      await s.run('return-requested', req);
      const leg = await s.waitLeg(req.action_id, (l) => l.status === 'created', 'found after the lost answer');
      expect(s.network.creates()).toBe(1);
      expect(leg.create_attempts).toBe(1);
      const atBosta = await s.admin.byReference(leg.unique_business_reference);
      expect(atBosta).toHaveLength(1);
      expect(leg.tracking_number).toBe(atBosta[0]?.trackingNumber);
      expect((await historyNotes(s, leg.return_id)).join('\n')).toContain('found at Bosta by');
    }));

  it('when the lookup fails too, the next try looks up first and adopts the delivery: still one', () =>
    withStack({ jobOptions: { attempts: 5, backoff: { type: 'fixed', delay: 400 } } }, async (s) => {
      s.network.loseCreateAnswers(1);
      s.network.failSearches(true);
      const req = returnRequest();
      await s.run('return-requested', req);
      const failing = await s.waitLeg(req.action_id, (l) => l.last_error !== null, 'the try failed');
      expect(failing).toMatchObject({ status: 'pending', tracking_number: null });
      expect(failing.last_error?.code).toBe('bosta_network');
      expect(await s.admin.byReference(failing.unique_business_reference)).toHaveLength(1);
      s.network.failSearches(false);
      const leg = await s.waitLeg(req.action_id, (l) => l.status === 'created', 'adopted on the next try');
      expect(s.network.creates()).toBe(1);
      expect(leg.create_attempts).toBeGreaterThanOrEqual(2);
      expect(await s.admin.byReference(leg.unique_business_reference)).toHaveLength(1);
      expect(eventTrail(await s.sent(req.action_id))).toEqual(['service-action/return-status-changed:created', 'hub/return-status-changed:created', 'hub/return-created']);
    }));

  it('429 is retried until Bosta accepts', () =>
    withStack({ jobOptions: { attempts: 5, backoff: { type: 'fixed', delay: 300 } } }, async (s) => {
      await s.admin.faults({ rate429: 1 });
      const req = returnRequest();
      await s.run('return-requested', req);
      expect((await s.waitLeg(req.action_id, (l) => l.last_error !== null, 'rate limited')).last_error?.code).toBe('bosta_rate_limited');
      await s.admin.faults({ rate429: 0 });
      const leg = await s.waitLeg(req.action_id, (l) => l.status === 'created', 'created after the limit');
      expect(await s.admin.byReference(leg.unique_business_reference)).toHaveLength(1);
    }));

  it('Bosta unavailable through every try: the leg is rejected with bosta_unavailable and the event says so', () =>
    withStack({ jobOptions: { attempts: 3, backoff: { type: 'fixed', delay: 20 } } }, async (s) => {
      await s.admin.faults({ rate5xx: 1 });
      const req = returnRequest();
      await s.run('return-requested', req);
      const leg = await s.waitLeg(req.action_id, (l) => l.status === 'rejected', 'rejected after the last try');
      expect(leg.create_attempts).toBe(3);
      expect(leg.last_error?.code).toBe('bosta_unavailable');
      expect(leg.last_error?.message).toContain('3 tries');
      const sent = await s.sent(req.action_id);
      expect(eventTrail(sent)).toEqual(['service-action/return-status-changed:rejected', 'hub/return-status-changed:rejected']);
      expect(sent[0]?.payload.error).toEqual(leg.last_error);
      await s.admin.faults({ rate5xx: 0 });
      expect(await s.admin.byReference(leg.unique_business_reference)).toHaveLength(0);
    }));

  it('after a crash between Bosta’s create and our commit, the next try adopts the delivery (lookup first, or Bosta’s duplicate-reference answer)', () =>
    withStack({ relay: false }, async (s) => {
      const counted = returnRequest();
      const uncounted = returnRequest();
      await s.run('return-requested', counted);
      await s.run('return-requested', uncounted);
      const [a] = await s.legsOf(counted.action_id);
      const [b] = await s.legsOf(uncounted.action_id);
      if (!a || !b) throw new Error('legs missing');
      // `a`: the try was counted, then the process died after Bosta created it.
      await s.database.pool.query('update returns.legs set create_attempts = 1 where return_id = $1', [a.return_id]);
      const tnA = await createAtBosta(s, a.unique_business_reference, counted.case_number);
      // `b`: a concurrent try created it (Bosta answers "reference already used" to ours).
      const tnB = await createAtBosta(s, b.unique_business_reference, uncounted.case_number);
      s.startRelay();
      const legA = await s.waitLeg(counted.action_id, (l) => l.status === 'created', 'a adopted');
      const legB = await s.waitLeg(uncounted.action_id, (l) => l.status === 'created', 'b adopted');
      expect([legA.tracking_number, legB.tracking_number]).toEqual([tnA, tnB]);
      expect(await s.admin.byReference(a.unique_business_reference)).toHaveLength(1);
      expect(await s.admin.byReference(b.unique_business_reference)).toHaveLength(1);
      expect(eventTrail(await s.sent(counted.action_id))).toContain('hub/return-created');
    }));
});
