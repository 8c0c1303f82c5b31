import { endOfDay, toDdMmYyyy } from './dates.js';
import type { SimDelivery } from './delivery.js';
import type { PlanStep } from './plan.js';
import { attemptsCount } from './render.js';
import { TYPE_ENUMS } from './states.js';

/**
 * The webhook body Bosta posts when a delivery enters `step` (bosta-api.md §6): top-level fields,
 * `trackingNumber` as a number, `state` as a number, `type` as the enum string, `cod` only when
 * delivered, `exceptionReason`/`exceptionCode` only in Exception (47).
 */
export function webhookBody(d: SimDelivery, step: PlanStep, reached: number): Record<string, unknown> {
  const body: Record<string, unknown> = {
    _id: d.id,
    trackingNumber: Number(d.trackingNumber),
    state: step.state,
    type: TYPE_ENUMS[d.type],
    timeStamp: step.at,
    deliveryPromiseDate: toDdMmYyyy(endOfDay(d.createdAt, 3)),
  };
  if (step.state === 45) body.cod = d.cod;
  body.isConfirmedDelivery = step.state === 45 && (d.style & 4) === 4;
  if (step.state === 47) {
    body.exceptionReason = step.exceptionReason;
    body.exceptionCode = step.exceptionCode;
  }
  body.businessReference = d.businessReference;
  body.numberOfAttempts = attemptsCount(d, reached);
  return body;
}
