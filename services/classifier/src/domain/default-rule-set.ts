import type { RuleSetInput } from '@hvar/contracts';

/**
 * Rule set v1 (domain.md §3): the seed's table, preceded by the type rules that take precedence.
 * Data, not code: it is stored as version 1 on a fresh database and replaced by publishing.
 */
export const DEFAULT_RULE_SET: RuleSetInput = {
  parameters: { main_cod_threshold: 500 },
  notes: 'Default rule set v1 (domain.md §3).',
  rules: [
    { id: 'T1', description: 'Customer return pickup (type 25)', when: { type_codes: [25] }, then: { business_category: 'Return Pickup', service_type: 'return_pickup', order_level: 1 } },
    { id: 'T2', description: 'Exchange (type 30)', when: { type_codes: [30] }, then: { business_category: 'Exchange Order', service_type: 'exchange', order_level: 1 } },
    {
      id: 'R1', description: 'Delivered with COD above the threshold: a real sale',
      when: { state_codes: [45], cod: { gt: '$main_cod_threshold' } },
      then: { business_category: 'Real Sales Order', service_type: 'main', order_level: 0 },
    },
    {
      id: 'R2', description: 'Delivered with 0 < COD <= threshold: maintenance',
      when: { state_codes: [45], cod: { gt: 0, lte: '$main_cod_threshold' } },
      then: { business_category: 'Maintenance Order', service_type: 'maintenance', order_level: 1 },
    },
    { id: 'R3', description: 'Delivered with COD 0: service', when: { state_codes: [45], cod: { eq: 0 } }, then: { business_category: 'Service Order', service_type: 'service', order_level: 1 } },
    { id: 'R4', description: 'Negative COD (any state): refund', when: { cod: { lt: 0 } }, then: { business_category: 'Refund Order', service_type: 'return', order_level: 1 } },
    { id: 'R5', description: 'Everything else', when: {}, then: { business_category: 'Operational Order', service_type: 'operational', order_level: 0 } },
  ],
};
