import type { ClassificationRule, RuleSetInput, ServiceType } from '@hvar/contracts';
import { ANY_COD, isEmptyRange, narrow, type CodOp, type CodRange } from './cod-range.js';
import { piastresOf } from './money.js';
import type { RuleSetProblem } from './rule-set-problem.js';

/** What a rule assigns to the orders it matches. */
export interface RuleOutcome {
  business_category: string;
  service_type: ServiceType;
  order_level: number;
}

/** A rule ready to be evaluated: code sets and the COD range in piastres. */
export interface CompiledRule {
  index: number;
  id: string;
  /** null: any type matches. */
  types: ReadonlySet<number> | null;
  /** null: any state matches. */
  states: ReadonlySet<number> | null;
  /** null: any COD matches. */
  cod: CodRange | null;
  then: RuleOutcome;
}

/** Rules compiled from a rule set, and the references that could not be resolved. */
export interface CompiledRules {
  rules: CompiledRule[];
  problems: RuleSetProblem[];
}

const OPS: readonly CodOp[] = ['gt', 'gte', 'lt', 'lte', 'eq'];

/**
 * Compiles a rule set: `$name` references are resolved from its parameters and every bound becomes
 * piastres. A bound that cannot be resolved (unknown name, a value with more than 2 decimals or
 * beyond exact integer range) is reported as a problem and left out of its rule's range.
 */
export function compileRules(input: Pick<RuleSetInput, 'parameters' | 'rules'>): CompiledRules {
  const problems: RuleSetProblem[] = [];
  const badParameters = new Set<string>();
  const rules = input.rules.map((rule, index) => {
    const cod = compileCod(rule, index, input.parameters, (problem) => {
      if (problem.code === 'invalid_parameter') {
        if (badParameters.has(problem.path)) return;
        badParameters.add(problem.path);
      }
      problems.push(problem);
    });
    return {
      index,
      id: rule.id,
      types: rule.when.type_codes ? new Set(rule.when.type_codes) : null,
      states: rule.when.state_codes ? new Set(rule.when.state_codes) : null,
      cod,
      then: { business_category: rule.then.business_category, service_type: rule.then.service_type, order_level: rule.then.order_level },
    };
  });
  return { rules, problems };
}

function compileCod(
  rule: ClassificationRule,
  index: number,
  parameters: Record<string, number>,
  report: (problem: RuleSetProblem) => void,
): CodRange | null {
  const cod = rule.when.cod;
  if (!cod) return null;
  let range = ANY_COD;
  for (const op of OPS) {
    const written = cod[op];
    if (written === undefined) continue;
    const piastres = resolveBound(written, `rules.${index}.when.cod.${op}`, rule.id, parameters, report);
    if (piastres !== undefined) range = narrow(range, { op, piastres, written: String(written) });
  }
  return range;
}

function resolveBound(
  written: number | string,
  path: string,
  ruleId: string,
  parameters: Record<string, number>,
  report: (problem: RuleSetProblem) => void,
): number | undefined {
  if (typeof written === 'number') {
    const piastres = piastresOf(written);
    if (piastres === undefined) {
      report({ code: 'invalid_bound', path, rule_id: ruleId, message: `rule "${ruleId}": COD bound ${written} is not an EGP amount with at most 2 decimals in range` });
    }
    return piastres;
  }
  const name = written.slice(1);
  const value = Object.hasOwn(parameters, name) ? parameters[name] : undefined;
  if (value === undefined) {
    const known = Object.keys(parameters);
    const hint = known.length > 0 ? `known: ${known.map((k) => `$${k}`).join(', ')}` : 'the rule set has no parameters';
    report({ code: 'unknown_parameter', path, rule_id: ruleId, message: `rule "${ruleId}" refers to unknown parameter ${written} (${hint})` });
    return undefined;
  }
  const piastres = piastresOf(value);
  if (piastres === undefined) {
    report({ code: 'invalid_parameter', path: `parameters.${name}`, message: `parameter ${name} = ${value} is used as a COD bound but is not an EGP amount with at most 2 decimals` });
  }
  return piastres;
}

/** True when the rule's own condition can never hold (its COD bounds exclude each other). */
export function isContradictory(rule: CompiledRule): boolean {
  return rule.cod !== null && isEmptyRange(rule.cod);
}
