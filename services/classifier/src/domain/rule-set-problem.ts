/** What is wrong with a rule set (each problem blocks publication). */
export type RuleSetProblemCode =
  | 'duplicate_rule_id'
  | 'unknown_parameter'
  | 'invalid_parameter'
  | 'invalid_bound'
  | 'contradictory_rule'
  | 'unreachable_rule'
  | 'incomplete_rule_set';

/** An order as the rules see it; COD in piastres. */
export interface OrderFacts {
  type_code: number;
  state_code: number;
  cod_piastres: number;
}

/** One problem of a rule set, with the path of the offending part and a reason a person can act on. */
export interface RuleSetProblem {
  code: RuleSetProblemCode;
  /** Dotted path into the rule set, e.g. `rules.3.when.cod.gt` or `parameters.main_cod_threshold`. */
  path: string;
  message: string;
  rule_id?: string;
  /** For an incomplete rule set: an order no rule matches (COD in EGP). */
  example?: { type_code: number; state_code: number; cod: number };
}
