import { DAY, HOUR } from './plan.js';
import type { Story } from './story.js';

/**
 * Stories of the first customers, fixed so every generation (of ≥ 40 deliveries) contains each
 * classification rule, the COD edge values (500.00, 500.01, 0, 0.01, -0.01), the type rules taking
 * precedence over COD rules, the closest-main and 365-day link rules, a level-2 chain and orders in
 * every outcome. Times are relative to now, so they need a period of at least 460 days.
 */
export interface ForcedStory {
  length: number;
  build(story: Story): void;
}

const ago = (s: Story, days: number): number => Math.max(s.w.start, s.w.now - days * DAY - s.rng.int(0, 180) * 60_000);

export const FORCED_STORIES: readonly ForcedStory[] = [
  {
    length: 5, // edges of rules 2, 3 and 4
    build(s) {
      const main = s.sale(ago(s, 200), true);
      s.exact('maintenance', main, ago(s, 180), 10, 50_000, 'delivered');
      s.exact('maintenance', main, ago(s, 170), 10, 1, 'delivered');
      s.exact('service', main, ago(s, 160), 10, 0, 'delivered');
      s.exact('refund', main, ago(s, 150), 15, -1, 'delivered');
    },
  },
  {
    length: 5, // edge of rule 1; T1/T2 win over the COD rules
    build(s) {
      const main = s.exact('main', -1, ago(s, 150), 10, 50_001, 'delivered');
      s.exact('return_pickup', main, ago(s, 140), 25, 0, 'delivered');
      s.exact('exchange', main, ago(s, 130), 30, 60_000, 'delivered');
      s.exact('return_pickup', main, ago(s, 120), 25, -15_000, 'delivered');
      s.exact('exchange', main, ago(s, 110), 30, -20_000, 'delivered');
    },
  },
  {
    length: 5, // two mains: the closest one wins, preferring the one before the sub
    build(s) {
      const t0 = ago(s, 400);
      const first = s.sale(t0, true);
      s.exact('maintenance', first, t0 + 40 * DAY, 10, 20_000, 'delivered');
      const second = s.sale(t0 + 200 * DAY, true);
      s.exact('service', second, t0 + 190 * DAY, 10, 0, 'delivered');
      s.exact('refund', second, t0 + 260 * DAY, 15, -30_000, 'delivered');
    },
  },
  {
    length: 3, // 364 days links, 366 days does not
    build(s) {
      const t0 = ago(s, 450);
      const main = s.sale(t0, true);
      s.exact('maintenance', main, t0 + 364 * DAY + HOUR, 10, 15_000, 'delivered');
      s.exact('service', main, t0 + 366 * DAY, 10, 0, 'delivered');
    },
  },
  {
    length: 4, // level 2: follow-ups of a maintenance order
    build(s) {
      const main = s.sale(ago(s, 300), true);
      const repair = s.exact('maintenance', main, ago(s, 270), 10, 25_000, 'delivered');
      s.exact('service', repair, ago(s, 255), 10, 0, 'delivered');
      s.exact('refund', repair, ago(s, 250), 15, -25_000, 'delivered');
    },
  },
  {
    length: 4, // operational: returned, terminated, stuck in exception, then a delivered re-order
    build(s) {
      s.sale(ago(s, 100), false, 'returned');
      s.sale(ago(s, 95), false, 'terminated');
      s.sale(ago(s, 60), false, 'exception');
      s.sale(ago(s, 50), true);
    },
  },
  {
    length: 7, // in flight: every open outcome, refunds negative whatever the state
    build(s) {
      const main = s.sale(ago(s, 30), true);
      s.exact('maintenance', main, ago(s, 1), 10, 15_000, 'in_transit');
      s.exact('service', main, ago(s, 2), 10, 0, 'exception');
      s.exact('refund', main, s.w.now - 3 * HOUR, 15, -5_000, 'new');
      s.exact('return_pickup', main, s.w.now - 2 * HOUR, 25, 0, 'new');
      s.exact('exchange', main, ago(s, 1.5), 30, 0, 'exception');
      s.sale(s.w.now - HOUR, false, 'new');
    },
  },
  {
    length: 2, // no sale at all: subs that stay unlinked
    build(s) {
      s.exact('maintenance', -1, ago(s, 80), 10, 30_000, 'delivered');
      s.exact('return_pickup', -1, ago(s, 70), 25, 0, 'delivered');
    },
  },
  {
    length: 4, // rule 5 with COD 0 / ≤ 500 when not delivered; rule 4 when returned or terminated
    build(s) {
      s.exact('service', -1, ago(s, 120), 10, 0, 'returned');
      s.exact('maintenance', -1, ago(s, 110), 10, 20_000, 'terminated');
      s.exact('refund', -1, ago(s, 100), 10, -30_000, 'returned');
      s.exact('refund', -1, ago(s, 90), 15, -12_000, 'terminated');
    },
  },
];
