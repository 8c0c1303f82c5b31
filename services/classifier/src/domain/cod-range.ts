import { formatEgp } from './money.js';

/** A comparison a rule makes on the COD. */
export type CodOp = 'gt' | 'gte' | 'lt' | 'lte' | 'eq';

/** One resolved bound of a rule: the operator, the amount in piastres and how it was written. */
export interface CodBound {
  op: CodOp;
  piastres: number;
  /** `500` or `$main_cod_threshold`, for messages. */
  written: string;
}

/**
 * The COD amounts (whole piastres) a rule accepts: `lo..hi` inclusive, open ends as infinities.
 * COD is an integer number of piastres, so `gt 500` is exactly `lo = 50001`: ranges compare exactly,
 * and a condition such as `gt 0 and lt 0.01` is recognised as empty.
 */
export interface CodRange {
  lo: number;
  hi: number;
  /** The bound that set `lo` / `hi` (undefined while that end is open), for messages. */
  loBound?: CodBound | undefined;
  hiBound?: CodBound | undefined;
}

/** Every COD amount. */
export const ANY_COD: CodRange = { lo: -Infinity, hi: Infinity };

const SYMBOL: Record<CodOp, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '=' };

/** Narrows `range` by one bound (the intersection of both). */
export function narrow(range: CodRange, bound: CodBound): CodRange {
  const { op, piastres } = bound;
  const lo = op === 'gt' ? piastres + 1 : op === 'gte' || op === 'eq' ? piastres : -Infinity;
  const hi = op === 'lt' ? piastres - 1 : op === 'lte' || op === 'eq' ? piastres : Infinity;
  const next: CodRange = { ...range };
  if (lo > range.lo) Object.assign(next, { lo, loBound: bound });
  if (hi < range.hi) Object.assign(next, { hi, hiBound: bound });
  return next;
}

/** True when no amount satisfies the range. */
export function isEmptyRange(range: CodRange): boolean {
  return range.lo > range.hi;
}

/** Whether `piastres` lies in the range. */
export function inRange(range: CodRange, piastres: number): boolean {
  return piastres >= range.lo && piastres <= range.hi;
}

/** `cod > 500.00 ($main_cod_threshold)`: one bound as a reader wants to see it. */
export function describeBound(bound: CodBound): string {
  const amount = formatEgp(bound.piastres);
  return bound.written.startsWith('$') ? `cod ${SYMBOL[bound.op]} ${amount} (${bound.written})` : `cod ${SYMBOL[bound.op]} ${amount}`;
}

/** Why an empty range is empty: the two bounds that exclude each other. */
export function describeConflict(range: CodRange): string {
  const { loBound, hiBound } = range;
  if (!loBound || !hiBound) return 'its COD bounds leave no amount';
  if (loBound === hiBound) return `${describeBound(loBound)} leaves no amount`;
  return `${describeBound(loBound)} and ${describeBound(hiBound)} leave no amount in whole piastres`;
}
