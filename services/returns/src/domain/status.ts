import type { z } from 'zod';
import type { LegKindSchema, OutboundStatusSchema, ReturnStatusSchema } from '@hvar/contracts';

/** Which leg of a case: the pickup from the customer, or the delivery back to them. */
export type LegKind = z.infer<typeof LegKindSchema>;
/** A pickup's status (domain.md §7, plus `rejected`). */
export type PickupStatus = z.infer<typeof ReturnStatusSchema>;
/** An outbound delivery's status. */
export type OutboundStatus = z.infer<typeof OutboundStatusSchema>;
/** Any leg status. */
export type LegStatus = PickupStatus | OutboundStatus;

/**
 * Bosta state code → pickup status (type 25, bosta-api.md §5; the simulator's CRP timeline is
 * 10→22→23→24→30→41→46). Before the courier has the parcel (10 requested, 11/20 routing, 22/40 on the
 * way to the customer) the pickup is `created`; 21/23 picked up; 24 (warehouse), 30 (between hubs)
 * and 41 (out to the business) `in_transit`; 46 returned to the business = `delivered_to_hub` (45
 * too, should Bosta ever report a CRP as delivered); 48/49 `cancelled`; 100/101 (lost, damaged)
 * `failed`. 47 (exception), 102-105 (investigation, awaiting action, archived, on hold) and unknown
 * codes change nothing.
 */
const PICKUP: Readonly<Record<number, PickupStatus>> = {
  10: 'created', 11: 'created', 20: 'created', 22: 'created', 40: 'created',
  21: 'picked_up', 23: 'picked_up',
  24: 'in_transit', 30: 'in_transit', 41: 'in_transit',
  45: 'delivered_to_hub', 46: 'delivered_to_hub',
  48: 'cancelled', 49: 'cancelled',
  100: 'failed', 101: 'failed',
};

/**
 * Bosta state code → outbound status (types 10 and 30; timeline 10→21→24→30→41→45). 10/11/20
 * `created`; 21-24, 30, 40, 41 on the way (`in_transit`; 22/23 are the exchange's collection of the
 * old unit); 45 `delivered`; 46 (returned to the business after failed attempts), 100, 101 `failed`;
 * 48/49 `cancelled`. 47 (a failed attempt that will be retried) and 102-105 change nothing.
 */
const OUTBOUND: Readonly<Record<number, OutboundStatus>> = {
  10: 'created', 11: 'created', 20: 'created',
  21: 'in_transit', 22: 'in_transit', 23: 'in_transit', 24: 'in_transit', 30: 'in_transit', 40: 'in_transit', 41: 'in_transit',
  45: 'delivered',
  46: 'failed', 100: 'failed', 101: 'failed',
  48: 'cancelled', 49: 'cancelled',
};

/** The leg status a Bosta state means, or null when the state changes nothing. */
export function statusForState(leg: LegKind, stateCode: number): LegStatus | null {
  const table = leg === 'pickup' ? PICKUP : OUTBOUND;
  return Object.hasOwn(table, stateCode) ? (table[stateCode] ?? null) : null;
}

/** Order of statuses: a leg only moves to a higher rank, so each status is reached at most once. */
const RANK: Readonly<Record<LegKind, Readonly<Record<string, number>>>> = {
  pickup: { pending: 0, rejected: 0, created: 1, picked_up: 2, in_transit: 3, delivered_to_hub: 4, failed: 4, cancelled: 4 },
  outbound: { pending: 0, rejected: 0, created: 1, in_transit: 2, delivered: 3, failed: 3, cancelled: 3 },
};

/** Statuses after which nothing changes a leg any more. */
const FINAL: Readonly<Record<LegKind, ReadonlySet<string>>> = {
  pickup: new Set(['delivered_to_hub', 'failed', 'cancelled']),
  outbound: new Set(['delivered', 'failed', 'cancelled']),
};

/** Whether a leg in `status` is done (Bosta's later states no longer move it). */
export function isFinal(leg: LegKind, status: string): boolean {
  return FINAL[leg].has(status);
}

/** Whether a leg may move from `from` to `to`: forward only, never out of a final status. */
export function movesForward(leg: LegKind, from: string, to: string): boolean {
  if (isFinal(leg, from)) return false;
  return (RANK[leg][to] ?? -1) > (RANK[leg][from] ?? Number.MAX_SAFE_INTEGER);
}
