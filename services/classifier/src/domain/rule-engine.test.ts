import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from './default-rule-set.js';
import { createRuleEngine } from './rule-engine.js';
import { validateRuleSet } from './validate-rule-set.js';

const engine = createRuleEngine(1, DEFAULT_RULE_SET);
const SEND = 10;

/** [type, state, cod in piastres, expected rule, service type, category, level] */
const CASES: [number, number, number, string, string, string, number][] = [
  // R1 / R2 boundary at the 500 EGP threshold
  [SEND, 45, 500_01, 'R1', 'main', 'Real Sales Order', 0],
  [SEND, 45, 1_500_00, 'R1', 'main', 'Real Sales Order', 0],
  [SEND, 45, 500_00, 'R2', 'maintenance', 'Maintenance Order', 1],
  [SEND, 45, 1, 'R2', 'maintenance', 'Maintenance Order', 1],
  // R3 exactly 0; R4 below 0 (any state)
  [SEND, 45, 0, 'R3', 'service', 'Service Order', 1],
  [SEND, 45, -1, 'R4', 'return', 'Refund Order', 1],
  [SEND, 46, -1, 'R4', 'return', 'Refund Order', 1],
  [SEND, 47, -50_00, 'R4', 'return', 'Refund Order', 1],
  // states 46 / 47 are not delivered: operational whatever the positive or zero COD
  [SEND, 46, 500_01, 'R5', 'operational', 'Operational Order', 0],
  [SEND, 47, 500_01, 'R5', 'operational', 'Operational Order', 0],
  [SEND, 46, 0, 'R5', 'operational', 'Operational Order', 0],
  [SEND, 47, 100_00, 'R5', 'operational', 'Operational Order', 0],
  [SEND, 41, 0, 'R5', 'operational', 'Operational Order', 0],
  // type rules win over every COD rule
  [25, 45, -50_00, 'T1', 'return_pickup', 'Return Pickup', 1],
  [25, 45, 1_000_00, 'T1', 'return_pickup', 'Return Pickup', 1],
  [25, 46, 0, 'T1', 'return_pickup', 'Return Pickup', 1],
  [30, 45, 500_01, 'T2', 'exchange', 'Exchange Order', 1],
  [30, 45, -1, 'T2', 'exchange', 'Exchange Order', 1],
  [30, 47, 0, 'T2', 'exchange', 'Exchange Order', 1],
];

describe('default rule set v1', () => {
  it('is valid: no duplicate, contradictory or unreachable rule, every order classified', () => {
    expect(validateRuleSet(DEFAULT_RULE_SET)).toEqual([]);
  });

  it.each(CASES)('type %i, state %i, cod %i piastres → %s', (type_code, state_code, cod_piastres, rule, service, category, level) => {
    expect(engine.classify({ type_code, state_code, cod_piastres })).toEqual({
      rule_id: rule, service_type: service, business_category: category, order_level: level,
    });
  });

  // Every COD boundary of v1 in each of the states 45 (delivered), 46 and 47: only 45 reaches R1-R3; R4 holds in any state.
  const BOUNDARIES: [number, string, string][] = [
    [500_01, 'R1', 'R5'],
    [500_00, 'R2', 'R5'],
    [1, 'R2', 'R5'],
    [0, 'R3', 'R5'],
    [-1, 'R4', 'R4'],
  ];
  it.each([45, 46, 47].flatMap((state) => BOUNDARIES.map(([cod, delivered, other]) => [state, cod, state === 45 ? delivered : other] as const)))(
    'state %i, cod %i piastres → %s',
    (state_code, cod_piastres, rule) => {
      expect(engine.classify({ type_code: SEND, state_code, cod_piastres })?.rule_id).toBe(rule);
      // The type rules come before every COD rule, whatever the state and amount.
      expect(engine.classify({ type_code: 25, state_code, cod_piastres })?.rule_id).toBe('T1');
      expect(engine.classify({ type_code: 30, state_code, cod_piastres })?.rule_id).toBe('T2');
    },
  );

  it('follows the threshold parameter: 600 EGP moves the R1/R2 boundary', () => {
    const e = createRuleEngine(2, { ...DEFAULT_RULE_SET, parameters: { main_cod_threshold: 600 } });
    expect(e.classify({ type_code: SEND, state_code: 45, cod_piastres: 550_00 })?.rule_id).toBe('R2');
    expect(e.classify({ type_code: SEND, state_code: 45, cod_piastres: 600_00 })?.rule_id).toBe('R2');
    expect(e.classify({ type_code: SEND, state_code: 45, cod_piastres: 600_01 })?.rule_id).toBe('R1');
  });

  it('answers undefined when no rule matches (only possible for an unpublished, incomplete set)', () => {
    const e = createRuleEngine(3, { parameters: {}, rules: [DEFAULT_RULE_SET.rules[0]!] });
    expect(e.classify({ type_code: SEND, state_code: 45, cod_piastres: 0 })).toBeUndefined();
  });

  it('refuses to build an engine whose references do not resolve', () => {
    expect(() => createRuleEngine(4, { ...DEFAULT_RULE_SET, parameters: {} })).toThrow(/unknown parameter \$main_cod_threshold/);
  });
});
