import type { ClassificationRule, RuleSetInput } from '@hvar/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRules } from './compile-rules.js';
import { analyzeCoverage } from './rule-coverage.js';
import { createRuleEngine } from './rule-engine.js';
import type { OrderFacts } from './rule-set-problem.js';
import { validateRuleSet } from './validate-rule-set.js';

/**
 * The compiled engine and the coverage analysis, checked against the most literal reading of a rule
 * set: walk the rules in order and compare the COD with each written bound. Small value domains
 * make overlapping, shadowed and contradictory rules common.
 */

const TYPES = [10, 20, 25, 30];
const STATES = [41, 45, 46, 47];
const AMOUNTS = [-1, -0.01, 0, 0.01, 1, 5, 499.99, 500, 500.01];
const PARAMETERS = { low: 0, mid: 5, threshold: 500 };
type Op = 'gt' | 'gte' | 'lt' | 'lte' | 'eq';
const OPS: Op[] = ['gt', 'gte', 'lt', 'lte', 'eq'];

const bound = fc.oneof(fc.constantFrom(...AMOUNTS), fc.constantFrom('$low', '$mid', '$threshold'));
const cod = fc.record({ gt: bound, gte: bound, lt: bound, lte: bound, eq: bound }, { requiredKeys: [] });
const when = fc.record(
  { type_codes: fc.subarray(TYPES, { minLength: 1 }), state_codes: fc.subarray(STATES, { minLength: 1 }), cod },
  { requiredKeys: [] },
);
// Rules on the COD alone: gaps and shadowing then come from the amounts only.
const codOnly = cod.map((c): ClassificationRule['when'] => ({ cod: c }));
const ruleSetOf = (conditions: fc.Arbitrary<ClassificationRule['when']>) => fc.array(conditions, { minLength: 1, maxLength: 7 }).map(
  (conditions): RuleSetInput => ({
    parameters: PARAMETERS,
    rules: conditions.map((w, i): ClassificationRule => ({
      id: `R${i}`, description: '', when: w, then: { business_category: `C${i}`, service_type: 'operational', order_level: i % 3 },
    })),
  }),
);
const ruleSet = fc.oneof(ruleSetOf(when), ruleSetOf(codOnly));
// Orders around every bound, plus codes and amounts no rule names.
const order = fc.record({
  type_code: fc.constantFrom(...TYPES, 15, 99),
  state_code: fc.constantFrom(...STATES, 10, 60),
  cod_piastres: fc.oneof(
    fc.constantFrom(...AMOUNTS.flatMap((a) => [Math.round(a * 100) - 1, Math.round(a * 100), Math.round(a * 100) + 1])),
    fc.integer({ min: -100_000, max: 100_000 }),
  ),
});

/** The first rule (by index) whose written condition holds, or -1. */
function reference(input: RuleSetInput, o: OrderFacts): number {
  const amount = (b: number | string): number => Math.round((typeof b === 'number' ? b : PARAMETERS[b.slice(1) as keyof typeof PARAMETERS]) * 100);
  const holds = (op: Op, b: number | string): boolean => {
    const x = amount(b);
    const c = o.cod_piastres;
    return op === 'gt' ? c > x : op === 'gte' ? c >= x : op === 'lt' ? c < x : op === 'lte' ? c <= x : c === x;
  };
  return input.rules.findIndex(({ when: w }) =>
    (w.type_codes?.includes(o.type_code) ?? true) &&
    (w.state_codes?.includes(o.state_code) ?? true) &&
    OPS.every((op) => w.cod?.[op] === undefined || holds(op, w.cod[op])),
  );
}

describe('rule engine (property)', () => {
  it('classifies every order exactly like the literal reading of the rules', () => {
    fc.assert(
      fc.property(ruleSet, fc.array(order, { minLength: 1, maxLength: 40 }), (input, orders) => {
        const engine = createRuleEngine(1, input);
        for (const o of orders) {
          const expected = reference(input, o);
          expect(engine.classify(o)?.rule_id).toBe(expected < 0 ? undefined : `R${expected}`);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a rule reported unreachable or contradictory never wins; every other rule wins its witness order', () => {
    fc.assert(
      fc.property(ruleSet, fc.array(order, { minLength: 1, maxLength: 40 }), (input, orders) => {
        const dead = new Set(
          validateRuleSet(input)
            .filter((p) => p.code === 'unreachable_rule' || p.code === 'contradictory_rule')
            .map((p) => Number(p.rule_id?.slice(1))),
        );
        for (const o of orders) expect(dead.has(reference(input, o))).toBe(false);
        const { witnesses } = analyzeCoverage(compileRules(input).rules);
        witnesses.forEach((w, i) => {
          expect(w === null).toBe(dead.has(i));
          if (w) expect(reference(input, w)).toBe(i);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('reports a gap exactly when some order matches no rule', () => {
    fc.assert(
      fc.property(ruleSet, fc.array(order, { minLength: 1, maxLength: 40 }), (input, orders) => {
        const { gaps } = analyzeCoverage(compileRules(input).rules);
        const incomplete = validateRuleSet(input).some((p) => p.code === 'incomplete_rule_set');
        expect(incomplete).toBe(gaps.length > 0);
        for (const gap of gaps) expect(reference(input, gap)).toBe(-1);
        if (gaps.length === 0) for (const o of orders) expect(reference(input, o)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });
});
