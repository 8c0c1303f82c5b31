import type { ActionType } from '@hvar/contracts';
import type { Database, Logger } from '@hvar/platform';
import type { ServiceActionConfig } from './config.js';

/** Segment thresholds (domain.md §5); amounts in piastres. */
export interface SegmentSettings {
  newDays: number;
  vipValuePiastres: number;
  vipMainOrders: number;
  problemReturnRate: number;
  problemMinOrders: number;
  problemReturned: number;
}

/** Action settings (domain.md §6); amounts in piastres. */
export interface ActionSettings {
  estimatedCostPiastres: Record<ActionType, number>;
  labourPiastres: number;
  returnPickupFeePiastres: number;
}

/** Everything the handlers share, built once in `main.ts` (or a test). */
export interface ServiceActionDeps {
  database: Database;
  log: Logger;
  /** Relays committed outbox rows now instead of at the next poll. */
  kickOutbox: () => void;
  /** Tells readers (the gateway's customer response cache) that customer reads may have changed; never throws. */
  bumpCustomerReads: () => Promise<void>;
  segments: SegmentSettings;
  actions: ActionSettings;
  /** The clock (tests move it). */
  now: () => Date;
}

const piastres = (egp: number) => Math.round(egp * 100);

/** Settings from the parsed configuration. */
export function settingsFromConfig(config: ServiceActionConfig): Pick<ServiceActionDeps, 'segments' | 'actions'> {
  return {
    segments: {
      newDays: config.SEGMENT_NEW_DAYS,
      vipValuePiastres: piastres(config.SEGMENT_VIP_VALUE),
      vipMainOrders: config.SEGMENT_VIP_MAIN_ORDERS,
      problemReturnRate: config.SEGMENT_PROBLEM_RETURN_RATE,
      problemMinOrders: config.SEGMENT_PROBLEM_MIN_ORDERS,
      problemReturned: config.SEGMENT_PROBLEM_RETURNED,
    },
    actions: {
      estimatedCostPiastres: {
        maintenance: piastres(config.SA_COST_MAINTENANCE),
        service: piastres(config.SA_COST_SERVICE),
        replace_part: piastres(config.SA_COST_REPLACE_PART),
        replace_full: piastres(config.SA_COST_REPLACE_FULL),
        return_refund: piastres(config.SA_COST_RETURN_REFUND),
      },
      labourPiastres: piastres(config.SA_LABOUR_COST),
      returnPickupFeePiastres: piastres(config.SA_RETURN_PICKUP_FEE),
    },
  };
}
