import type { RuleSetInput } from '@hvar/contracts';
import { compileRules, isContradictory, type CompiledRule, type RuleOutcome } from './compile-rules.js';
import type { OrderFacts } from './rule-set-problem.js';

/** The classification of one order: what the first matching rule assigns, and that rule's id. */
export interface Classification extends RuleOutcome {
  rule_id: string;
}

/** A compiled rule set of one version: classifies orders. */
export interface RuleEngine {
  version: number;
  /** The first matching rule's outcome, or undefined when no rule matches. */
  classify(order: OrderFacts): Classification | undefined;
}

interface Matcher {
  types: ReadonlySet<number> | null;
  states: ReadonlySet<number> | null;
  lo: number;
  hi: number;
  result: Classification;
}

/**
 * Builds the engine of a rule set. The set is expected to be valid (see `validateRuleSet`); a
 * contradictory rule simply never matches, and a bound that cannot be resolved is an error.
 */
export function createRuleEngine(version: number, input: Pick<RuleSetInput, 'parameters' | 'rules'>): RuleEngine {
  const compiled = compileRules(input);
  const first = compiled.problems[0];
  if (first) throw new Error(`rule set v${version} does not compile: ${first.message}`);
  const matchers = compiled.rules.filter((r) => !isContradictory(r)).map(toMatcher);
  return {
    version,
    classify(order) {
      for (const m of matchers) {
        if (m.types !== null && !m.types.has(order.type_code)) continue;
        if (m.states !== null && !m.states.has(order.state_code)) continue;
        if (order.cod_piastres < m.lo || order.cod_piastres > m.hi) continue;
        return m.result;
      }
      return undefined;
    },
  };
}

function toMatcher(rule: CompiledRule): Matcher {
  return {
    types: rule.types,
    states: rule.states,
    lo: rule.cod?.lo ?? -Infinity,
    hi: rule.cod?.hi ?? Infinity,
    // One frozen object per rule: every order it classifies shares it (no allocation per order).
    result: Object.freeze({ ...rule.then, rule_id: rule.id }),
  };
}
