import { describe, expect, it } from 'vitest';
import { buildLivePlan, buildPlan, continuePlan, mainPath, reachedAt, statePath, type Outcome } from './plan.js';
import { createRng } from './rng.js';
import type { SimTypeCode } from './states.js';

const NOW = Date.parse('2026-11-01T10:00:00Z');
const DAY = 86_400_000;
const TYPES: SimTypeCode[] = [10, 15, 25, 30];
const OUTCOMES: Outcome[] = ['delivered', 'returned', 'exception', 'terminated', 'in_transit', 'new'];
const FINAL: Record<Outcome, (type: SimTypeCode) => number[] | null> = {
  delivered: (t) => [t === 25 ? 46 : 45],
  returned: () => [46],
  exception: () => [47],
  terminated: () => [48],
  in_transit: () => null,
  new: (t) => [t === 15 ? 11 : 10],
};

describe('plan engine', () => {
  it('puts every type and outcome in the promised state at now, with later steps in the future', () => {
    for (const type of TYPES) {
      for (const outcome of OUTCOMES) {
        for (let seed = 1; seed <= 40; seed++) {
          for (const age of [0, 60_000, 3 * 3_600_000, 30 * DAY]) {
            const plan = buildPlan({ type, outcome, createdAt: NOW - age, now: NOW, seed });
            const reached = reachedAt(plan, NOW);
            const current = plan[reached - 1];
            expect(reached, `${type}/${outcome}/${seed}/${age}`).toBeGreaterThan(0);
            const expected = FINAL[outcome](type);
            if (expected) expect(expected).toContain(current?.state);
            else expect([0, plan.length - 1]).not.toContain(reached - 1);
            expect(plan.slice(reached).every((s) => s.at > NOW)).toBe(true);
            expect(plan.every((s, i) => i === 0 || s.at >= (plan[i - 1]?.at ?? 0))).toBe(true);
            expect(plan[0]?.at).toBe(NOW - age);
            expect(plan.filter((s) => s.state === 47).every((s) => s.exceptionCode !== undefined && s.exceptionReason)).toBe(true);
          }
        }
      }
    }
  });

  it('follows the per-type main paths', () => {
    expect(mainPath(10)).toEqual([10, 21, 24, 30, 41, 45]);
    expect(mainPath(15)).toEqual([11, 40, 45]);
    expect(mainPath(25)).toEqual([10, 22, 23, 24, 30, 41, 46]);
    expect(statePath(10, 'terminated', createRng(1)).states).toEqual([10, 48]);
    expect(statePath(10, 'returned', createRng(1)).states).toEqual([10, 21, 24, 30, 41, 47, 41, 47, 46]);
    expect(statePath(25, 'exception', createRng(1))).toEqual({ states: [10, 22, 47, 22, 23, 24, 30, 41, 46], current: 2 });
  });

  it('is deterministic per seed', () => {
    const a = buildPlan({ type: 10, outcome: 'in_transit', createdAt: NOW - DAY, now: NOW, seed: 5 });
    expect(buildPlan({ type: 10, outcome: 'in_transit', createdAt: NOW - DAY, now: NOW, seed: 5 })).toEqual(a);
    const live = buildLivePlan(30, NOW, 9);
    expect(buildLivePlan(30, NOW, 9)).toEqual(live);
    expect(reachedAt(live, NOW)).toBe(1);
  });

  it('continues after a manual move, and stops after a final state', () => {
    expect(continuePlan(10, 47, NOW, 1).map((s) => s.state)).toEqual([41, 45]);
    expect(continuePlan(25, 23, NOW, 1).map((s) => s.state)).toEqual([24, 30, 41, 46]);
    expect(continuePlan(15, 45, NOW, 1)).toEqual([]);
    expect(continuePlan(10, 105, NOW, 1)).toEqual([]);
    expect(continuePlan(10, 21, NOW, 1).every((s) => s.at > NOW)).toBe(true);
  });
});
