import type { ClassificationRule, RuleSetInput } from '@hvar/contracts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from './default-rule-set.js';
import { createRuleEngine } from './rule-engine.js';
import { validateRuleSet } from './validate-rule-set.js';

type When = ClassificationRule['when'];
const rule = (id: string, when: When, service_type: ClassificationRule['then']['service_type'] = 'operational', order_level = 0): ClassificationRule => ({
  id, description: '', when, then: { business_category: `Category ${id}`, service_type, order_level },
});
const catchAll = rule('ALL', {});
const set = (rules: ClassificationRule[], parameters: Record<string, number> = { main_cod_threshold: 500 }): RuleSetInput => ({ parameters, rules });
const v1 = DEFAULT_RULE_SET.rules;

describe('validateRuleSet', () => {
  it('reports every duplicate rule id with where it was first used', () => {
    const problems = validateRuleSet(set([rule('A', { type_codes: [25] }), rule('A', { type_codes: [30] }), rule('A', { state_codes: [45] }), catchAll]));
    expect(problems).toEqual([
      { code: 'duplicate_rule_id', path: 'rules.1.id', rule_id: 'A', message: 'rule id "A" is used again (first by rules.0)' },
      { code: 'duplicate_rule_id', path: 'rules.2.id', rule_id: 'A', message: 'rule id "A" is used again (first by rules.0)' },
    ]);
  });

  it('reports an unknown parameter reference with the known names', () => {
    const problems = validateRuleSet(set([rule('X', { state_codes: [45], cod: { gt: '$main_cod_treshold' } }), catchAll]));
    expect(problems).toEqual([
      {
        code: 'unknown_parameter', path: 'rules.0.when.cod.gt', rule_id: 'X',
        message: 'rule "X" refers to unknown parameter $main_cod_treshold (known: $main_cod_threshold)',
      },
    ]);
    expect(validateRuleSet(set([rule('X', { cod: { lt: '$limit' } }), catchAll], {}))[0]?.message).toMatch(/the rule set has no parameters/);
  });

  it('reports a parameter used as a COD bound that is not EGP with 2 decimals, once', () => {
    const problems = validateRuleSet(set([rule('X', { cod: { gt: '$t' } }), rule('Y', { cod: { lte: '$t' } }), catchAll], { t: 500.005 }));
    expect(problems).toEqual([
      { code: 'invalid_parameter', path: 'parameters.t', message: 'parameter t = 500.005 is used as a COD bound but is not an EGP amount with at most 2 decimals' },
    ]);
  });

  it('reports a literal bound too large to be counted exactly in piastres', () => {
    expect(validateRuleSet(set([rule('BIG', { cod: { lt: 1e20 } }), catchAll]))).toEqual([
      { code: 'invalid_bound', path: 'rules.0.when.cod.lt', rule_id: 'BIG', message: 'rule "BIG": COD bound 100000000000000000000 is not an EGP amount with at most 2 decimals in range' },
    ]);
  });

  it.each([
    [{ gt: 500, lt: 100 }, 'cod > 500.00 and cod < 100.00 leave no amount in whole piastres'],
    [{ eq: 0, gt: 0 }, 'cod > 0.00 and cod = 0.00 leave no amount in whole piastres'],
    [{ gt: 5, lt: 5 }, 'cod > 5.00 and cod < 5.00 leave no amount in whole piastres'],
    [{ gt: 0, lt: 0.01 }, 'cod > 0.00 and cod < 0.01 leave no amount in whole piastres'],
    [{ gte: '$main_cod_threshold', eq: 100 }, 'cod >= 500.00 ($main_cod_threshold) and cod = 100.00 leave no amount in whole piastres'],
  ] as const)('reports a contradictory rule: cod %j', (cod, reason) => {
    const problems = validateRuleSet(set([rule('C', { state_codes: [45], cod }), catchAll]));
    expect(problems).toEqual([{ code: 'contradictory_rule', path: 'rules.0.when.cod', rule_id: 'C', message: `rule "C" can never match: ${reason}` }]);
  });

  it('accepts bounds that meet at one amount (gte 5 and lte 5, eq with gte)', () => {
    expect(validateRuleSet(set([rule('P', { cod: { gte: 5, lte: 5 } }), rule('Q', { cod: { eq: 6, gte: 6 } }), catchAll]))).toEqual([]);
  });

  it('reports a rule after a catch-all as unreachable, naming the rule that wins', () => {
    const problems = validateRuleSet(set([catchAll, rule('LATE', { type_codes: [10] })]));
    expect(problems).toEqual([
      { code: 'unreachable_rule', path: 'rules.1', rule_id: 'LATE', message: 'rule "LATE" is unreachable: every order it matches is matched first by rule "ALL"' },
    ]);
  });

  it('decides reachability exactly: shadowed by two earlier rules together, but not when one amount is left', () => {
    const r1r2 = v1.slice(2, 4); // R1 (state 45, cod > 500) and R2 (state 45, 0 < cod <= 500)
    const shadowed = validateRuleSet(set([...r1r2, rule('POS', { state_codes: [45], cod: { gte: 0.01 } }), catchAll]));
    expect(shadowed).toEqual([
      { code: 'unreachable_rule', path: 'rules.2', rule_id: 'POS', message: 'rule "POS" is unreachable: every order it matches is matched first by rules "R1", "R2"' },
    ]);
    // cod >= 0 still wins at exactly 0.00 EGP.
    expect(validateRuleSet(set([...r1r2, rule('NONNEG', { state_codes: [45], cod: { gte: 0 } }), catchAll]))).toEqual([]);
    // A type rule listing a type an earlier rule does not take is reachable through that type only.
    expect(validateRuleSet(set([rule('A', { type_codes: [25] }), rule('B', { type_codes: [25, 30] }), catchAll]))).toEqual([]);
    expect(validateRuleSet(set([rule('A', { type_codes: [25, 30] }), rule('B', { type_codes: [30] }), catchAll]))[0]).toMatchObject({
      code: 'unreachable_rule', rule_id: 'B',
    });
  });

  it('reports an incomplete set with an example order no rule matches', () => {
    const withoutCatchAll = v1.slice(0, 6);
    const problems = validateRuleSet(set(withoutCatchAll));
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem).toMatchObject({ code: 'incomplete_rule_set', path: 'rules' });
    expect(problem?.message).toMatch(/^no rule matches some orders, e\.g\. type 0, state 0, cod 0\.00; .*catch-all/);
    const example = problem?.example;
    expect(example).toBeDefined();
    const engine = createRuleEngine(9, set(withoutCatchAll));
    expect(engine.classify({ type_code: example!.type_code, state_code: example!.state_code, cod_piastres: Math.round(example!.cod * 100) })).toBeUndefined();
  });

  it('finds a gap that is a single amount', () => {
    const problems = validateRuleSet(set([rule('NEG', { cod: { lt: 0 } }), rule('POS', { cod: { gt: 0 } })], {}));
    expect(problems).toEqual([
      expect.objectContaining({ code: 'incomplete_rule_set', example: { type_code: 0, state_code: 0, cod: 0 } }),
    ]);
  });

  it('returns every problem at once', () => {
    const problems = validateRuleSet(set([
      rule('A', { type_codes: [25] }),
      rule('A', { type_codes: [25] }),
      rule('B', { cod: { gt: 10, lt: 1 } }),
      rule('C', { cod: { gte: '$missing' } }),
    ]));
    expect(problems.map((p) => p.code)).toEqual(['duplicate_rule_id', 'unknown_parameter', 'contradictory_rule']);
    const resolved = validateRuleSet(set([rule('A', { type_codes: [25] }), rule('A', { type_codes: [25] }), rule('B', { cod: { gt: 10, lt: 1 } })]));
    expect(resolved.map((p) => [p.code, p.path])).toEqual([
      ['duplicate_rule_id', 'rules.1.id'], ['contradictory_rule', 'rules.2.when.cod'], ['unreachable_rule', 'rules.1'], ['incomplete_rule_set', 'rules'],
    ]);
  });

  it('does not judge order levels: a main rule at level 2 is the admin’s data', () => {
    expect(validateRuleSet(set([rule('M', { state_codes: [45] }, 'main', 2), catchAll]))).toEqual([]);
  });
});
