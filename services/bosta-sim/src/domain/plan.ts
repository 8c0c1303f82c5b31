import { createRng, type Rng } from './rng.js';
import { FINAL_STATES, type SimTypeCode } from './states.js';

/** One step of a delivery's plan: the state it enters at `at` (epoch ms, sim clock). */
export interface PlanStep {
  state: number;
  at: number;
  exceptionCode?: number;
  exceptionReason?: string;
}

/** How a demo delivery stands at the sim clock's "now" when it is generated. */
export type Outcome = 'delivered' | 'returned' | 'exception' | 'terminated' | 'in_transit' | 'new';

const HOUR = 3_600_000;

/** Exception reasons used for state 47 (codes as integrators classify them). */
export const EXCEPTIONS: readonly { code: number; reason: string }[] = [
  { code: 7, reason: 'Customer is not answering.' },
  { code: 1, reason: 'Customer wants to reschedule.' },
  { code: 5, reason: 'Customer address is wrong or incomplete.' },
  { code: 3, reason: 'Customer refused to receive the shipment.' },
  { code: 13, reason: 'Customer is not available at the address.' },
];

/** Hours a step takes to be reached after the previous one, [min, max], by the state it enters. */
const DURATION_HOURS: Record<number, [number, number]> = {
  21: [2, 20], 22: [4, 30], 23: [1, 4], 24: [1, 8], 30: [2, 12], 40: [4, 30], 41: [4, 24],
  45: [1, 8], 46: [6, 30], 47: [2, 8], 48: [1, 24],
};

/**
 * The happy path per type. SEND and EXCHANGE leave from the business (an exchange delivers the new
 * unit and takes the old one back in the same visit, success = 45 as domain.md verifies outbound
 * work); cash collection goes to the customer; a customer return pickup collects from the customer
 * and ends returned to the business (46).
 */
export function mainPath(type: SimTypeCode): number[] {
  if (type === 10 || type === 30) return [10, 21, 24, 30, 41, 45];
  if (type === 15) return [11, 40, 45];
  return [10, 22, 23, 24, 30, 41, 46];
}

/** The state a failed attempt goes back to before trying again (41 out for delivery, 40 or 22 for pickups). */
export function attemptState(type: SimTypeCode): number {
  return type === 15 ? 40 : type === 25 ? 22 : 41;
}

/** The sequence of states for an outcome and where "now" falls in it (`current`, an index). */
export function statePath(type: SimTypeCode, outcome: Outcome, rng: Rng): { states: number[]; current: number } {
  const main = mainPath(type);
  const first = main[0] as number;
  const attempt = attemptState(type);
  const cut = main.indexOf(attempt);
  const before = main.slice(0, cut + 1);
  const after = main.slice(cut + 1);
  switch (outcome) {
    case 'new':
      return { states: main, current: 0 };
    case 'terminated':
      return { states: [first, 48], current: 1 };
    case 'in_transit':
      return { states: main, current: rng.int(1, main.length - 2) };
    case 'exception':
      return { states: [...before, 47, attempt, ...after], current: before.length };
    case 'returned': {
      if (type === 25) return { states: main, current: main.length - 1 };
      const states = [...before, 47, attempt, 47, 46];
      return { states, current: states.length - 1 };
    }
    case 'delivered': {
      const states = rng.chance(0.2) ? [...before, 47, attempt, ...after] : main;
      return { states, current: states.length - 1 };
    }
  }
}

function stepDuration(state: number, rng: Rng): number {
  const [min, max] = DURATION_HOURS[state] ?? [2, 12];
  return Math.round((min + rng.next() * (max - min)) * HOUR);
}

function withException(state: number, at: number, rng: Rng): PlanStep {
  if (state !== 47) return { state, at };
  const ex = rng.pick(EXCEPTIONS);
  return { state, at, exceptionCode: ex.code, exceptionReason: ex.reason };
}

/**
 * A delivery's plan: steps with times such that at `now` exactly `states[0..current]` are reached.
 * Past steps are squeezed into [createdAt, now] when their natural durations would overrun; future
 * steps start after `now` with their natural durations.
 */
export function buildPlan(opts: { type: SimTypeCode; outcome: Outcome; createdAt: number; now: number; seed: number }): PlanStep[] {
  const rng = createRng(opts.seed);
  const { states, current } = statePath(opts.type, opts.outcome, rng);
  const durations = states.map((s, i) => (i === 0 ? 0 : stepDuration(s, rng)));
  const pastTotal = durations.slice(0, current + 1).reduce((a, b) => a + b, 0);
  const room = Math.max(0, opts.now - opts.createdAt - 1);
  const scale = pastTotal > room ? room / pastTotal : 1;
  const steps: PlanStep[] = [];
  let at = opts.createdAt;
  states.forEach((state, i) => {
    const d = durations[i] ?? 0;
    if (i <= current) at += Math.floor(d * scale);
    else at = Math.max(at, i === current + 1 ? opts.now : at) + d;
    steps.push(withException(state, at, rng));
  });
  return steps;
}

/** A plan for a delivery created now through the API: mostly delivered, some with failed attempts. */
export function buildLivePlan(type: SimTypeCode, createdAt: number, seed: number): PlanStep[] {
  const rng = createRng(seed);
  const roll = rng.next();
  const outcome: Outcome = roll < 0.1 ? 'returned' : 'delivered';
  // "now" = createdAt: only the first step is reached, everything else lies ahead.
  const { states } = statePath(type, outcome, rng);
  return timed(states, createdAt, rng);
}

function timed(states: number[], start: number, rng: Rng): PlanStep[] {
  let at = start;
  return states.map((state, i) => {
    if (i > 0) at += stepDuration(state, rng);
    return withException(state, at, rng);
  });
}

/**
 * What follows when a delivery is moved to `state` by hand (admin API) at `at`: the rest of its
 * type's main path (after an exception: a new attempt, then the final state), nothing after a final
 * state or an unknown one.
 */
export function continuePlan(type: SimTypeCode, state: number, at: number, seed: number): PlanStep[] {
  if (FINAL_STATES.has(state)) return [];
  const main = mainPath(type);
  const rng = createRng(seed);
  const rest = state === 47 ? [attemptState(type), ...main.slice(main.indexOf(attemptState(type)) + 1)] : main.slice(main.indexOf(state) + 1);
  if (state !== 47 && !main.includes(state)) return [];
  return timed([state, ...rest], at, rng).slice(1);
}

/** Number of steps reached at time `t` (steps are ordered by time). */
export function reachedAt(plan: readonly PlanStep[], t: number): number {
  let n = 0;
  while (n < plan.length && (plan[n] as PlanStep).at <= t) n++;
  return n;
}
