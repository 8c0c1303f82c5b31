/**
 * The pure half of the public tracking page: which stage a Bosta state or a case status is in words a
 * customer understands, the steps of its usual path, and the few facts a customer may see. Every
 * answer is built field by field from these functions, so a name, phone or address can never leak.
 */
import { normalizePhone } from '@hvar/bosta';
import { OrderSchema, ReturnLegSchema, ServiceActionSchema, type ActionStatus } from '@hvar/contracts';
import type { z } from 'zod';
import type { CaseStage, DeliveryStage, TrackedCase, TrackedDelivery, TrackedLeg } from './schemas.js';

/** The order fields the page is built from (the rest of the order is never read). */
export const OrderFacts = OrderSchema.pick({
  tracking_number: true, state_code: true, state_at: true, order_type_code: true, cod: true, receiver_phone: true,
  product_name: true, specs_description: true, specs_items_count: true, created_at: true, delivered_at: true,
});
export type OrderFacts = z.infer<typeof OrderFacts>;

/** The case fields the page is built from. */
export const ActionFacts = ServiceActionSchema.pick({
  action_id: true, case_number: true, customer_phone: true, action_type: true, action_subtype: true, action_status: true,
  on_site: true, product_name: true, created_at: true, updated_at: true, completed_at: true,
});
export type ActionFacts = z.infer<typeof ActionFacts>;

/** The leg fields the page is built from. */
export const LegFacts = ReturnLegSchema.pick({
  action_id: true, leg: true, attempt: true, tracking_number: true, status: true, bosta_state_code: true, cod: true, customer_phone: true, updated_at: true,
});
export type LegFacts = z.infer<typeof LegFacts>;

/** Bosta state codes (bosta-api.md §5) → stage. */
const STATE_STAGES: Record<number, DeliveryStage> = {
  10: 'created', 11: 'created', 20: 'created',
  22: 'out_for_pickup', 40: 'out_for_pickup',
  21: 'picked_up', 23: 'picked_up',
  24: 'in_transit', 25: 'in_transit', 30: 'in_transit',
  41: 'out_for_delivery',
  45: 'delivered',
  46: 'returned', 60: 'returned',
  47: 'delayed', 102: 'delayed', 103: 'delayed', 105: 'delayed',
  48: 'cancelled', 49: 'cancelled', 104: 'cancelled',
  100: 'lost', 101: 'lost',
};

/** A Bosta state code in words; a code Bosta adds later reads as "processing". */
export function deliveryStage(stateCode: number): DeliveryStage {
  return STATE_STAGES[stateCode] ?? 'processing';
}

/** Stages after which nothing is due and nothing moves. */
const FINAL: ReadonlySet<DeliveryStage> = new Set(['delivered', 'returned', 'cancelled', 'lost']);

/** The usual path of a parcel of a Bosta order type. */
export function deliveryPath(typeCode: number): DeliveryStage[] {
  if (typeCode === 25) return ['created', 'out_for_pickup', 'picked_up', 'in_transit', 'returned'];
  if (typeCode === 20) return ['created', 'picked_up', 'in_transit', 'returned'];
  return ['created', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered'];
}

/** Off the path: the last step certainly reached (a delayed pickup may not have reached the customer yet). */
function deliveryAnchor(stage: DeliveryStage, typeCode: number): DeliveryStage | undefined {
  if (stage === 'delayed') return typeCode === 25 ? 'created' : 'in_transit';
  return stage === 'lost' || stage === 'returned' || stage === 'delivered' ? 'in_transit' : undefined;
}

/** A step of the progress. */
export interface Step<S extends string> {
  stage: S;
  status: 'done' | 'current' | 'todo';
}

/**
 * The steps of `path` for `stage`: on the path, those before it are done and it is current; off the
 * path, the steps up to `anchor` are done and none is current (the page says what happened instead).
 */
export function stepsOf<S extends string>(path: readonly S[], stage: S, anchor: S | undefined): Step<S>[] {
  const at = path.indexOf(stage);
  if (at >= 0) return path.map((s, i) => ({ stage: s, status: i < at ? 'done' : i === at ? 'current' : 'todo' }));
  const reached = anchor === undefined ? 0 : Math.max(0, path.indexOf(anchor));
  return path.map((s, i) => ({ stage: s, status: i <= reached ? 'done' : 'todo' }));
}

const KINDS: Record<number, TrackedDelivery['kind']> = { 10: 'delivery', 15: 'cash_collection', 20: 'return_to_sender', 25: 'pickup', 30: 'exchange', 35: 'sign_and_return' };

/** What is still to pay when the parcel arrives: the positive COD while it is on its way. */
function codDue(cod: number, stage: DeliveryStage): number {
  return FINAL.has(stage) || cod <= 0 ? 0 : cod;
}

/** The last 4 digits of a phone, after normalizing any spelling. */
export function last4(phone: string): string {
  return (normalizePhone(phone) ?? phone).replace(/\D/g, '').slice(-4);
}

/** Whether `digits` are the last 4 of `phone` (a phone shorter than 4 digits never matches). */
export function phoneMatches(phone: string, digits: string): boolean {
  const tail = last4(phone);
  return tail.length === 4 && tail === digits;
}

/** A parcel's public facts. */
export function deliveryFacts(order: OrderFacts): TrackedDelivery {
  const stage = deliveryStage(order.state_code);
  return {
    tracking_number: order.tracking_number,
    kind: KINDS[order.order_type_code] ?? 'delivery',
    state_code: order.state_code,
    stage,
    steps: stepsOf(deliveryPath(order.order_type_code), stage, deliveryAnchor(stage, order.order_type_code)),
    // A return pickup's description is our note about the case (its reason), not the shop's product line.
    product: order.order_type_code === 25 ? null : (order.product_name ?? order.specs_description),
    items_count: order.specs_items_count,
    cod_due: codDue(order.cod, stage),
    created_at: order.created_at,
    updated_at: order.state_at,
    delivered_at: order.delivered_at,
  };
}

/** A leg status → stage; the Bosta state refines a leg that is on its way. */
function legStage(leg: LegFacts): DeliveryStage {
  switch (leg.status) {
    case 'rejected':
    case 'failed':
      return 'delayed';
    case 'cancelled':
      return 'cancelled';
    case 'delivered_to_hub':
      return 'returned';
    case 'delivered':
      return 'delivered';
    case 'pending':
      return 'created';
    default:
      // created, picked_up, in_transit: stages of their own, refined by Bosta's state when known
      return leg.bosta_state_code === null ? leg.status : deliveryStage(leg.bosta_state_code);
  }
}

/** A leg's public facts. */
export function legFacts(leg: LegFacts): TrackedLeg {
  const stage = legStage(leg);
  return { tracking_number: leg.tracking_number, stage, cod_due: codDue(leg.cod, stage), updated_at: leg.updated_at };
}

/** The latest attempt of a case's pickup or shipment back, if any. */
function latest(legs: LegFacts[], kind: LegFacts['leg']): LegFacts | undefined {
  return legs.filter((l) => l.leg === kind).sort((a, b) => b.attempt - a.attempt)[0];
}

const CASE_STAGES: Record<ActionStatus, CaseStage> = {
  requested: 'requested',
  return_ordered: 'pickup_scheduled',
  return_in_transit: 'picked_up',
  return_received: 'received',
  hub_confirmed: 'received',
  pending_review: 'received',
  in_progress: 'in_service',
  outbound_shipped: 'shipped_back',
  completed: 'completed',
  return_failed: 'pickup_failed',
  rejected: 'rejected',
  cancelled: 'cancelled',
};

/** A case status in words. */
export function caseStage(status: ActionStatus): CaseStage {
  return CASE_STAGES[status];
}

/** The usual path of a case: on site there is no pickup; a refund ships nothing back. */
export function casePath(action: Pick<ActionFacts, 'on_site' | 'action_type'>): CaseStage[] {
  if (action.on_site) return ['requested', 'in_service', 'completed'];
  const before: CaseStage[] = ['requested', 'pickup_scheduled', 'picked_up', 'received', 'in_service'];
  return action.action_type === 'return_refund' ? [...before, 'completed'] : [...before, 'shipped_back', 'completed'];
}

const CASE_ANCHOR: Partial<Record<CaseStage, CaseStage>> = { pickup_failed: 'pickup_scheduled', rejected: 'received', cancelled: 'requested' };

/** A case's public facts, with its latest pickup and shipment back. */
export function caseFacts(action: ActionFacts, legs: LegFacts[]): TrackedCase {
  const stage = caseStage(action.action_status);
  const pickup = latest(legs, 'pickup');
  const shipment = latest(legs, 'outbound');
  return {
    case_number: action.case_number,
    type: action.action_type,
    subtype: action.action_subtype,
    status: action.action_status,
    stage,
    steps: stepsOf(casePath(action), stage, CASE_ANCHOR[stage]),
    on_site: action.on_site,
    product: action.product_name,
    created_at: action.created_at,
    updated_at: action.updated_at,
    completed_at: action.completed_at,
    pickup: pickup ? legFacts(pickup) : null,
    shipment: shipment ? legFacts(shipment) : null,
  };
}
