import type { OrderChange, OrderClassification } from '@hvar/contracts';
import type { Classification } from './rule-engine.js';

/** The classification an order had before a write (read under its row lock). */
export interface PreviousClassification extends Classification {
  state_code: number;
  rule_set_version: number;
}

/**
 * One change per order: when a batch holds the same order twice, the one with the latest state time
 * wins, then the higher sync version (on a full tie, the later one in the batch), as the upsert
 * orders them. Sorted by order id, the order rows are locked in.
 */
export function latestPerOrder(changes: readonly OrderChange[]): OrderChange[] {
  const byId = new Map<string, { change: OrderChange; at: number }>();
  for (const change of changes) {
    const at = Date.parse(change.state_at);
    const seen = byId.get(change.order_id);
    if (!seen || at > seen.at || (at === seen.at && change.sync_version >= seen.change.sync_version)) byId.set(change.order_id, { change, at });
  }
  return [...byId.values()].map((v) => v.change).sort((a, b) => (a.order_id < b.order_id ? -1 : a.order_id > b.order_id ? 1 : 0));
}

/** Why an order's classification was written again: first time, new state, or other facts. */
export function changeCause(previous: PreviousClassification | undefined, stateCode: number): 'created' | 'state_changed' | 'updated' {
  if (!previous) return 'created';
  return previous.state_code === stateCode ? 'updated' : 'state_changed';
}

/** The `order-classified` fact of an order written from an order change. */
export function classifiedFromChange(
  change: OrderChange,
  result: Classification & { rule_set_version: number; revision: number; changed: boolean },
  previous: PreviousClassification | undefined,
): OrderClassification {
  return {
    order_id: change.order_id,
    tracking_number: change.tracking_number,
    receiver_phone: change.receiver_phone,
    type_code: change.type_code,
    state_code: change.state_code,
    state_at: change.state_at,
    cod_piastres: change.cod_piastres,
    created_at: change.created_at,
    delivered_at: change.delivered_at,
    product_name: change.product_name,
    business_reference: change.business_reference,
    unique_business_reference: change.unique_business_reference,
    business_category: result.business_category,
    service_type: result.service_type,
    order_level: result.order_level,
    rule_id: result.rule_id,
    rule_set_version: result.rule_set_version,
    revision: result.revision,
    changed: result.changed,
    state_changed: previous !== undefined && previous.state_code !== change.state_code,
    previous_service_type: previous?.service_type ?? null,
    customer: change.customer,
  };
}
