import { endOfDay, iso, toBostaDateString, toDdMmYyyy } from './dates.js';
import { computeUpdatedAt, currentStep, type SimDelivery } from './delivery.js';
import { attemptState, type PlanStep } from './plan.js';
import { MASKED_STATES, STATE_VALUES, TYPE_VALUES, timelineValue } from './states.js';

type Json = Record<string, unknown>;

const SENDER = { _id: 'hvarBiz01', name: 'HVAR', phone: '+201000000000', type: 'BUSINESS_ACCOUNT' };
const WAREHOUSES = ['El-Sharkia Hub', 'Mostorod Hub', 'Giza Hub', 'Alexandria Hub'];
const STARS = [
  { name: 'Mahmoud Saeed', phone: '+201112223344' },
  { name: 'Karim Fathy', phone: '+201223334455' },
  { name: 'Omar Nabil', phone: '+201554445566' },
];
const FEES: Record<number, number> = { 10: 55, 15: 40, 25: 60, 30: 70 };

/** Shipment fee (EGP) of a delivery: a base per type plus a small deterministic spread. */
export function shipmentFees(d: SimDelivery): number {
  return (FEES[d.type] ?? 55) + (d.seq % 21) * 0.45;
}

/** How many attempts (out-for-delivery / pickup legs) the reached steps contain. */
export function attemptsCount(d: SimDelivery, reached = d.reached): number {
  const attempt = attemptState(d.type);
  let n = 0;
  for (let i = 0; i < reached; i++) if (d.plan[i]?.state === attempt) n++;
  return n;
}

function lastAt(steps: readonly PlanStep[], state: number): number | undefined {
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i]?.state === state) return steps[i]?.at;
  return undefined;
}

function stateObject(d: SimDelivery, steps: readonly PlanStep[], step: PlanStep): Json {
  const state: Json = { code: step.state, value: STATE_VALUES[step.state] ?? `State ${step.state}` };
  const pickedUp = lastAt(steps, d.type === 10 ? 21 : 23);
  if (pickedUp !== undefined) state.pickedUpTime = iso(pickedUp);
  const warehouse = lastAt(steps, 24);
  if (warehouse !== undefined) state.receivedAtWarehouse = { time: iso(warehouse), warehouse: { name: WAREHOUSES[d.seq % WAREHOUSES.length] } };
  const delivered = lastAt(steps, 45);
  if (delivered !== undefined) {
    state.delivering = { time: iso(delivered) };
    state.deliveryTime = iso(delivered);
  }
  const returned = lastAt(steps, 46);
  if (returned !== undefined) state.returnedToBusiness = iso(returned);
  if (step.state === 47) state.exception = { time: iso(step.at), reason: step.exceptionReason, code: step.exceptionCode };
  return state;
}

function wallet(d: SimDelivery, final: number): Json | undefined {
  if (final !== 45 && final !== 46) return undefined;
  const fees = shipmentFees(d);
  const cod = final === 45 ? d.cod : 0;
  const deposited = Math.round((cod - fees) * 100) / 100;
  const asString = (d.style & 1) === 1;
  return { cashCycle: { cod: asString ? String(cod) : cod, bosta_fees: asString ? fees.toFixed(2) : fees, deposited_amt: deposited } };
}

function sla(d: SimDelivery, doneAt: number | undefined, updatedAt: number): Json {
  const order = endOfDay(d.createdAt, 2);
  const e2e = endOfDay(d.createdAt, 3);
  const at = doneAt ?? updatedAt;
  return {
    orderSla: { orderSlaTimestamp: iso(order), isExceededOrderSla: at > order },
    e2eSla: { e2eSlaTimestamp: iso(e2e), isExceededE2ESla: at > e2e },
  };
}

function receiver(d: SimDelivery): Json {
  const r = d.receiver;
  return { firstName: r.firstName, lastName: r.lastName, fullName: `${r.firstName} ${r.lastName}`.trim(), phone: r.phone, secondPhone: r.secondPhone };
}

/**
 * The delivery object of `POST /deliveries/search` items (bosta-api.md §9.1 minus `shipmentFees`
 * and `history`) as it stood after `reached` plan steps. Only the delivery's own data and plan go
 * in, never the clock, so the result can be cached until the delivery changes.
 */
export function renderSearchItem(d: SimDelivery, reached = d.reached): Json {
  const steps = d.plan.slice(0, Math.max(1, reached));
  const step = currentStep(d, reached);
  const updatedAt = reached === d.reached ? computeUpdatedAt(d) : Math.max(step.at, d.createdAt);
  const doneAt = lastAt(steps, 45) ?? lastAt(steps, 46);
  const out: Json = {
    _id: d.id,
    trackingNumber: d.trackingNumber,
    type: { code: d.type, value: TYPE_VALUES[d.type] },
    state: stateObject(d, steps, step),
    maskedState: MASKED_STATES[step.state] ?? 'In progress',
    cod: d.cod,
    paymentMethod: d.cod > 0 ? 'COD' : 'PREPAID',
    isConfirmedDelivery: step.state === 45 && (d.style & 4) === 4,
    allowToOpenPackage: d.allowToOpenPackage,
    notes: d.notes,
    businessReference: d.businessReference,
    uniqueBusinessReference: d.uniqueBusinessReference,
    receiver: receiver(d),
  };
  if (d.dropOffAddress) out.dropOffAddress = d.dropOffAddress;
  if (d.pickupAddress) out.pickupAddress = d.pickupAddress;
  if (d.specs) out.specs = d.specs;
  if (d.returnSpecs) out.returnSpecs = d.returnSpecs;
  if (d.type === 25) {
    out.pickupRequestId = `07${String(d.seq).padStart(10, '0')}`;
    out.pickupRequestType = 'Customer Return Pickup';
  }
  out.sender = SENDER;
  if (steps.some((s) => s.state === 40 || s.state === 41 || s.state === 22)) out.star = STARS[d.seq % STARS.length];
  out.timeline = steps.map((s) => ({ value: timelineValue(d.type, s.state), code: s.state, done: true, date: iso(s.at) }));
  const attempts = attemptsCount(d, reached);
  out.attemptsCount = attempts;
  out.deliveryAttemptsLength = attempts;
  out.callsNumber = attempts * 2;
  out.smsNumber = attempts;
  const cash = wallet(d, step.state);
  if (cash) out.wallet = cash;
  out.sla = sla(d, doneAt, updatedAt);
  const outAt = lastAt(steps, 41) ?? lastAt(steps, 40);
  if (outAt !== undefined) out.scheduledAt = iso(endOfDay(outAt));
  out.deliveryPromiseDate = toDdMmYyyy(endOfDay(d.createdAt, 3));
  if (step.state === 47) {
    out.exceptionReason = step.exceptionReason;
    out.exceptionCode = step.exceptionCode;
  }
  out.creationTimestamp = d.createdAt;
  out.createdAt = toBostaDateString(d.createdAt, (d.style & 2) === 2);
  out.updatedAt = toBostaDateString(updatedAt, (d.style & 2) === 2);
  return out;
}

/** The extra fields of the single-delivery GET: `shipmentFees` and `history`. */
export function renderDetailExtras(d: SimDelivery, reached = d.reached): Json {
  const steps = d.plan.slice(0, Math.max(1, reached));
  return {
    shipmentFees: shipmentFees(d),
    history: steps.map((s) => ({ code: s.state, value: STATE_VALUES[s.state] ?? `State ${s.state}`, date: iso(s.at) })),
  };
}

/** Deep-merges `patch` into `target` (objects merge, anything else replaces). */
export function deepMerge(target: Json, patch: Json): Json {
  const out: Json = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    const base = out[key];
    out[key] = isPlainObject(value) && isPlainObject(base) ? deepMerge(base, value) : value;
  }
  return out;
}

function isPlainObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
