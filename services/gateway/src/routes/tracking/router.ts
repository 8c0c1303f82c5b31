import { isAppError, AppError } from '@hvar/platform';
import type { z } from 'zod';
import type { GatewayDeps } from '../../deps.js';
import { ProblemSchema } from '../../http/problem.js';
import { route, type AnyRoute } from '../../http/route.js';
import { forwardGet, serviceClient, type ForwardQuery } from '../../http/service-client.js';
import { seg } from '../order-ref.js';
import { countTrackAttempt } from './limit.js';
import { CASE_NUMBER, TrackBody, TrackingAnswerSchema, type TrackedCase, type TrackingAnswer } from './schemas.js';
import { ActionFacts, LegFacts, OrderFacts, caseFacts, deliveryFacts, phoneMatches } from './track.js';

/** How many of a parcel's cases the page shows (newest first). */
const MAX_CASES = 5;

/** Unknown code and wrong digits answer the same, so codes cannot be probed. */
const noMatch = () => new AppError('not_found', 'No parcel or case matches this code and phone digits.');

function read(deps: GatewayDeps, service: string, path: string, query?: ForwardQuery): Promise<unknown> {
  return forwardGet(serviceClient(deps), service, path, query);
}

/** A read whose 404 means "nothing here" rather than a failure. */
async function readOrNull<T>(schema: z.ZodType<T>, deps: GatewayDeps, service: string, path: string): Promise<T | null> {
  try {
    return schema.parse(await read(deps, service, path));
  } catch (err) {
    if (isAppError(err) && err.type === 'not_found') return null;
    throw err;
  }
}

/** A case with its legs (from the returns service). */
async function withLegs(deps: GatewayDeps, action: ActionFacts): Promise<TrackedCase> {
  const page = (await read(deps, 'returns', '/returns', { action_id: action.action_id, limit: 50 })) as { items: unknown[] };
  return caseFacts(action, page.items.map((l) => LegFacts.parse(l)));
}

/**
 * The cases naming a parcel as their order, and the case whose pickup or shipment back the parcel is
 * (the tracking number Bosta texted the customer), with that leg.
 */
async function actionsOfParcel(deps: GatewayDeps, trackingNumber: string): Promise<{ actions: ActionFacts[]; leg: LegFacts | null }> {
  const [named, leg] = await Promise.all([
    read(deps, 'service-action', '/actions', { order_id: trackingNumber, limit: MAX_CASES }) as Promise<{ items: unknown[] }>,
    readOrNull(LegFacts, deps, 'returns', `/returns/${seg(trackingNumber)}`),
  ]);
  const actions = named.items.map((a) => ActionFacts.parse(a));
  if (leg && !actions.some((a) => a.action_id === leg.action_id)) {
    const own = await readOrNull(ActionFacts, deps, 'service-action', `/actions/${seg(leg.action_id)}`);
    if (own) actions.unshift(own);
  }
  return { actions, leg };
}

/**
 * A tracking number: the parcel from the order book, then this customer's cases of it. A case's leg
 * shows the case's product: its Bosta description is our own note about the case.
 */
async function trackParcel(deps: GatewayDeps, body: TrackBody): Promise<TrackingAnswer> {
  const order = await readOrNull(OrderFacts, deps, 'sync', `/orders/tracking/${seg(body.code)}`);
  if (!order || !phoneMatches(order.receiver_phone, body.phone_last4)) throw noMatch();
  const { actions, leg } = await actionsOfParcel(deps, body.code);
  const mine = actions.filter((a) => phoneMatches(a.customer_phone, body.phone_last4)).slice(0, MAX_CASES);
  const delivery = deliveryFacts(order);
  if (leg) delivery.product = mine.find((a) => a.action_id === leg.action_id)?.product_name ?? null;
  return { code: body.code, delivery, cases: await Promise.all(mine.map((a) => withLegs(deps, a))) };
}

/** A case number: the case and its legs. */
async function trackCase(deps: GatewayDeps, body: TrackBody): Promise<TrackingAnswer> {
  const action = await readOrNull(ActionFacts, deps, 'service-action', `/actions/${seg(body.code)}`);
  if (!action || !phoneMatches(action.customer_phone, body.phone_last4)) throw noMatch();
  return { code: body.code, delivery: null, cases: [await withLegs(deps, action)] };
}

/**
 * The customers' tracking page (`/track/{code}` in the console): public, answers only plain facts
 * after the last 4 digits of the phone match, and counts every attempt per client address.
 */
export const trackingRoutes: AnyRoute<GatewayDeps>[] = [
  route<GatewayDeps, undefined, undefined, TrackBody>({
    method: 'post', path: '/api/v1/public/track', summary: "A customer's parcel or service case by its code and the last 4 digits of the phone", tag: 'Public tracking',
    access: 'public', body: TrackBody,
    responses: {
      200: { description: 'The parcel and its cases, or the case: stages, dates and amounts only (no names, phones or addresses)', schema: TrackingAnswerSchema },
      404: { description: 'No parcel or case matches this code and phone digits (unknown code and wrong digits answer the same)', schema: ProblemSchema },
      429: { description: 'Too many attempts from this address (TRACK_RATE_LIMIT per 15 minutes)', schema: ProblemSchema },
      503: { description: 'A service behind the page is not available', schema: ProblemSchema },
    },
    handler: async ({ body, ip }, deps) => {
      await countTrackAttempt(deps, ip);
      const answer = CASE_NUMBER.test(body.code) ? await trackCase(deps, body) : await trackParcel(deps, body);
      return { status: 200, body: answer, headers: { 'cache-control': 'no-store' } };
    },
  }),
];
