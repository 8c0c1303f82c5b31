/** Delivery type codes the simulator creates (bosta-api.md §4). */
export type SimTypeCode = 10 | 15 | 25 | 30;

/** REST `type.value` per code. */
export const TYPE_VALUES: Record<SimTypeCode, string> = {
  10: 'Package Delivery',
  15: 'Cash Collection',
  25: 'Customer Return Pickup',
  30: 'Exchange',
};

/** Webhook/search enum per code. */
export const TYPE_ENUMS: Record<SimTypeCode, string> = {
  10: 'SEND',
  15: 'CASH_COLLECTION',
  25: 'CUSTOMER_RETURN_PICKUP',
  30: 'EXCHANGE',
};

/** True for a type code the simulator accepts on create. */
export function isSimType(code: unknown): code is SimTypeCode {
  return code === 10 || code === 15 || code === 25 || code === 30;
}

/** `state.value` per state code (bosta-api.md §5). */
export const STATE_VALUES: Record<number, string> = {
  10: 'Pickup requested', 11: 'Waiting for route', 20: 'Route Assigned', 21: 'Picked up from business',
  22: 'Picking up from consignee', 23: 'Picked up from consignee', 24: 'Received at warehouse',
  30: 'In transit between Hubs', 40: 'Picking up', 41: 'Out for delivery', 45: 'Delivered',
  46: 'Returned to business', 47: 'Exception', 48: 'Terminated', 49: 'Canceled', 60: 'Returned to stock',
  100: 'Lost', 101: 'Damaged', 102: 'Investigation', 103: 'Awaiting your action', 104: 'Archived', 105: 'On hold',
};

/** `maskedState` per state code. */
export const MASKED_STATES: Record<number, string> = {
  10: 'Created', 11: 'In progress', 20: 'In progress', 21: 'Picked up', 22: 'Heading to customer',
  23: 'Picked up', 24: 'In Transit', 30: 'In Transit', 40: 'Heading to customer', 41: 'Out for delivery',
  45: 'Delivered', 46: 'Returned', 47: 'In progress', 48: 'Terminated', 49: 'Canceled', 60: 'Returned',
  100: 'Unsuccessful', 101: 'Unsuccessful', 102: 'In progress', 103: 'Awaiting your action', 104: 'Archived', 105: 'In progress',
};

/** Every state code the admin API may move a delivery to. */
export const KNOWN_STATES: readonly number[] = Object.keys(STATE_VALUES).map(Number);

/** `timeline[].value` key of a step, by type (BDOC labels). */
export function timelineValue(type: SimTypeCode, state: number): string {
  if (state === 41) return type === 25 ? 'out_for_return' : type === 30 ? 'out_for_exchange' : 'out_for_delivery';
  if (state === 45 && type === 15) return 'collected';
  return TIMELINE_VALUES[state] ?? `state_${state}`;
}

const TIMELINE_VALUES: Record<number, string> = {
  10: 'ready_for_pickup', 11: 'ready_for_collection', 20: 'route_assigned', 21: 'pickedup',
  22: 'picking_up_from_consignee', 23: 'pickedup_from_consignee', 24: 'received_at_warehouse',
  30: 'in_transit', 40: 'out_for_collection', 45: 'delivered', 46: 'returned', 47: 'exception',
  48: 'terminated', 49: 'canceled',
};

/** States in which a delivery may still be terminated (else 400/1070). */
export const TERMINABLE_STATES: ReadonlySet<number> = new Set([10, 11, 20]);
/** States in which a delivery may still be updated (BDOC). */
export const UPDATABLE_STATES: ReadonlySet<number> = new Set([10, 11, 20, 21, 22, 24, 30, 41, 47]);
/** States after which nothing happens any more. */
export const FINAL_STATES: ReadonlySet<number> = new Set([45, 46, 48, 49, 60, 100, 101, 104]);
