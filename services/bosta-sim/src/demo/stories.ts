import { after, DAY, HOUR, type PlannedOrder, type PlanWindow, timeAgo } from './plan.js';
import { Rng, weightTable } from './random.js';
import { Story } from './story.js';
import { FORCED_STORIES } from './stories.forced.js';

/**
 * Story kinds and how many orders each wants. Customer i's story depends only on (seed, i, count),
 * so it can be rebuilt at any time instead of being kept in memory.
 */

type Kind = 'single' | 'subs' | 'two_mains' | 'late' | 'chain' | 'loyal' | 'trouble' | 'orphan' | 'recent';
const REPEAT_KINDS: readonly (readonly [Kind, number, number, number])[] = [
  // kind, weight, min orders, max orders
  ['subs', 38, 2, 4],
  ['two_mains', 10, 4, 6],
  ['late', 6, 2, 3],
  ['chain', 8, 3, 4],
  ['loyal', 16, 2, 3],
  ['trouble', 8, 2, 3],
  ['orphan', 6, 2, 2],
  ['recent', 1.5, 2, 3],
];
const REPEAT_WEIGHTS = REPEAT_KINDS.map((k) => k[1]);
const REPEAT_TABLE = weightTable(REPEAT_WEIGHTS);

/** What the allocation needs to know about a customer before the story is built. */
export interface Shape {
  kind: Kind | 'forced';
  /** Orders the story wants. */
  n: number;
}

/** Mean length of a repeat customer's story, to pick the share of repeat customers. */
export const MEAN_REPEAT_LENGTH =
  REPEAT_KINDS.reduce((s, [, w, lo, hi]) => s + (w * (lo + hi)) / 2, 0) / REPEAT_WEIGHTS.reduce((a, b) => a + b, 0);

/** The kind and size of customer `index`'s story; draws first from the customer's stream. */
export function drawShape(rng: Rng, index: number, repeatShare: number): Shape {
  const forced = FORCED_STORIES[index];
  if (forced) return { kind: 'forced', n: forced.length };
  if (!rng.chance(repeatShare)) return { kind: 'single', n: 1 };
  const [kind, , lo, hi] = REPEAT_KINDS[rng.weighted(REPEAT_TABLE)] ?? REPEAT_KINDS[0] ?? ['subs', 1, 2, 2];
  return { kind, n: rng.int(lo, hi) };
}

/** Whether the story kind may absorb extra sales when deliveries outnumber the stories' orders. */
export function isLoyal(shape: Shape): boolean {
  return shape.kind === 'loyal';
}

/** The story's stream for customer `index`. */
export function storyRng(seed: number, index: number): Rng {
  return new Rng(seed, 1, index);
}

/** Builds customer `index`'s story with exactly `count` orders. */
export function planCustomer(seed: number, index: number, count: number, repeatShare: number, w: PlanWindow): PlannedOrder[] {
  const rng = storyRng(seed, index);
  const shape = drawShape(rng, index, repeatShare);
  const story = new Story(rng, w);
  const forced = FORCED_STORIES[index];
  if (forced) forced.build(story);
  else BUILDERS[shape.kind === 'forced' ? 'single' : shape.kind](story, shape.n);
  return story.fit(count);
}

function single(s: Story): void {
  const { rng, w } = s;
  const t = timeAgo(rng, w, 0);
  const r = rng.next();
  if (r < 0.85) s.sale(t);
  else if (r < 0.91) s.followUp('maintenance', -1, t);
  else if (r < 0.93) s.followUp('service', -1, t);
  else if (r < 0.95) s.followUp('refund', -1, t);
  else if (r < 0.98) s.followUp('return_pickup', -1, t);
  else s.followUp('exchange', -1, t);
}

/** A sale and 1-3 cases about it, mostly within months, rarely one opened just before it. */
function subs(s: Story, n: number): void {
  const { rng, w } = s;
  const t0 = timeAgo(rng, w, 30);
  const main = s.sale(t0, true);
  while (s.orders.length < n) {
    const early = rng.chance(0.04);
    const from = early ? Math.max(w.start, t0 - rng.int(1, 20) * DAY) : t0;
    s.serviceCase(main, from, early ? 0 : delayDays(rng), n - s.orders.length);
  }
}

function delayDays(rng: Rng): number {
  return Math.round(3 + 297 * rng.next() ** 2);
}

/** Two sales months apart; cases between them and after the second (closest-main rule). */
function twoMains(s: Story, n: number): void {
  const { rng, w } = s;
  const t0 = timeAgo(rng, w, 200);
  const first = s.sale(t0, true);
  const gap = rng.int(90, Math.max(90, Math.min(330, Math.floor(s.ageDays(t0)) - 20)));
  const t1 = after(rng, w, t0, gap);
  const second = s.sale(t1, true);
  s.serviceCase(first, t0, gap * (0.15 + 0.8 * rng.next()), 1);
  while (s.orders.length < n) {
    const onSecond = rng.chance(0.6);
    s.serviceCase(onSecond ? second : first, onSecond ? t1 : t0, rng.int(5, 120), n - s.orders.length);
  }
}

/** A sale, maybe a case within the year, and a follow-up more than 365 days later (must not link). */
function late(s: Story, n: number): void {
  const { rng, w } = s;
  if (s.ageDays(w.start) < 372) return subs(s, n);
  const t0 = timeAgo(rng, w, 371);
  const main = s.sale(t0, true);
  if (n > 2) s.serviceCase(main, t0, rng.int(10, 200), 1);
  const tooLate = after(rng, w, t0, rng.int(367, Math.floor(s.ageDays(t0)) - 1));
  s.followUp(rng.pick(['maintenance', 'service', 'refund'] as const), main, Math.max(tooLate, t0 + 366 * DAY));
}

/** Sale → maintenance → its own follow-up (level 2): a re-service or the maintenance fee refunded. */
function chain(s: Story, n: number): void {
  const { rng, w } = s;
  const t0 = timeAgo(rng, w, 90);
  const main = s.sale(t0, true);
  const tm = after(rng, w, t0, rng.int(15, 60));
  const repair = s.followUp('maintenance', main, tm, s.ageDays(tm) > 5 ? 'delivered' : undefined);
  s.followUp('service', repair, after(rng, w, tm, rng.int(10, 40)));
  if (n > 3) s.followUp(rng.chance(0.5) ? 'refund' : 'return_pickup', repair, after(rng, w, tm, rng.int(12, 50)));
}

/** Repeat buyers: sales spread over the period, nothing else. */
function loyal(s: Story, n: number): void {
  for (let i = 0; i < n; i++) s.sale(timeAgo(s.rng, s.w, 0));
}

/** Refused and cancelled sales, then a re-order. */
function trouble(s: Story, n: number): void {
  const { rng, w } = s;
  const t0 = timeAgo(rng, w, 20);
  s.sale(t0, false, 'returned');
  s.sale(after(rng, w, t0, rng.int(2, 10)), false, rng.chance(0.5) ? 'terminated' : 'returned');
  if (n > 2) s.sale(after(rng, w, t0, rng.int(12, 60)));
}

/** A product bought elsewhere: return pickup and service with no sale to link to (acceptance story 2). */
function orphan(s: Story): void {
  const { rng, w } = s;
  const t = timeAgo(rng, w, 0);
  s.followUp('return_pickup', -1, t);
  s.followUp(rng.chance(0.5) ? 'service' : 'exchange', -1, after(rng, w, t, rng.int(4, 15)));
}

/** A sale last month whose follow-ups are still moving. */
function recent(s: Story, n: number): void {
  const { rng, w } = s;
  const main = s.sale(timeAgo(rng, w, 8, 40), true);
  while (s.orders.length < n) {
    const t = Math.max(w.start, w.now - Math.floor(rng.next() * 7 * DAY) - HOUR);
    s.serviceCase(main, t, 0, 1);
  }
}

const BUILDERS: Record<Kind, (s: Story, n: number) => void> = {
  single, subs, two_mains: twoMains, late, chain, loyal, trouble, orphan, recent,
};
