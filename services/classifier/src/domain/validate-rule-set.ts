import type { RuleSetInput } from '@hvar/contracts';
import { describeConflict } from './cod-range.js';
import { compileRules, isContradictory, type CompiledRule } from './compile-rules.js';
import { egpOf, formatEgp } from './money.js';
import { analyzeCoverage, shadowingRules } from './rule-coverage.js';
import type { OrderFacts, RuleSetProblem } from './rule-set-problem.js';

/**
 * Every problem of a rule set that parsed (RuleSetInputSchema), in rule order: duplicate rule ids,
 * unknown or unusable parameter references and bounds, contradictory rules (their own condition never holds),
 * unreachable rules (earlier rules always match first) and orders no rule matches. Reachability and
 * completeness are decided exactly (see `analyzeCoverage`) once every reference resolves. A main rule
 * with `order_level` other than 0 is allowed: levels are the admin's data. Empty: the set is valid.
 */
export function validateRuleSet(input: Pick<RuleSetInput, 'parameters' | 'rules'>): RuleSetProblem[] {
  const compiled = compileRules(input);
  const problems = [...duplicateIds(input), ...compiled.problems, ...contradictions(compiled.rules)];
  // With an unresolved bound a rule's condition is unknown: coverage would be guessed, not decided.
  if (compiled.problems.length > 0) return problems;
  return [...problems, ...coverageProblems(compiled.rules)];
}

function duplicateIds(input: Pick<RuleSetInput, 'rules'>): RuleSetProblem[] {
  const firstAt = new Map<string, number>();
  const problems: RuleSetProblem[] = [];
  input.rules.forEach((rule, index) => {
    const first = firstAt.get(rule.id);
    if (first === undefined) firstAt.set(rule.id, index);
    else problems.push({ code: 'duplicate_rule_id', path: `rules.${index}.id`, rule_id: rule.id, message: `rule id "${rule.id}" is used again (first by rules.${first})` });
  });
  return problems;
}

function contradictions(rules: readonly CompiledRule[]): RuleSetProblem[] {
  return rules.filter(isContradictory).map((rule) => ({
    code: 'contradictory_rule',
    path: `rules.${rule.index}.when.cod`,
    rule_id: rule.id,
    message: `rule "${rule.id}" can never match: ${rule.cod ? describeConflict(rule.cod) : 'its condition never holds'}`,
  }));
}

function coverageProblems(rules: readonly CompiledRule[]): RuleSetProblem[] {
  const coverage = analyzeCoverage(rules);
  const problems: RuleSetProblem[] = [];
  for (const rule of rules) {
    if (coverage.witnesses[rule.index] !== null || isContradictory(rule)) continue;
    const by = shadowingRules(rules, rule.index).map((i) => `"${rules[i]?.id ?? i}"`);
    problems.push({
      code: 'unreachable_rule',
      path: `rules.${rule.index}`,
      rule_id: rule.id,
      message: `rule "${rule.id}" is unreachable: every order it matches is matched first by rule${by.length === 1 ? '' : 's'} ${by.join(', ')}`,
    });
  }
  const [example] = coverage.gaps;
  if (example) {
    problems.push({
      code: 'incomplete_rule_set',
      path: 'rules',
      message: `no rule matches some orders, e.g. ${coverage.gaps.map(describeOrder).join('; ')}; end the list with a catch-all rule ("when": {})`,
      example: { type_code: example.type_code, state_code: example.state_code, cod: egpOf(example.cod_piastres) },
    });
  }
  return problems;
}

function describeOrder(order: OrderFacts): string {
  return `type ${order.type_code}, state ${order.state_code}, cod ${formatEgp(order.cod_piastres)}`;
}
