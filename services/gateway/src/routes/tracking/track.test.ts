import { describe, expect, it } from 'vitest';
import { TrackBody, TrackingAnswerSchema } from './schemas.js';
import { caseFacts, deliveryFacts, deliveryStage, phoneMatches, stepsOf, type ActionFacts, type LegFacts, type OrderFacts } from './track.js';

const order: OrderFacts = {
  tracking_number: '71000001', state_code: 41, state_at: '2026-06-02T10:00:00.000Z', order_type_code: 10, cod: 1250.5,
  receiver_phone: '+201001234567', product_name: 'Air fryer', specs_description: '1 * Air fryer', specs_items_count: 1,
  created_at: '2026-06-01T09:00:00.000Z', delivered_at: null,
};
const action: ActionFacts = {
  action_id: '6f1c2a52-3c1e-4d4e-9a53-6c2f8f1d0a11', case_number: 'SA-2026-000123', customer_phone: '+201001234567', action_type: 'maintenance',
  action_subtype: 'warranty', action_status: 'return_in_transit', on_site: false, product_name: 'Air fryer',
  created_at: '2026-06-03T09:00:00.000Z', updated_at: '2026-06-04T09:00:00.000Z', completed_at: null,
};
const leg = (over: Partial<LegFacts>): LegFacts => ({
  action_id: action.action_id, leg: 'pickup', attempt: 1, tracking_number: '72000001', status: 'created', bosta_state_code: 10, cod: 0,
  customer_phone: '+201001234567', updated_at: '2026-06-04T08:00:00.000Z', ...over,
});

describe('the tracking request', () => {
  it('takes a tracking number or a case number (any case) and exactly 4 digits, Arabic-Indic too', () => {
    expect(TrackBody.parse({ code: ' sa-2026-000123 ', phone_last4: '4567' })).toEqual({ code: 'SA-2026-000123', phone_last4: '4567' });
    expect(TrackBody.parse({ code: '71000001', phone_last4: '٤٥٦٧' })).toEqual({ code: '71000001', phone_last4: '4567' });
  });

  it('refuses anything else with the field named', () => {
    for (const [body, path] of [
      [{ code: '71000001', phone_last4: '456' }, 'phone_last4'],
      [{ code: '71000001', phone_last4: '45678' }, 'phone_last4'],
      [{ code: '71000001', phone_last4: '45a7' }, 'phone_last4'],
      [{ code: 'SA-26-1', phone_last4: '4567' }, 'code'],
      [{ code: '71000001; drop', phone_last4: '4567' }, 'code'],
      [{ code: '123', phone_last4: '4567' }, 'code'],
    ] as const) {
      const parsed = TrackBody.safeParse(body);
      expect(parsed.success, JSON.stringify(body)).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual([path]);
    }
    expect(TrackBody.safeParse({ code: '71000001', phone_last4: '4567', phone: '01001234567' }).success).toBe(false);
  });
});

describe('phone digits', () => {
  it('compare the last 4 digits of the normalized phone', () => {
    expect(phoneMatches('+201001234567', '4567')).toBe(true);
    expect(phoneMatches('0100 123 4567', '4567')).toBe(true);
    expect(phoneMatches('+201001234567', '4566')).toBe(false);
    expect(phoneMatches('12', '0012')).toBe(false);
  });
});

describe('stages', () => {
  it('name every Bosta state of bosta-api.md §5 and read an unknown one as processing', () => {
    expect([10, 21, 24, 41, 45, 46, 47, 48, 100].map(deliveryStage)).toEqual(['created', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'returned', 'delayed', 'cancelled', 'lost']);
    expect(deliveryStage(22)).toBe('out_for_pickup');
    expect(deliveryStage(999)).toBe('processing');
  });

  it('mark the steps before the stage done and the stage current; off the path only the reached steps', () => {
    expect(stepsOf(['a', 'b', 'c'], 'b', undefined).map((s) => s.status)).toEqual(['done', 'current', 'todo']);
    expect(stepsOf(['a', 'b', 'c'], 'x' as 'a', 'b').map((s) => s.status)).toEqual(['done', 'done', 'todo']);
  });
});

describe('public facts', () => {
  it('a parcel on its way: stage, path, product and the COD still due', () => {
    const d = deliveryFacts(order);
    expect(d).toMatchObject({ tracking_number: '71000001', kind: 'delivery', stage: 'out_for_delivery', product: 'Air fryer', cod_due: 1250.5, updated_at: order.state_at });
    expect(d.steps.map((s) => `${s.stage}:${s.status}`)).toEqual(['created:done', 'picked_up:done', 'in_transit:done', 'out_for_delivery:current', 'delivered:todo']);
  });

  it('nothing is due once delivered; a returned sale is off the path; a return pickup has its own path', () => {
    expect(deliveryFacts({ ...order, state_code: 45, delivered_at: '2026-06-02T12:00:00.000Z' }).cod_due).toBe(0);
    const returned = deliveryFacts({ ...order, state_code: 46 });
    expect(returned.steps.filter((s) => s.status === 'current')).toEqual([]);
    expect(returned.cod_due).toBe(0);
    const pickup = deliveryFacts({ ...order, order_type_code: 25, state_code: 23, cod: 0 });
    expect(pickup.kind).toBe('pickup');
    expect(deliveryFacts({ ...order, order_type_code: 25, product_name: 'Air fryer - maintenance: noisy' }).product).toBeNull();
    expect(pickup.steps.map((s) => s.stage)).toEqual(['created', 'out_for_pickup', 'picked_up', 'in_transit', 'returned']);
  });

  it('a case: its stage on its path, the latest pickup attempt and the shipment back', () => {
    const c = caseFacts(action, [
      leg({ attempt: 1, status: 'failed', tracking_number: '72000001' }),
      leg({ attempt: 2, status: 'picked_up', bosta_state_code: 23, tracking_number: '72000002' }),
      leg({ leg: 'outbound', status: 'created', bosta_state_code: 10, cod: 150, tracking_number: '73000001' }),
    ]);
    expect(c).toMatchObject({ case_number: 'SA-2026-000123', stage: 'picked_up', pickup: { tracking_number: '72000002', stage: 'picked_up' }, shipment: { stage: 'created', cod_due: 150 } });
    expect(c.steps.map((s) => s.stage)).toEqual(['requested', 'pickup_scheduled', 'picked_up', 'received', 'in_service', 'shipped_back', 'completed']);
    expect(caseFacts({ ...action, on_site: true, action_status: 'in_progress' }, []).steps.map((s) => `${s.stage}:${s.status}`)).toEqual(['requested:done', 'in_service:current', 'completed:todo']);
    expect(caseFacts({ ...action, action_type: 'return_refund' }, []).steps.map((s) => s.stage)).not.toContain('shipped_back');
    expect(caseFacts({ ...action, action_status: 'cancelled' }, []).steps.filter((s) => s.status !== 'todo').map((s) => s.stage)).toEqual(['requested']);
  });

  it('the answer holds no name, phone or address, and matches the documented schema', () => {
    const answer = { code: order.tracking_number, delivery: deliveryFacts(order), cases: [caseFacts(action, [leg({})])] };
    expect(TrackingAnswerSchema.parse(answer)).toEqual(answer);
    expect(JSON.stringify(answer)).not.toMatch(/phone|name|address|\+20|1234567/);
  });
});
