import { DeliveryEventSchema, type DeliveryEvent } from '../delivery.js';
import { parseBostaCalendarDate } from '../dates.js';
import { parseState, parseTrackingNumber, parseType } from './kind.js';
import {
  attempt, fail, isAbsent, isRecord, optBool, optDate, optInt, optPiastres, optString, show, type NormalizeResult,
} from './read.js';

function build(body: unknown): DeliveryEvent {
  if (!isRecord(body)) return fail('(webhook)', `expected an object, got ${show(body)}`);
  const state = parseState(body.state);
  const type = isAbsent(body.type) ? null : parseType(body.type);
  if (isAbsent(body.timeStamp)) return fail('timeStamp', 'missing');
  const promise = body.deliveryPromiseDate;
  const promiseDate = isAbsent(promise) ? null : parseBostaCalendarDate(promise);
  if (!isAbsent(promise) && promiseDate === null) fail('deliveryPromiseDate', `unparseable date ${show(promise)}`);
  const candidate: DeliveryEvent = {
    id: optString(body._id, '_id'),
    tracking_number: parseTrackingNumber(body.trackingNumber),
    state_code: state.code,
    type_code: type?.code ?? null,
    type_enum: type?.enumName ?? null,
    event_at: optDate(body.timeStamp, 'timeStamp') as string,
    cod_piastres: optPiastres(body.cod, 'cod'),
    is_confirmed_delivery: optBool(body.isConfirmedDelivery, 'isConfirmedDelivery'),
    exception_reason: optString(body.exceptionReason, 'exceptionReason'),
    exception_code: optInt(body.exceptionCode, 'exceptionCode'),
    business_reference: optString(body.businessReference, 'businessReference'),
    attempts_count: optInt(body.numberOfAttempts ?? body.attemptsCount, 'numberOfAttempts'),
    delivery_promise_date: promiseDate,
  };
  const parsed = DeliveryEventSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(issue ? issue.path.join('.') : '(webhook)', issue ? issue.message : 'invalid');
  }
  return parsed.data;
}

/** A Bosta webhook body (bosta-api.md §6: numeric trackingNumber, numeric state, enum type, epoch-ms timeStamp) → `DeliveryEvent`, or the reason it was rejected. */
export function normalizeWebhook(body: unknown): NormalizeResult<DeliveryEvent> {
  return attempt(() => build(body));
}
