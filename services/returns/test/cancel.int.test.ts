import { describe, expect, it } from 'vitest';
import { eventTrail, orderChange, returnRequest, SIM_T0, startReturnsStack, type ReturnsStack, type StackOptions } from './harness.js';

// cancel-return: a cancelled case's pickup is cancelled here and terminated at Bosta while it can be.
async function withStack(opts: StackOptions, body: (s: ReturnsStack) => Promise<void>): Promise<void> {
  const s = await startReturnsStack(opts);
  try {
    await body(s);
  } finally {
    await s.close();
  }
}

const cancel = (actionId: string) => ({ action_id: actionId, reason: 'customer changed their mind', requested_at: new Date().toISOString() });
const notes = async (s: ReturnsStack, returnId: string) =>
  (await s.database.pool.query<{ note: string | null }>('select note from returns.leg_history where return_id = $1 order by id', [returnId])).rows.map((r) => r.note ?? '').join('\n');

describe('cancel-return', () => {
  it('a pickup not yet at Bosta is cancelled, and its queued create then does nothing', () =>
    withStack({ relay: false }, async (s) => {
      const req = returnRequest();
      await s.run('return-requested', req);
      expect((await s.legsOf(req.action_id))[0]?.status).toBe('pending');
      expect((await s.run('cancel-return', cancel(req.action_id))).ok).toBe(true);
      s.startRelay();
      await s.drain();
      const [leg] = await s.legsOf(req.action_id);
      expect(leg).toMatchObject({ status: 'cancelled', tracking_number: null, create_attempts: 0 });
      expect(await s.admin.byReference(leg?.unique_business_reference ?? '')).toHaveLength(0);
      expect(eventTrail(await s.sent(req.action_id))).toEqual(['service-action/return-status-changed:cancelled', 'hub/return-status-changed:cancelled']);
    }));

  it('a pickup created at Bosta is terminated there; running the cancel again changes nothing more', () =>
    withStack({}, async (s) => {
      const req = returnRequest();
      await s.run('return-requested', req);
      const created = await s.waitLeg(req.action_id, (l) => l.status === 'created');
      expect((await s.run('cancel-return', cancel(req.action_id))).ok).toBe(true);
      expect((await s.run('cancel-return', cancel(req.action_id))).ok).toBe(true);
      const truth = await s.admin.truth(created.tracking_number ?? '');
      expect((truth.state as { code: number }).code).toBe(48);
      expect((await s.legsOf(req.action_id))[0]).toMatchObject({ status: 'cancelled', bosta_state_code: 48 });
      expect(eventTrail(await s.sent(req.action_id))).toEqual([
        'service-action/return-status-changed:created', 'hub/return-status-changed:created', 'hub/return-created',
        'service-action/return-status-changed:cancelled', 'hub/return-status-changed:cancelled',
      ]);
      expect(await notes(s, created.return_id)).toContain('terminated at Bosta: case cancelled: customer changed their mind');
    }));

  it('too late (the courier has the parcel): Bosta refuses, the leg is kept with a note', () =>
    withStack({}, async (s) => {
      const req = returnRequest();
      await s.run('return-requested', req);
      const created = await s.waitLeg(req.action_id, (l) => l.status === 'created');
      const tn = created.tracking_number ?? '';
      await s.admin.moveTo(tn, 23);
      await s.run('order-changed', { batch_id: `pickup-${tn}`, source: 'webhook', orders: [orderChange({ order_id: created.bosta_delivery_id ?? '', tracking_number: tn, state_code: 23, state_at: new Date(SIM_T0.getTime() + 60_000) })] });
      expect((await s.run('cancel-return', cancel(req.action_id))).ok).toBe(true);
      expect((await s.legsOf(req.action_id))[0]).toMatchObject({ status: 'picked_up', bosta_state_code: 23 });
      expect(((await s.admin.truth(tn)).state as { code: number }).code).toBe(23);
      expect(await notes(s, created.return_id)).toContain('termination refused by Bosta (too late in state 23)');
      expect(eventTrail(await s.sent(req.action_id)).filter((e) => e.endsWith(':cancelled'))).toEqual([]);
    }));

  it('a case cancelled while Bosta is creating its pickup: the new delivery is terminated at once, and nobody is told it was created', () =>
    withStack({}, async (s) => {
      const req = returnRequest();
      s.network.beforeNextCreateAnswer(async () => {
        const out = await s.run('cancel-return', cancel(req.action_id));
        if (!out.ok) throw out.error;
      });
      await s.run('return-requested', req);
      const leg = await s.waitLeg(req.action_id, (l) => l.status === 'cancelled' && l.bosta_state_code === 48, 'terminated after the race');
      expect(leg.tracking_number).toMatch(/^\d+$/);
      expect(((await s.admin.truth(leg.tracking_number ?? '')).state as { code: number }).code).toBe(48);
      expect(eventTrail(await s.sent(req.action_id))).toEqual(['service-action/return-status-changed:cancelled', 'hub/return-status-changed:cancelled']);
    }));

  it('a case without an open pickup: nothing changes', () =>
    withStack({}, async (s) => {
      const req = returnRequest({ pickup_address: null });
      await s.run('return-requested', req);
      await s.waitLeg(req.action_id, (l) => l.status === 'rejected');
      const before = await s.sent(req.action_id);
      expect((await s.run('cancel-return', cancel(req.action_id))).ok).toBe(true);
      expect((await s.legsOf(req.action_id))[0]?.status).toBe('rejected');
      expect(await s.sent(req.action_id)).toEqual(before);
    }));
});
