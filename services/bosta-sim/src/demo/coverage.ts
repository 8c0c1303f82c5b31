import type { DemoDelivery, DemoOutcome } from './types.js';

/**
 * What a batch of demo deliveries exercises: the domain.md §3 classification rules (default v1, 500
 * EGP threshold), the COD edge values and every outcome. For tests and for the simulator's stats.
 */

/** Rule ids of domain.md §3 (T1, T2, 1..5). */
export type DemoRuleId = 'T1' | 'T2' | 'R1' | 'R2' | 'R3' | 'R4' | 'R5';

/** Counts per rule, COD edge, outcome and type, and the number of distinct phones. */
export interface DemoCoverage {
  total: number;
  byRule: Record<DemoRuleId, number>;
  edges: { cod500_00: number; cod500_01: number; cod0: number; codMinus0_01: number; cod0_01: number };
  byOutcome: Record<DemoOutcome, number>;
  byType: Record<string, number>;
  phones: number;
}

const THRESHOLD = 50_000;

/** The Bosta state code a demo outcome ends in for this type (the simulator's final state). */
export function finalStateCode(type: DemoDelivery['type'], outcome: DemoOutcome): number {
  switch (outcome) {
    case 'delivered':
      return type === 25 ? 46 : 45;
    case 'returned':
      return 46;
    case 'exception':
      return 47;
    case 'terminated':
      return 48;
    case 'in_transit':
      return 41;
    case 'new':
      return 10;
  }
}

/** The domain.md §3 rule a delivery falls under once it reached its final state. */
export function demoRule(d: Pick<DemoDelivery, 'type' | 'outcome' | 'codPiastres'>): DemoRuleId {
  if (d.type === 25) return 'T1';
  if (d.type === 30) return 'T2';
  const delivered = finalStateCode(d.type, d.outcome) === 45;
  if (delivered && d.codPiastres > THRESHOLD) return 'R1';
  if (delivered && d.codPiastres > 0) return 'R2';
  if (delivered && d.codPiastres === 0) return 'R3';
  if (d.codPiastres < 0) return 'R4';
  return 'R5';
}

/** Tallies a batch of demo deliveries. */
export function demoCoverage(deliveries: Iterable<DemoDelivery>): DemoCoverage {
  const byRule: Record<DemoRuleId, number> = { T1: 0, T2: 0, R1: 0, R2: 0, R3: 0, R4: 0, R5: 0 };
  const edges = { cod500_00: 0, cod500_01: 0, cod0: 0, codMinus0_01: 0, cod0_01: 0 };
  const byOutcome: Record<DemoOutcome, number> = { delivered: 0, returned: 0, exception: 0, terminated: 0, in_transit: 0, new: 0 };
  const byType: Record<string, number> = {};
  const phones = new Set<string>();
  let total = 0;
  for (const d of deliveries) {
    total++;
    byRule[demoRule(d)]++;
    byOutcome[d.outcome]++;
    byType[d.type] = (byType[d.type] ?? 0) + 1;
    phones.add(d.receiver.phone);
    if (d.codPiastres === 50_000) edges.cod500_00++;
    else if (d.codPiastres === 50_001) edges.cod500_01++;
    else if (d.codPiastres === 0) edges.cod0++;
    else if (d.codPiastres === -1) edges.codMinus0_01++;
    else if (d.codPiastres === 1) edges.cod0_01++;
  }
  return { total, byRule, edges, byOutcome, byType, phones: phones.size };
}
